/**
 * Awaited calls (RULES.md, "Awaited calls"): is an expression awaited, `for await`ed,
 * `await using`ed, yielded or returned — directly, as the receiver of a `.then` / `.catch` /
 * `.finally` chain that is, or as an element of (or an `xs.map(cb)` result passed to) an
 * awaited or returned `Promise.all/allSettled/any/race`?
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { memberName } from './ast.js';
import { isFunctionNode } from './async-context.js';

const CHAIN_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);
const COMBINATORS: ReadonlySet<string> = new Set(['all', 'allSettled', 'any', 'race']);

export type AwaitedHow = 'await' | 'return';

/** The node above `node` once parentheses' kin (`x!`, `x as T`, optional chains) are left. */
function up(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.ChainExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    current = current.parent;
  }
  return current;
}

/**
 * How `node` is awaited: `'await'` (await, for await, await using, yield), `'return'`
 * (returned from its function, or an arrow's expression body), or `undefined`.
 */
export function awaitedHow(node: TSESTree.Node, depth = 0): AwaitedHow | undefined {
  if (depth > 4) return undefined;
  const self = up(node);
  const parent = self.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.YieldExpression:
      return 'await';
    case AST_NODE_TYPES.ForOfStatement:
      return parent.await && parent.right === self ? 'await' : undefined;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === self && parent.parent.kind === 'await using' ? 'await' : undefined;
    case AST_NODE_TYPES.ReturnStatement:
      return 'return';
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === self ? 'return' : undefined;
    case AST_NODE_TYPES.MemberExpression: {
      // `call().then(...)`: the chain is what is awaited.
      const name = memberName(parent);
      const call = up(parent).parent;
      if (
        parent.object === self &&
        name !== undefined &&
        CHAIN_METHODS.has(name) &&
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.callee === up(parent)
      ) {
        return awaitedHow(call, depth + 1);
      }
      return undefined;
    }
    case AST_NODE_TYPES.ArrayExpression: {
      const combinator = parent.parent;
      return isCombinatorCall(combinator, parent) ? awaitedHow(combinator, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** `Promise.all(list)` (or allSettled/any/race) with `list` its first argument. */
function isCombinatorCall(node: TSESTree.Node, list: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments[0] !== list) return false;
  const callee = node.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Promise' &&
    COMBINATORS.has(memberName(callee) ?? '')
  );
}

/**
 * Is `fn` the callback of an `xs.map(cb)` (or `Array.from(xs, cb)`) whose result is handed to
 * an awaited or returned `Promise.all/allSettled/any/race`?
 */
export function isMapCallbackOfAwaitedCombinator(fn: TSESTree.Node): boolean {
  if (!isFunctionNode(fn)) return false;
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(call.callee);
  const isMap = (name === 'map' && call.arguments[0] === fn) || (name === 'from' && call.arguments[1] === fn);
  if (!isMap) return false;
  const combinator = up(call).parent;
  return combinator !== undefined && isCombinatorCall(combinator, up(call)) && awaitedHow(combinator) !== undefined;
}

/**
 * Is `fn` passed as an argument to a call that is itself awaited or returned (so it runs as
 * part of that awaited work: `await retry(async () => ...)`)?
 */
export function isCallbackOfAwaitedCall(fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    return false;
  }
  return awaitedHow(call) !== undefined;
}
