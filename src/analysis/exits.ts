/**
 * The structural "on every path" analysis every rule shares (RULES.md, "On every path").
 *
 * A leaf predicate says which single statements end a path (a `throw`, a `return`, a
 * `reject(err)` call, ...). From it:
 * - a block exits when some statement in it exits (what follows is unreachable);
 * - an `if` exits when both branches do;
 * - a `try` exits when its block and its catch do, or when its `finally` does;
 * - `switch`, loops and labelled statements are `unknown`, and unknown means no report.
 *
 * No control-flow graph is built: the answer is read off the syntax tree.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

export type ExitResult = 'always' | 'never' | 'unknown';

/**
 * Says whether one statement, by itself, ends the path. Return `undefined` to let the
 * structural analysis decide (blocks, `if`, `try`, ...).
 */
export type ExitPredicate = (statement: TSESTree.Statement) => ExitResult | undefined;

/** `throw` and `return` end a path; nothing else does by itself. */
export const throwsOrReturns: ExitPredicate = (statement) =>
  statement.type === AST_NODE_TYPES.ThrowStatement ||
  statement.type === AST_NODE_TYPES.ReturnStatement
    ? 'always'
    : undefined;

/** Only `throw` ends a path. */
export const throws: ExitPredicate = (statement) =>
  statement.type === AST_NODE_TYPES.ThrowStatement ? 'always' : undefined;

/** Does this statement end every path through it? */
export function statementExits(
  statement: TSESTree.Statement,
  predicate: ExitPredicate,
): ExitResult {
  const own = predicate(statement);
  if (own !== undefined) return own;
  switch (statement.type) {
    case AST_NODE_TYPES.BlockStatement:
      return statementsExit(statement.body, predicate);
    case AST_NODE_TYPES.IfStatement: {
      if (!statement.alternate) return 'never';
      return both(
        statementExits(statement.consequent, predicate),
        statementExits(statement.alternate, predicate),
      );
    }
    case AST_NODE_TYPES.TryStatement:
      return tryExits(statement, predicate);
    case AST_NODE_TYPES.SwitchStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.LabeledStatement:
      return 'unknown';
    default:
      return 'never';
  }
}

/** Does a list of statements (a block's body, a function's body) end every path? */
export function statementsExit(
  statements: readonly TSESTree.Statement[],
  predicate: ExitPredicate,
): ExitResult {
  let sawUnknown = false;
  for (const statement of statements) {
    const result = statementExits(statement, predicate);
    if (result === 'always') return 'always';
    if (result === 'unknown') sawUnknown = true;
  }
  return sawUnknown ? 'unknown' : 'never';
}

/** Does a function's body end every path? An expression body never does. */
export function functionBodyExits(
  fn: TSESTree.FunctionLike,
  predicate: ExitPredicate,
): ExitResult {
  const body = fn.body;
  if (body?.type !== AST_NODE_TYPES.BlockStatement) return 'never';
  return statementsExit(body.body, predicate);
}

function tryExits(statement: TSESTree.TryStatement, predicate: ExitPredicate): ExitResult {
  const finalizer = statement.finalizer ? statementExits(statement.finalizer, predicate) : 'never';
  if (finalizer === 'always') return 'always';
  const block = statementExits(statement.block, predicate);
  const handler = statement.handler ? statementExits(statement.handler.body, predicate) : block;
  const tryAndCatch = both(block, handler);
  if (tryAndCatch === 'always') return 'always';
  return finalizer === 'unknown' || tryAndCatch === 'unknown' ? 'unknown' : 'never';
}

function both(a: ExitResult, b: ExitResult): ExitResult {
  if (a === 'always' && b === 'always') return 'always';
  if (a === 'never' || b === 'never') return 'never';
  return 'unknown';
}

/**
 * Is `node` inside the `finally` block of a `try` of the same function? (`using`
 * declarations are their own `finally`; rules that care ask about them directly.)
 */
export function isInFinally(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent) {
    if (isFunction(parent)) return false;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer === child) return true;
    child = parent;
    parent = parent.parent;
  }
  return false;
}

function isFunction(node: TSESTree.Node): node is TSESTree.FunctionLike {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}
