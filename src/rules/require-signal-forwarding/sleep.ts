/**
 * Hand-written sleeps that cannot observe a signal: `new Promise(r => setTimeout(r, ms))`,
 * and functions whose body is just that (same file; typed, anywhere in the program).
 */
import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import { isFunctionNode, type FunctionNode } from '../../analysis/async-context.js';
import { isSignalName, unwrap } from '../../analysis/signals.js';
import type { TypeInfo } from '../../analysis/type-info.js';

const { DefinitionType } = TSESLint.Scope;

/** Is `node` `new Promise(r => setTimeout(r, ms))` (or `setTimeout(() => r(), ms)`), with the global timer? */
export function isSleepPromise(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const expression = unwrap(node);
  if (
    expression.type !== AST_NODE_TYPES.NewExpression ||
    expression.callee.type !== AST_NODE_TYPES.Identifier ||
    expression.callee.name !== 'Promise' ||
    expression.arguments.length !== 1
  ) {
    return false;
  }
  const executor = expression.arguments[0];
  if (!isFunctionNode(executor) || executor.params.length !== 1) return false;
  const resolve = executor.params[0];
  if (resolve?.type !== AST_NODE_TYPES.Identifier) return false;
  const timerCall = onlyExpression(executor);
  if (timerCall?.type !== AST_NODE_TYPES.CallExpression || timerCall.arguments.length !== 2) return false;
  const callee = timerCall.callee;
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'setTimeout') return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
  if (variable && variable.defs.length > 0) return false;
  const handler = timerCall.arguments[0];
  if (handler?.type === AST_NODE_TYPES.Identifier) return handler.name === resolve.name;
  if (isFunctionNode(handler) && handler.params.length === 0) {
    const inner = onlyExpression(handler);
    return (
      inner?.type === AST_NODE_TYPES.CallExpression &&
      inner.callee.type === AST_NODE_TYPES.Identifier &&
      inner.callee.name === resolve.name
    );
  }
  return false;
}

/** The single expression a function body consists of (`=> e`, `{ e; }`, `{ return e; }`). */
function onlyExpression(fn: FunctionNode): TSESTree.Expression | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  if (fn.body.body.length !== 1) return undefined;
  const statement = fn.body.body[0];
  if (statement?.type === AST_NODE_TYPES.ExpressionStatement) return statement.expression;
  if (statement?.type === AST_NODE_TYPES.ReturnStatement) return statement.argument ?? undefined;
  return undefined;
}

/** Is `fn` a sleep helper: no signal parameter, body just a sleep promise? */
function isSleepFunction(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): boolean {
  if (fn.params.some((parameter) => parameter.type !== AST_NODE_TYPES.Identifier || isSignalName(parameter.name))) {
    return false;
  }
  const body = onlyExpression(fn);
  return body !== undefined && isSleepPromise(sourceCode, body);
}

/** Is `call` a call of a sleep helper of the same file or (typed) of the program? */
export function isSleepHelperCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  types: TypeInfo | undefined,
  call: TSESTree.CallExpression,
): boolean {
  if (call.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(call.callee), call.callee);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type === DefinitionType.FunctionName && isFunctionNode(definition.node)) {
    return isSleepFunction(sourceCode, definition.node);
  }
  if (definition?.type === DefinitionType.Variable) {
    const init = definition.node.init;
    return (
      definition.node.parent.kind === 'const' &&
      isFunctionNode(init) &&
      isSleepFunction(sourceCode, init)
    );
  }
  if (definition?.type === DefinitionType.ImportBinding && types) return isProgramSleep(types, call.callee);
  return false;
}

/** Typed: the callee's declaration, in a source file of the program, is a sleep helper. */
function isProgramSleep(types: TypeInfo, callee: TSESTree.Identifier): boolean {
  const symbol = types.getSymbol(callee);
  const declaration = symbol?.valueDeclaration ?? symbol?.getDeclarations()?.[0];
  if (!declaration) return false;
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile || types.program.isSourceFileFromExternalLibrary(file)) return false;
  let fn: ts.SignatureDeclaration | undefined;
  if (ts.isFunctionDeclaration(declaration)) fn = declaration;
  else if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const init = declaration.initializer;
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) fn = init;
  }
  if (!fn || !('body' in fn) || !fn.body) return false;
  if (fn.parameters.some((parameter) => !ts.isIdentifier(parameter.name) || isSignalName(parameter.name.text))) {
    return false;
  }
  const body = tsOnlyExpression(fn.body);
  return body !== undefined && isTsSleepPromise(body);
}

function tsOnlyExpression(body: ts.ConciseBody): ts.Expression | undefined {
  if (!ts.isBlock(body)) return skipParens(body);
  if (body.statements.length !== 1) return undefined;
  const statement = body.statements[0];
  if (statement && ts.isExpressionStatement(statement)) return skipParens(statement.expression);
  if (statement && ts.isReturnStatement(statement) && statement.expression) return skipParens(statement.expression);
  return undefined;
}

function skipParens(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current)) current = current.expression;
  return current;
}

function isTsSleepPromise(expression: ts.Expression): boolean {
  if (!ts.isNewExpression(expression) || !ts.isIdentifier(expression.expression)) return false;
  if (expression.expression.text !== 'Promise' || expression.arguments?.length !== 1) return false;
  const executor = expression.arguments[0];
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return false;
  const resolve = executor.parameters[0]?.name;
  if (executor.parameters.length !== 1 || !resolve || !ts.isIdentifier(resolve)) return false;
  const timer = tsOnlyExpression(executor.body);
  if (!timer || !ts.isCallExpression(timer) || timer.arguments.length !== 2) return false;
  if (!ts.isIdentifier(timer.expression) || timer.expression.text !== 'setTimeout') return false;
  const handler = timer.arguments[0];
  if (handler && ts.isIdentifier(handler)) return handler.text === resolve.text;
  if (handler && (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) && handler.parameters.length === 0) {
    const inner = tsOnlyExpression(handler.body);
    return (
      inner !== undefined &&
      ts.isCallExpression(inner) &&
      ts.isIdentifier(inner.expression) &&
      inner.expression.text === resolve.text
    );
  }
  return false;
}
