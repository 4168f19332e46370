/**
 * Abort checks and abort handling (RULES.md, `no-swallowed-abort-error` and
 * `no-aborted-signal-in-cleanup`): the ways code asks "was this an abort?".
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberName, staticName } from './ast.js';
import { isFunctionNode } from './async-context.js';
import { unwrap, walk } from './signals.js';

const { DefinitionType } = TSESLint.Scope;

const ABORT_PREDICATE = /^is\w*(?:Abort|Cancel)\w*$/u;
/** Methods that send the error down an error path or on to a consumer. */
const PASS_ON_METHODS: ReadonlySet<string> = new Set(['destroy', 'enqueue', 'write', 'send', 'postMessage', 'resolve']);
const ABORT_ERROR_NAMES: ReadonlySet<string> = new Set(['AbortError', 'TimeoutError']);
const ABORT_CODES: ReadonlySet<string> = new Set(['ABORT_ERR', 'ERR_CANCELED', 'ECANCELED']);

/**
 * Is `node` itself an abort check: `x.aborted`, `err.name === 'AbortError'`,
 * `err.code === 'ABORT_ERR'`, `err === signal.reason`, `err instanceof DOMException` (or a
 * class named like `…Abort…`), a predicate named like `isAbortError`, `x.throwIfAborted()`?
 */
export function isAbortCheckNode(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.MemberExpression:
      return memberName(node) === 'aborted';
    case AST_NODE_TYPES.BinaryExpression: {
      if (node.operator === 'instanceof') {
        const right = unwrap(node.right);
        const name = staticName(right);
        return name !== undefined && (name === 'DOMException' || name.includes('Abort'));
      }
      if (!['===', '==', '!==', '!='].includes(node.operator)) return false;
      return isAbortComparison(node.left as TSESTree.Expression, node.right) || isAbortComparison(node.right, node.left as TSESTree.Expression);
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(node.callee);
      const name = staticName(callee);
      return name !== undefined && (name === 'throwIfAborted' || ABORT_PREDICATE.test(name));
    }
    default:
      return false;
  }
}

function isAbortComparison(a: TSESTree.Expression, b: TSESTree.Expression): boolean {
  const member = unwrap(a);
  const other = unwrap(b);
  if (member.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(member);
  if (name === 'reason') return true;
  if (other.type !== AST_NODE_TYPES.Literal || typeof other.value !== 'string') return false;
  if (name === 'name') return ABORT_ERROR_NAMES.has(other.value);
  if (name === 'code') return ABORT_CODES.has(other.value);
  return false;
}

/** Does `node` contain an abort check (not looking into nested functions)? */
export function containsAbortCheck(node: TSESTree.Node, before = Infinity): boolean {
  let found = false;
  walk(node, (child) => {
    if (found || (child !== node && isFunctionNode(child))) return false;
    if (child.range[0] < before && isAbortCheckNode(child)) found = true;
    return !found;
  });
  return found;
}

// ---------------------------------------------------------------------------------------
// Handlers: does a catch clause, `.catch` callback or `.then` rejection callback stop on an
// abort, on every path?

/**
 * How one path through a handler ends: `handled` (re-thrown, passed on, checked for an abort
 * and left, or a retry given the same signal), `unhandled` (an ordinary `return`), `through`
 * (falls out of the end of the handler) or `unknown` (loops, `switch`, labels, `break`,
 * `continue`: no report).
 *
 * This is the shared "on every path" structure of `exits.ts` (a block ends when a statement in
 * it ends; an `if` by both branches; a `try` by its block and catch or its `finally`; `switch`,
 * loops and labels unknown) with one more outcome: a `return` that ends a path *without*
 * handling the abort, which the shared `ExitPredicate` cannot express.
 */
export type PathEnd = 'handled' | 'unhandled' | 'through' | 'unknown';

export interface HandlerFacts {
  /** The handler's error parameter, if it has one. */
  readonly error: TSESTree.Identifier | undefined;
  /** Is this awaited call given the same signal as the protected code? */
  readonly isRetryWithSignal: (call: TSESTree.Node) => boolean;
  /** Is this expression the same signal as the protected code's (for `x.throwIfAborted()`)? */
  readonly isSameSignal: (node: TSESTree.Node) => boolean;
  /** The variable an identifier refers to. */
  readonly variableOf: (identifier: TSESTree.Identifier) => TSESLint.Scope.Variable | undefined;
  /**
   * The error's name and the locals of the handler computed from it
   * (`const err = tracker.failed ? tracker.error : caught`); see `errorNamesOf`.
   */
  readonly errorNames?: ReadonlySet<string>;
}

/**
 * The handler's error parameter and the locals declared in the handler (in source order)
 * whose initialiser mentions one of them.
 */
export function errorNamesOf(body: TSESTree.Node, error: TSESTree.Identifier | undefined): Set<string> {
  const names = new Set<string>(error ? [error.name] : []);
  if (!error) return names;
  walk(body, (node) => {
    if (node !== body && isFunctionNode(node)) return false;
    if (
      node.type === AST_NODE_TYPES.VariableDeclarator &&
      node.id.type === AST_NODE_TYPES.Identifier &&
      node.init &&
      [...names].some((name) => mentions(node.init as TSESTree.Node, name))
    ) {
      names.add(node.id.name);
    }
    return true;
  });
  return names;
}

function mentionsError(node: TSESTree.Node, facts: HandlerFacts): boolean {
  const names = facts.errorNames ?? new Set(facts.error ? [facts.error.name] : []);
  return [...names].some((name) => mentions(node, name));
}

/** The set of ways the paths through `statements` end. */
export function handlerPathEnds(statements: readonly TSESTree.Statement[], facts: HandlerFacts): Set<PathEnd> {
  let ends = new Set<PathEnd>(['through']);
  for (const statement of statements) {
    if (!ends.has('through')) break;
    ends.delete('through');
    ends = union(ends, statementEnds(statement, facts));
  }
  return ends;
}

function statementEnds(statement: TSESTree.Statement, facts: HandlerFacts): Set<PathEnd> {
  switch (statement.type) {
    case AST_NODE_TYPES.BlockStatement:
      return handlerPathEnds(statement.body, facts);
    case AST_NODE_TYPES.ThrowStatement:
      return new Set(['handled']);
    case AST_NODE_TYPES.ReturnStatement:
      return new Set([statement.argument && returnsError(statement.argument, facts) ? 'handled' : 'unhandled']);
    case AST_NODE_TYPES.ExpressionStatement:
      return new Set([isPassingOn(statement.expression, facts) ? 'handled' : 'through']);
    case AST_NODE_TYPES.IfStatement:
      return ifEnds(statement, facts);
    case AST_NODE_TYPES.TryStatement: {
      const finalizer = statement.finalizer ? handlerPathEnds(statement.finalizer.body, facts) : undefined;
      if (finalizer && !finalizer.has('through')) return finalizer;
      const block = handlerPathEnds(statement.block.body, facts);
      // `try { onerror(err) } catch {}`: the inner catch runs only when passing on itself failed.
      if (block.size === 1 && block.has('handled')) return block;
      return statement.handler ? union(block, handlerPathEnds(statement.handler.body.body, facts)) : block;
    }
    case AST_NODE_TYPES.SwitchStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.LabeledStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return new Set(['unknown']);
    default:
      return new Set(['through']);
  }
}

function ifEnds(statement: TSESTree.IfStatement, facts: HandlerFacts): Set<PathEnd> {
  const alternate = statement.alternate ? statementEnds(statement.alternate, facts) : new Set<PathEnd>(['through']);
  if (containsAbortCheck(statement.test)) {
    // The abort branch decides: leaving there (throw, return, break) stops on an abort.
    const negated = statement.test.type === AST_NODE_TYPES.UnaryExpression && statement.test.operator === '!';
    const abortBranch = negated ? statement.alternate : statement.consequent;
    if (abortBranch && leavesOnEveryPath(abortBranch, facts)) return new Set(['handled']);
  } else if (isOtherErrorTest(statement.test, facts) || isDecisionOnError(statement.test, facts)) {
    // `if (err instanceof HttpError) { ... }`: an abort takes the other branch.
    // `if (handled) { ... }` with `handled = await errorHandler(err)`: the handler decided.
    return alternate;
  }
  return union(statementEnds(statement.consequent, facts), alternate);
}

/** Does the abort branch leave: throw, return or break on every path? */
function leavesOnEveryPath(statement: TSESTree.Statement, facts: HandlerFacts): boolean {
  if (statement.type === AST_NODE_TYPES.BreakStatement || statement.type === AST_NODE_TYPES.ReturnStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body.at(-1);
    if (last?.type === AST_NODE_TYPES.BreakStatement) return true;
  }
  const ends = statementEnds(statement, facts);
  return ends.size > 0 && [...ends].every((end) => end === 'handled' || end === 'unhandled');
}

/**
 * `if (handled)` where `handled` was computed by a call given the error
 * (`const handled = await prepareErrorOutput({ error })`): the error went to an error policy,
 * which decided that this error is handled (precision first: it is taken as not an abort).
 */
function isDecisionOnError(test: TSESTree.Expression, facts: HandlerFacts): boolean {
  const expression = unwrap(test);
  if (expression.type !== AST_NODE_TYPES.Identifier || !facts.error) return false;
  const definition = facts.variableOf(expression)?.defs[0];
  if (definition?.type !== DefinitionType.Variable || !definition.node.init) return false;
  let init = unwrap(definition.node.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
  return init.type === AST_NODE_TYPES.CallExpression && init.arguments.some((argument) => mentionsError(argument, facts));
}

/**
 * A test for one other kind of error: `err instanceof HttpError`, `err.code === 'ENOENT'`,
 * `err.status === 404`, `err.name === 'TypeError'` (on the handler's error).
 */
function isOtherErrorTest(test: TSESTree.Expression, facts: HandlerFacts): boolean {
  const error = facts.error;
  if (!error) return false;
  const expression = unwrap(test);
  const isError = (node: TSESTree.Node): boolean => {
    let current = unwrap(node);
    while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
    return current.type === AST_NODE_TYPES.Identifier && current.name === error.name;
  };
  if (expression.type === AST_NODE_TYPES.BinaryExpression) {
    if (expression.operator === 'instanceof') return isError(expression.left);
    if (['===', '==', '!==', '!='].includes(expression.operator)) {
      const sides = [unwrap(expression.left), unwrap(expression.right)];
      return sides.some((side) => side.type === AST_NODE_TYPES.MemberExpression && isError(side)) &&
        sides.some((side) => side.type === AST_NODE_TYPES.Literal);
    }
  }
  if (expression.type === AST_NODE_TYPES.LogicalExpression && expression.operator === '||') {
    return isOtherErrorTest(expression.left, facts) && isOtherErrorTest(expression.right, facts);
  }
  if (expression.type === AST_NODE_TYPES.LogicalExpression && expression.operator === '&&') {
    return isOtherErrorTest(expression.left, facts) || isOtherErrorTest(expression.right, facts);
  }
  return false;
}

/**
 * Does this expression pass the error on or stop: `reject(err)`, `callback(err)`,
 * `emit('error', err)`, `Promise.reject(err)`, keeping it in a variable thrown later,
 * `signal.throwIfAborted()`, or an awaited retry given the same signal?
 */
export function isPassingOn(node: TSESTree.Expression, facts: HandlerFacts): boolean {
  const expression = unwrap(node);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) {
    const argument = unwrap(expression.argument);
    return facts.isRetryWithSignal(argument) || isPassingOn(argument, facts);
  }
  if (expression.type === AST_NODE_TYPES.AssignmentExpression) {
    return facts.error !== undefined && mentionsError(expression.right, facts) && isThrownLater(expression.left, facts);
  }
  if (expression.type !== AST_NODE_TYPES.CallExpression) return facts.isRetryWithSignal(expression);
  if (facts.isRetryWithSignal(expression)) return true;
  const callee = unwrap(expression.callee);
  const name =
    staticName(callee);
  if (name === 'throwIfAborted' && callee.type === AST_NODE_TYPES.MemberExpression) return facts.isSameSignal(callee.object);
  const error = facts.error;
  if (!error) return false;
  const passesError = expression.arguments.some((argument) => mentionsError(argument, facts));
  if (!passesError) return false;
  if (name === 'reject' && callee.type === AST_NODE_TYPES.MemberExpression) {
    return callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Promise';
  }
  if (name === 'emit') {
    const first = expression.arguments[0];
    return first?.type === AST_NODE_TYPES.Literal && first.value === 'error';
  }
  if (name === 'push' && callee.type === AST_NODE_TYPES.MemberExpression) return isThrownLater(callee.object, facts);
  // `this.destroy(err)`, `this._beforeError(err)`, `stream.destroy(err)`: the error goes down the error path.
  // The error sent on as data: `controller.enqueue({ type: 'error', error })`, `port.postMessage(err)`.
  if (callee.type === AST_NODE_TYPES.MemberExpression && name !== undefined && (PASS_ON_METHODS.has(name) || /[eE]rror$/u.test(name))) {
    const object = unwrap(callee.object);
    return !(object.type === AST_NODE_TYPES.Identifier && /^(?:console|log|logger)$/iu.test(object.name));
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (/^(?:reject|resolve|callback|cb|done|next|fail)$/u.test(callee.name)) return true;
    const variable = facts.variableOf(callee);
    return variable?.defs[0]?.type === DefinitionType.Parameter;
  }
  return false;
}

/**
 * A `return` that passes the error on: `return Promise.reject(err)`, a retry given the same
 * signal, or the error handed back to the caller as data (`return { ok: false, error }`,
 * `return toResult(err)`): the caller receives it and decides.
 */
function returnsError(argument: TSESTree.Expression, facts: HandlerFacts): boolean {
  if (isPassingOn(argument, facts)) return true;
  return facts.error !== undefined && mentionsError(argument, facts);
}

/** Is the variable `target` names thrown (or mentioned in a `throw`) somewhere in its scope? */
function isThrownLater(target: TSESTree.Node, facts: HandlerFacts): boolean {
  const identifier = unwrap(target);
  if (identifier.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = facts.variableOf(identifier);
  if (!variable) return false;
  return variable.references.some((reference) => {
    for (let current: TSESTree.Node | undefined = reference.identifier.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.ThrowStatement) return true;
      if (current.type === AST_NODE_TYPES.ReturnStatement) {
        // `return Promise.reject(lastError)`
        return current.argument !== null && isStaticPromiseReject(current.argument);
      }
      if (isFunctionNode(current) || current.type.endsWith('Statement')) return false;
    }
    return false;
  });
}

function isStaticPromiseReject(node: TSESTree.Expression): boolean {
  const expression = unwrap(node);
  return (
    expression.type === AST_NODE_TYPES.CallExpression &&
    expression.callee.type === AST_NODE_TYPES.MemberExpression &&
    expression.callee.object.type === AST_NODE_TYPES.Identifier &&
    expression.callee.object.name === 'Promise' &&
    memberName(expression.callee) === 'reject'
  );
}

/** Does `node` mention the name (outside nested functions)? */
function mentions(node: TSESTree.Node, name: string): boolean {
  let found = false;
  walk(node, (child) => {
    if (found) return false;
    if (child.type === AST_NODE_TYPES.Identifier && child.name === name) {
      const parent = child.parent;
      if (!(parent.type === AST_NODE_TYPES.MemberExpression && parent.property === child && !parent.computed)) found = true;
    }
    return true;
  });
  return found;
}

function union(a: ReadonlySet<PathEnd>, b: ReadonlySet<PathEnd>): Set<PathEnd> {
  return new Set([...a, ...b]);
}

/** The handler's verdict: `true` when some path swallows the abort and no path is unknown. */
export function swallowsAbort(ends: ReadonlySet<PathEnd>): boolean {
  if (ends.has('unknown')) return false;
  return ends.has('through') || ends.has('unhandled');
}
