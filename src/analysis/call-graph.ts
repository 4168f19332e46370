/**
 * Following calls into plain functions (RULES.md, `no-sync-in-async`, `followCalls`):
 * which function a call reaches, and which calls that function's body makes synchronously.
 *
 * Same file (both modes): function declarations, `const f = () => …` / function
 * expressions, and `this.m()` of the enclosing class. Typed, also any function of the
 * program reached through the call's resolved signature, outside declaration files and
 * external libraries. Calls through an interface (no body) or an unknown value are not
 * followed.
 */
import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import { memberName, skipTypeWrappers } from './ast.js';
import { SYNC_ITERATION_METHODS, getEnclosingFunction, isFunctionNode, runsSynchronouslyInParent, type FunctionNode } from './async-context.js';

/** The same-file function a call reaches, when the call's callee names one unambiguously. */
export function resolveLocalFunction(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): FunctionNode | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(call), callee);
    if (variable?.defs.length !== 1) return undefined;
    const def = variable.defs[0];
    if (!def) return undefined;
    if (def.type === TSESLint.Scope.DefinitionType.FunctionName && def.node.type === AST_NODE_TYPES.FunctionDeclaration) {
      return def.node;
    }
    if (
      def.type === TSESLint.Scope.DefinitionType.Variable &&
      def.node.parent.kind === 'const' &&
      def.node.id.type === AST_NODE_TYPES.Identifier &&
      def.node.init
    ) {
      const init = skipTypeWrappers(def.node.init);
      return isFunctionNode(init) ? init : undefined;
    }
    return undefined;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression) {
    const name = memberName(callee);
    return name === undefined ? undefined : resolveThisMethod(call, name);
  }
  return undefined;
}

/** `this.name` inside a method of a class: that class's own method (or arrow field) `name`. */
function resolveThisMethod(node: TSESTree.Node, name: string): FunctionNode | undefined {
  let fn = getEnclosingFunction(node);
  while (fn?.type === AST_NODE_TYPES.ArrowFunctionExpression) fn = getEnclosingFunction(fn);
  const owner = fn ? fn.parent : findFieldOwner(node);
  if (
    owner?.type !== AST_NODE_TYPES.MethodDefinition &&
    owner?.type !== AST_NODE_TYPES.PropertyDefinition
  ) {
    return undefined;
  }
  const isStatic = owner.static;
  for (const member of owner.parent.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition) {
      if (member.kind !== 'method' || member.static !== isStatic || member.computed) continue;
      if (member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name) {
        return member.value.type === AST_NODE_TYPES.FunctionExpression ? member.value : undefined;
      }
    } else if (member.type === AST_NODE_TYPES.PropertyDefinition) {
      if (member.static !== isStatic || member.computed || member.key.type !== AST_NODE_TYPES.Identifier) continue;
      if (member.key.name !== name || !member.value) continue;
      const value = skipTypeWrappers(member.value);
      if (isFunctionNode(value)) return value;
    }
  }
  return undefined;
}

function findFieldOwner(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.PropertyDefinition) return current;
    if (current.type === AST_NODE_TYPES.ClassBody) return undefined;
  }
  return undefined;
}

const syncCallsCache = new WeakMap<FunctionNode, readonly TSESTree.CallExpression[]>();

/**
 * The calls `fn`'s body makes while `fn` runs: not those in nested functions, except
 * non-async callbacks that run synchronously inside it (array iteration, IIFE, executor).
 */
export function syncCallsIn(
  fn: FunctionNode,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): readonly TSESTree.CallExpression[] {
  const cached = syncCallsCache.get(fn);
  if (cached) return cached;
  const calls: TSESTree.CallExpression[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (isFunctionNode(node) && (node.async || node.generator || !runsSynchronouslyInParent(node))) return;
    if (node.type === AST_NODE_TYPES.ClassBody) return;
    if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visit(item);
      } else if (isNode(child)) {
        visit(child);
      }
    }
  };
  visit(fn.body);
  syncCallsCache.set(fn, calls);
  return calls;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** A function-like TypeScript declaration with a body. */
export type TsFunction =
  | ts.ArrowFunction
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.MethodDeclaration;

/** Is `sourceFile` the program's own code (not a declaration file, not an external library)? */
export function isProgramSource(program: ts.Program, sourceFile: ts.SourceFile): boolean {
  return (
    !sourceFile.isDeclarationFile &&
    !program.isSourceFileFromExternalLibrary(sourceFile) &&
    !sourceFile.fileName.includes('/node_modules/')
  );
}

/**
 * The function of the program a call reaches, when it has a body in the program's own code
 * and is a plain (not async, not generator) function. Resolved through the callee's symbol
 * (aliases followed): the declaration the call's signature comes from, without the cost of
 * overload resolution. A callee with several bodies (a union of classes) is not followed.
 */
export function resolveProgramFunction(
  program: ts.Program,
  checker: ts.TypeChecker,
  call: ts.CallExpression,
): TsFunction | undefined {
  let callee: ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee) || ts.isAsExpression(callee)) {
    callee = callee.expression;
  }
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  if (!ts.isIdentifier(nameNode) && !ts.isPrivateIdentifier(nameNode)) return undefined;
  let symbol: ts.Symbol | undefined;
  try {
    symbol = checker.getSymbolAtLocation(nameNode);
    if (symbol && (symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
  } catch {
    return undefined;
  }
  const bodies = (symbol?.declarations ?? []).map(functionOf).filter((fn) => fn !== undefined);
  const declaration = bodies.length === 1 ? bodies[0] : undefined;
  if (!declaration || declaration.asteriskToken) return undefined;
  if (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Async) return undefined;
  if (!isProgramSource(program, declaration.getSourceFile())) return undefined;
  return declaration;
}

/** The function with a body a declaration stands for (`function f`, `m() {}`, `const f = () => …`). */
function functionOf(declaration: ts.Declaration): TsFunction | undefined {
  if (
    (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) &&
    declaration.body !== undefined
  ) {
    return declaration;
  }
  if (
    (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) &&
    declaration.initializer !== undefined
  ) {
    if (ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) === 0) {
      return undefined;
    }
    let init = declaration.initializer;
    while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) {
      init = init.expression;
    }
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

const tsSyncCallsCache = new WeakMap<ts.Node, readonly ts.CallExpression[]>();

/** `syncCallsIn` for a TypeScript function of another file of the program. */
export function tsSyncCallsIn(fn: TsFunction): readonly ts.CallExpression[] {
  const cached = tsSyncCallsCache.get(fn);
  if (cached) return cached;
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && !tsRunsSynchronously(node)) return;
    if (ts.isClassLike(node)) return;
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  tsSyncCallsCache.set(fn, calls);
  return calls;
}

function tsRunsSynchronously(fn: ts.SignatureDeclaration): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  if (fn.asteriskToken || (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0) return false;
  let child: ts.Node = fn;
  let parent = fn.parent;
  while (ts.isParenthesizedExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isCallExpression(parent)) {
    if (parent.expression === child) return true;
    const callee = parent.expression;
    return (
      ts.isPropertyAccessExpression(callee) &&
      SYNC_ITERATION_METHODS.has(callee.name.text) &&
      parent.arguments[0] === child
    );
  }
  return (
    ts.isNewExpression(parent) &&
    ts.isIdentifier(parent.expression) &&
    parent.expression.text === 'Promise' &&
    parent.arguments?.[0] === child
  );
}

/** The name a TypeScript call's callee ends in (`f`, `a.b` → `b`). */
export function tsCalleeName(call: ts.CallExpression): string | undefined {
  let callee: ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee) || ts.isAsExpression(callee)) {
    callee = callee.expression;
  }
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    return callee.argumentExpression.text;
  }
  return undefined;
}
