/**
 * Async context (RULES.md, "Shared semantics"): the body of an async function, plus the
 * callbacks that run synchronously inside it (array iteration methods, a `new Promise`
 * executor, an immediately invoked function). A non-async callback handed to a timer, an
 * emitter or any unknown function is not the async context of its parent; an async
 * callback is async context of its own.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { memberName } from './ast.js';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

/** Array methods whose callback runs synchronously, before the call returns. */
export const SYNC_ITERATION_METHODS: ReadonlySet<string> = new Set([
  'every',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'forEach',
  'map',
  'reduce',
  'reduceRight',
  'some',
  'sort',
  'toSorted',
]);

export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** The innermost function that contains `node` (not `node` itself), if any. */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/**
 * Does `fn` run synchronously as part of the function around it: a callback of an array
 * iteration method, `Array.from`'s map function, a `new Promise` executor, or an
 * immediately invoked function (also through `.call` / `.apply`)?
 */
export function runsSynchronouslyInParent(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression) {
    // `(function () { … }).call(thisArg)` / `.apply(thisArg, args)`
    const method = memberName(parent);
    return (
      parent.object === fn &&
      (method === 'call' || method === 'apply') &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    );
  }
  if (parent.type === AST_NODE_TYPES.CallExpression) {
    if (parent.callee === fn) return true;
    const callee = parent.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = memberName(callee);
    if (method === undefined) return false;
    if ((method === 'call' || method === 'apply') && callee.object === fn) return true;
    if (!parent.arguments.some((argument) => argument === fn)) return false;
    if (SYNC_ITERATION_METHODS.has(method)) return parent.arguments[0] === fn;
    return (
      method === 'from' &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'Array' &&
      parent.arguments[1] === fn
    );
  }
  if (parent.type === AST_NODE_TYPES.NewExpression) {
    return (
      parent.callee.type === AST_NODE_TYPES.Identifier &&
      parent.callee.name === 'Promise' &&
      parent.arguments[0] === fn
    );
  }
  return false;
}

/**
 * The async function whose async context `node` is in, or `undefined` when `node` is in
 * top-level code, in a non-async function, or in a non-async callback that does not run
 * synchronously inside an async function.
 */
export function getAsyncContext(node: TSESTree.Node): FunctionNode | undefined {
  let from = node;
  let fn = getEnclosingFunction(node);
  while (fn) {
    if (isInDeferredClassMember(from, fn)) return undefined;
    if (fn.async) return fn;
    if (!runsSynchronouslyInParent(fn)) return undefined;
    from = fn;
    fn = getEnclosingFunction(fn);
  }
  return undefined;
}

/**
 * Is `node` inside the initializer of an instance field (`class A { x = f() }`) that lies
 * between it and `fn`? Such an initializer runs when the class is instantiated, not when the
 * function around the class runs.
 */
function isInDeferredClassMember(node: TSESTree.Node, fn: FunctionNode): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (
      (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.AccessorProperty) &&
      !current.static &&
      current.value === child
    ) {
      return true;
    }
    child = current;
  }
  return false;
}

/** Is `node` in async context? */
export function isInAsyncContext(node: TSESTree.Node): boolean {
  return getAsyncContext(node) !== undefined;
}

/** Is the innermost function around `node` async (so an `await` may be written there)? */
export function canAwaitAt(node: TSESTree.Node): boolean {
  const fn = getEnclosingFunction(node);
  if (fn?.async !== true) return false;
  // `await` is not allowed in a parameter default, a class field initializer or a static block.
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.PropertyDefinition ||
      current.type === AST_NODE_TYPES.AccessorProperty ||
      current.type === AST_NODE_TYPES.StaticBlock
    ) {
      return false;
    }
    child = current;
  }
  return !fn.params.some((param) => param === child);
}
