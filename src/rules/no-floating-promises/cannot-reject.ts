/**
 * "Cannot reject" (RULES.md, `unhandledDuringAwait`): promises whose rejection nobody needs to
 * handle, read from the syntax of this file or, typed, from declarations of the program.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import { memberName } from '../../analysis/ast.js';
import { isFunctionNode } from '../../analysis/async-context.js';
import {
  endsInCatch,
  functionCannotReject,
  isGlobalName,
  localFunction,
  parsePromiseMethodCall,
} from '../../analysis/promises.js';
import type { PartState } from './types.js';

/** `xs.map(…)`, `xs.flatMap(…)`, `Array.from(xs, …)`: a declarator that may hold an array of promises. */
export function isMapCall(node: TSESTree.Expression): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(node.callee);
  return method === 'map' || method === 'flatMap' || (method === 'from' && node.arguments.length >= 2);
}

/**
 * A promise that cannot reject (RULES.md): it ends in `.catch(…)`; it comes from
 * `Promise.allSettled` (or `Promise.resolve()` of nothing or a literal); it is a `new Promise`
 * whose executor takes no `reject`; or it comes from a call to a function of the file (typed:
 * of the program) whose whole body is a `try` whose `catch` neither throws nor awaits, or that
 * only returns such a `new Promise`.
 */
function cannotRejectWith(state: PartState, value: TSESTree.Expression): boolean {
  const sourceCode = state.context.sourceCode;
  let node: TSESTree.Node = value;
  while (
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.ChainExpression
  ) {
    node = node.expression;
  }
  if (endsInCatch(node)) return true;
  if (node.type === AST_NODE_TYPES.NewExpression) return isNonRejectingNewPromise(sourceCode, node);
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = node.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression && isGlobalName(sourceCode, callee.object, 'Promise')) {
    const method = memberName(callee);
    if (method === 'allSettled') return true;
    const argument = node.arguments[0];
    return method === 'resolve' && (argument === undefined || argument.type === AST_NODE_TYPES.Literal);
  }
  if (parsePromiseMethodCall(node)) return false;
  // `xs.map(cb)`: every element comes from `cb`.
  if (isMapCall(node)) {
    const callback = node.arguments.find((argument) => isFunctionNode(argument));
    if (!isFunctionNode(callback)) return false;
    if (callback.async) return functionCannotReject(callback);
    return callback.body.type !== AST_NODE_TYPES.BlockStatement && cannotRejectWith(state, callback.body);
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const fn = localFunction(sourceCode, callee);
    if (fn && fn.type !== AST_NODE_TYPES.TSDeclareFunction) return functionNeverRejects(sourceCode, fn);
  }
  const declaration = state.typeInfo?.getSymbol(callee)?.valueDeclaration;
  return declaration !== undefined && tsFunctionNeverRejects(declaration);
}

export function makeCannotReject(state: PartState): (value: TSESTree.Expression) => boolean {
  return (value) => cannotRejectWith(state, value);
}

function functionNeverRejects(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: Exclude<ReturnType<typeof localFunction>, undefined | TSESTree.TSDeclareFunction>,
): boolean {
  if (fn.async && functionCannotReject(fn)) return true;
  let returned: TSESTree.Node | null | undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned = fn.body;
  else if (fn.body.body.length === 1 && fn.body.body[0]?.type === AST_NODE_TYPES.ReturnStatement) {
    returned = fn.body.body[0].argument;
  }
  return returned?.type === AST_NODE_TYPES.NewExpression && isNonRejectingNewPromise(sourceCode, returned);
}

function isNonRejectingNewPromise(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.NewExpression): boolean {
  if (!isGlobalName(sourceCode, node.callee, 'Promise')) return false;
  const executor = node.arguments[0];
  return isFunctionNode(executor) && executor.params.length < 2;
}

/** The same questions on a TypeScript declaration of another file of the program. */
function tsFunctionNeverRejects(declaration: ts.Declaration): boolean {
  let fn: ts.Node = declaration;
  if (ts.isVariableDeclaration(fn) && fn.initializer) fn = fn.initializer;
  if (!ts.isFunctionLike(fn)) return false;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  const isAsync = ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async;
  if (!ts.isBlock(body)) return isTsNonRejectingNewPromise(body);
  const [only] = body.statements;
  if (body.statements.length !== 1 || !only) return false;
  if (isAsync && ts.isTryStatement(only) && only.catchClause) {
    return !tsThrowsOrAwaits(only.catchClause.block) && (!only.finallyBlock || !tsThrowsOrAwaits(only.finallyBlock));
  }
  return ts.isReturnStatement(only) && only.expression !== undefined && isTsNonRejectingNewPromise(only.expression);
}

function isTsNonRejectingNewPromise(node: ts.Node): boolean {
  if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'Promise') return false;
  const executor = node.arguments?.[0];
  return executor !== undefined && (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) && executor.parameters.length < 2;
}

function tsThrowsOrAwaits(root: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isThrowStatement(node) || ts.isAwaitExpression(node) || ts.isYieldExpression(node)) {
      found = true;
      return;
    }
    if (ts.isForOfStatement(node) && node.awaitModifier) {
      found = true;
      return;
    }
    if (ts.isFunctionLike(node)) return;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
  return found;
}
