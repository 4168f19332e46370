/** Syntax helpers of `no-swallowed-abort-error`: handler shapes, loops, what follows a `try`. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { isPassingOn, type HandlerFacts } from '../../analysis/abort-handling.js';
import { memberName } from '../../analysis/ast.js';
import { getEnclosingFunction, isFunctionNode, type FunctionNode } from '../../analysis/async-context.js';
import { unwrap, walk } from '../../analysis/signals.js';

export type Loop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

/** `.catch(fn)` or `.then(_, fn)` with an inline function: the function. */
export function rejectionHandlerOf(call: TSESTree.CallExpression): FunctionNode | undefined {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(call.callee);
  const handler = name === 'catch' ? call.arguments[0] : name === 'then' ? call.arguments[1] : undefined;
  return isFunctionNode(handler) ? handler : undefined;
}

/**
 * The calls of a `.catch` receiver's chain (`fetch(...).then(...)`), or `undefined` when the
 * receiver is a promise held elsewhere (a side branch that only silences a rejection).
 */
export function receiverChain(receiver: TSESTree.Expression): TSESTree.CallExpression[] | undefined {
  const calls: TSESTree.CallExpression[] = [];
  let current = unwrap(receiver);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    calls.push(current);
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const name = memberName(callee);
    if (name !== 'then' && name !== 'catch' && name !== 'finally') break;
    current = unwrap(callee.object);
  }
  return calls.length > 0 ? calls : undefined;
}

export function isThrowIfAborted(node: TSESTree.Node): node is TSESTree.CallExpression {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(node.callee) === 'throwIfAborted'
  );
}

/** An immediately invoked function inside the `try` runs there. */
export function isRunInPlace(fn: FunctionNode): boolean {
  return fn.parent.type === AST_NODE_TYPES.CallExpression && fn.parent.callee === fn;
}

export function enclosingLoop(tryStatement: TSESTree.TryStatement): Loop | undefined {
  let parent: TSESTree.Node = tryStatement.parent;
  if (parent.type === AST_NODE_TYPES.BlockStatement) parent = parent.parent;
  if (
    (parent.type === AST_NODE_TYPES.WhileStatement ||
      parent.type === AST_NODE_TYPES.DoWhileStatement ||
      parent.type === AST_NODE_TYPES.ForStatement) &&
    (parent.body === tryStatement || parent.body === tryStatement.parent)
  ) {
    return parent;
  }
  return undefined;
}

export function firstAwaitedCall(statement: TSESTree.Node): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  walk(statement, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression) {
      found = node.argument;
      return false;
    }
    if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) {
      found = node.right;
      return false;
    }
    return true;
  });
  return found;
}

export function containsLeave(statement: TSESTree.Node): boolean {
  let found = false;
  walk(statement, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (
      node.type === AST_NODE_TYPES.ReturnStatement ||
      node.type === AST_NODE_TYPES.ThrowStatement ||
      node.type === AST_NODE_TYPES.BreakStatement ||
      node.type === AST_NODE_TYPES.ContinueStatement
    ) {
      found = true;
    }
    return !found;
  });
  return found;
}

/** The handler of an arrow with an expression body: `Promise.reject(err)`, `reject(err)`... */
export function expressionHandles(body: TSESTree.Expression, facts: HandlerFacts): boolean {
  return isPassingOn(body, facts);
}

export function isNameable(node: TSESTree.Expression): boolean {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression && !current.computed) current = current.object;
  return current.type === AST_NODE_TYPES.Identifier;
}

/** Is the root of `signal` declared in a scope that also holds `place`? (Same function or outer.) */
export function isInScopeAt(signal: TSESTree.Expression, place: TSESTree.Node): boolean {
  let current = signal;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  if (current.type !== AST_NODE_TYPES.Identifier) return false;
  const fn = getEnclosingFunction(signal);
  for (let node: TSESTree.Node | undefined = place; node; node = node.parent) {
    if (node === fn || fn === undefined) return true;
  }
  return false;
}

/** Does the branch end in `break`, `return` or `throw`? */
export function leavesAtOnce(branch: TSESTree.Statement): boolean {
  const leave = branch.type === AST_NODE_TYPES.BlockStatement ? branch.body.at(-1) : branch;
  return (
    leave?.type === AST_NODE_TYPES.BreakStatement ||
    leave?.type === AST_NODE_TYPES.ReturnStatement ||
    leave?.type === AST_NODE_TYPES.ThrowStatement
  );
}
