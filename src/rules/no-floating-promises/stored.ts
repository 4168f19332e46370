/**
 * Stored promises: `forgotten` (kept in a local, or pushed into a local array, and never
 * consumed, or lost by a reassignment) and `unhandledDuringAwait` (consumed, but only after
 * another `await`, or a `return`/`throw` that can leave, lies between its creation and its
 * first handler).
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberName } from '../../analysis/ast.js';
import { getEnclosingFunction, isFunctionNode } from '../../analysis/async-context.js';
import { forEachChild, isGlobalName } from '../../analysis/promises.js';
import { isMapCall, makeCannotReject } from './cannot-reject.js';
import { classifyReference, isReturnsFirstArgumentCall, type UseKind } from './consumption.js';
import type { PartState } from './types.js';

interface Candidate {
  /** What is reported: the declarator's id, the `push` call or the index assignment. */
  readonly report: TSESTree.Node;
  /** The node that creates the promise: the declarator, or the `push` / assignment. */
  readonly creation: TSESTree.Node;
  /** The promise-valued expression. */
  readonly value: TSESTree.Expression;
  readonly variable: TSESLint.Scope.Variable;
  readonly isArray: boolean;
}

type Point = TSESTree.Node;

const { ScopeType } = TSESLint.Scope;
const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);
/** Methods that read a stored value rather than start work. */
const LOOKUP_METHODS = new Set(['get', 'peek', 'at', 'find', 'findLast', 'shift', 'pop', 'deref']);

export function storedListeners(state: PartState): TSESLint.RuleListener {
  const { context, oracle } = state;
  const sourceCode = context.sourceCode;
  const cannotReject = makeCannotReject(state);
  const candidates: Candidate[] = [];
  /** Suspension points (`await`, `yield`, `for await`, `await using`) and exits, by function. */
  const points = new Map<TSESTree.Node, Point[]>();

  const addPoint = (node: Point): void => {
    const owner = getEnclosingFunction(node) ?? sourceCode.ast;
    const list = points.get(owner);
    if (list) list.push(node);
    else points.set(owner, [node]);
  };

  return {
    AwaitExpression: addPoint,
    YieldExpression: addPoint,
    ReturnStatement: addPoint,
    ThrowStatement: addPoint,
    'ForOfStatement[await=true]': addPoint,
    'VariableDeclaration[kind="await using"]': addPoint,

    VariableDeclarator(node) {
      if (node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return;
      if (node.parent.kind === 'using' || node.parent.kind === 'await using') return;
      if (node.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return;
      if (!createsPromise(node.init)) return;
      const variable = sourceCode.scopeManager?.getDeclaredVariables(node)[0];
      if (!variable || variable.scope.type === ScopeType.global) return;
      candidates.push({ report: node.id, creation: node, value: node.init, variable, isArray: isMapCall(node.init) });
    },

    CallExpression(node) {
      if (node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
      const method = memberName(node.callee);
      if (method !== 'push' && method !== 'unshift') return;
      const variable = localArray(node.callee.object);
      if (!variable) return;
      const value = node.arguments.find(
        (argument): argument is TSESTree.Expression =>
          argument.type !== AST_NODE_TYPES.SpreadElement && createsPromise(argument),
      );
      if (value) candidates.push({ report: node, creation: node, value, variable, isArray: true });
    },

    'AssignmentExpression[operator="="] > MemberExpression.left[computed=true]'(node: TSESTree.MemberExpression) {
      const assignment = node.parent as TSESTree.AssignmentExpression;
      const variable = localArray(node.object);
      if (!variable || !createsPromise(assignment.right)) return;
      candidates.push({ report: assignment, creation: assignment, value: assignment.right, variable, isArray: true });
    },

    'Program:exit'() {
      for (const candidate of candidates) evaluate(candidate);
    },
  };

  function evaluate(candidate: Candidate): void {
    const { variable, creation, isArray } = candidate;
    if (state.isKnownSafeCall(candidate.value)) return;
    const uses = variable.references
      .filter((reference) => !reference.init)
      .map((reference) => ({
        reference,
        kind: classifyReference(sourceCode, reference, variable.scope, isArray),
      }))
      .sort((a, b) => a.reference.identifier.range[0] - b.reference.identifier.range[0]);
    const consuming = (kind: UseKind): boolean => kind === 'handler' || kind === 'escape' || kind === 'ignored';

    if (!uses.some((use) => consuming(use.kind))) {
      if (holdsPromise(candidate)) context.report({ node: candidate.report, messageId: 'forgotten' });
      return;
    }
    const after = uses.filter((use) => use.reference.identifier.range[0] > creation.range[1]);
    const first = after.find((use) => consuming(use.kind) || use.kind === 'reassign');
    if (!first) return;
    if (first.kind === 'reassign') {
      if (isGuardedByTestOf(first.reference.identifier, variable.name)) return;
      if (candidate.creation === candidate.variable.defs[0]?.node && holdsPromise(candidate) && !cannotReject(candidate.value)) {
        context.report({ node: candidate.report, messageId: 'forgotten' });
      }
      return;
    }
    if (first.kind !== 'handler') return;
    const identifier = first.reference.identifier;
    if (!suspendsOrLeavesBetween(creation, identifier, isArray ? undefined : variable.name)) return;
    if (cannotReject(candidate.value)) return;
    if (!holdsPromise(candidate) && !(!oracle.typed && takenAsPromise(identifier))) return;
    context.report({ node: candidate.report, messageId: 'unhandledDuringAwait' });
  }

  /** The declarator's value is a promise, or (`xs.map(…)`) an array of them; a pushed value is a promise. */
  function holdsPromise(candidate: Candidate): boolean {
    const isDeclarator = candidate.creation.type === AST_NODE_TYPES.VariableDeclarator;
    if (isDeclarator && candidate.isArray) return oracle.isPromiseArray(candidate.value);
    return oracle.isPromise(candidate.value);
  }

  /** A local (not global) array variable: `const tasks = []` / `: Promise<T>[] = []`. */
  function localArray(node: TSESTree.Node): TSESLint.Scope.Variable | undefined {
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const scope = sourceCode.getScope(node);
    let variable: TSESLint.Scope.Variable | undefined;
    for (let current: TSESLint.Scope.Scope | null = scope; current && !variable; current = current.upper) {
      variable = current.set.get(node.name);
    }
    if (!variable || variable.scope.type === ScopeType.global || variable.defs.length !== 1) return undefined;
    const def = variable.defs[0];
    if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
    if (def.node.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
    let init: TSESTree.Node = def.node.init;
    while (init.type === AST_NODE_TYPES.TSAsExpression || init.type === AST_NODE_TYPES.TSSatisfiesExpression) {
      init = init.expression;
    }
    return init.type === AST_NODE_TYPES.ArrayExpression ? variable : undefined;
  }

  /**
   * The creation of a new promise, syntactically: a call or `new` (not a read of a promise
   * someone else holds), possibly behind a conditional or logical operator.
   */
  function createsPromise(node: TSESTree.Expression): boolean {
    let expression: TSESTree.Node = node;
    while (
      expression.type === AST_NODE_TYPES.TSAsExpression ||
      expression.type === AST_NODE_TYPES.TSNonNullExpression ||
      expression.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      expression.type === AST_NODE_TYPES.ChainExpression
    ) {
      expression = expression.expression;
    }
    if (expression.type === AST_NODE_TYPES.ConditionalExpression) {
      return createsPromise(expression.consequent) || createsPromise(expression.alternate);
    }
    if (expression.type === AST_NODE_TYPES.LogicalExpression) {
      return createsPromise(expression.left) || createsPromise(expression.right);
    }
    if (expression.type === AST_NODE_TYPES.NewExpression) return true;
    if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
    // Reading a promise someone else holds (`cache.get(key)`, `queue.shift()`) creates none.
    if (expression.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(expression.callee);
      if (method !== undefined && LOOKUP_METHODS.has(method)) return false;
    }
    if (isReturnsFirstArgumentCall(sourceCode, expression)) {
      const first = expression.arguments[0];
      return first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement && createsPromise(first);
    }
    return true;
  }

  /** Untyped: the first handler awaits it or hands it to `Promise.all/allSettled/any/race`. */
  function takenAsPromise(identifier: TSESTree.Node): boolean {
    let node = identifier;
    while (
      node.parent &&
      (node.parent.type === AST_NODE_TYPES.TSAsExpression ||
        node.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        node.parent.type === AST_NODE_TYPES.ArrayExpression)
    ) {
      node = node.parent;
    }
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.AwaitExpression) return true;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee.type !== AST_NODE_TYPES.MemberExpression) {
      return false;
    }
    const method = memberName(parent.callee);
    return method !== undefined && PROMISE_COMBINATORS.has(method) && isGlobalName(sourceCode, parent.callee.object, 'Promise');
  }

  /** Is there an `await`/`yield` or a leaving `return`/`throw` between creation and use, in the same function? */
  function suspendsOrLeavesBetween(creation: TSESTree.Node, use: TSESTree.Node, name: string | undefined): boolean {
    const owner = getEnclosingFunction(creation) ?? sourceCode.ast;
    if ((getEnclosingFunction(use) ?? sourceCode.ast) !== owner) return false;
    const from = creation.range[1];
    const to = use.range[0];
    return (points.get(owner) ?? []).some((point) => {
      if (point.range[0] < from || point.range[0] >= to) return false;
      if (contains(point, use)) {
        // `for await (… of source) { … use … }` suspends before the body runs.
        return point.type === AST_NODE_TYPES.ForOfStatement && !contains(point.right, use);
      }
      if (point.type === AST_NODE_TYPES.ThrowStatement && isCaughtInFunction(point)) return false;
      // `if (!pending) return;`: on that branch there is no promise.
      if (name !== undefined && isGuardedByTestOf(point, name)) return false;
      return !inOtherBranch(point, creation);
    });
  }
}

/** `if (!p) p = start()`: a reassignment under a test of the variable replaces nothing that runs. */
function isGuardedByTestOf(node: TSESTree.Node, name: string): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (
      (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) &&
      parent.test !== child &&
      mentionsName(parent.test, name)
    ) {
      return true;
    }
  }
  return false;
}

function mentionsName(node: TSESTree.Node, name: string): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === name;
  let found = false;
  forEachChild(node, (child) => {
    found ||= mentionsName(child, name);
  });
  return found;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Is a `throw` inside the `try` block (with a `catch`) of a `try` of its own function? */
function isCaughtInFunction(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child && parent.handler) return true;
  }
  return false;
}

/** Are `a` and `b` in different branches of one `if`, `switch` or conditional (so one cannot follow the other)? */
function inOtherBranch(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const ancestorsOfB = new Map<TSESTree.Node, TSESTree.Node>();
  let child: TSESTree.Node = b;
  for (let parent = b.parent; parent; child = parent, parent = parent.parent) ancestorsOfB.set(parent, child);
  child = a;
  for (let parent = a.parent; parent; child = parent, parent = parent.parent) {
    const sideOfB = ancestorsOfB.get(parent);
    if (sideOfB === undefined) continue;
    if (
      parent.type === AST_NODE_TYPES.IfStatement ||
      parent.type === AST_NODE_TYPES.ConditionalExpression ||
      parent.type === AST_NODE_TYPES.SwitchStatement
    ) {
      const test: TSESTree.Node | undefined = parent.type === AST_NODE_TYPES.SwitchStatement ? parent.discriminant : parent.test;
      return sideOfB !== child && sideOfB !== test && child !== test;
    }
    return false;
  }
  return false;
}
