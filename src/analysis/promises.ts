/**
 * "Is this a promise?" — typed and untyped (RULES.md, "Untyped promise heuristic").
 *
 * Typed, the answer comes from the checker, as typescript-eslint answers it: a type (or union
 * member) that is the built-in `Promise` (or a class extending it), and, when asked, any
 * thenable whose `then` takes two callbacks. Untyped, a promise is: a call to a function declared
 * in scope (or a `this.m()` method of the enclosing class) that is `async` or annotated to return
 * `Promise<...>`; `new Promise`; `Promise.*`; a `.then`/`.catch`/`.finally` chain; a well-known
 * promise API (`fs/promises`, `timers/promises`, `stream/promises`, `dns/promises`,
 * `readline/promises`, `events.once`, `fetch`), by module origin. `xs.map(cb)` whose callback
 * returns one of these is an array of promises.
 */
import { isBuiltinSymbolLike } from '@typescript-eslint/type-utils';
import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import * as tsutils from 'ts-api-utils';
import ts from 'typescript';

import { memberName, skipTypeWrappers } from './ast.js';
import { isFunctionNode, type FunctionNode } from './async-context.js';
import { findApiCalls, type ApiSpec } from './module-origin.js';
import type { TypeInfo } from './type-info.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const { DefinitionType } = TSESLint.Scope;

/** The promise-handling method calls: `.then(f, r)`, `.catch(r)`, `.finally(f)`. */
export interface PromiseMethodCall {
  readonly kind: 'then' | 'catch' | 'finally';
  readonly call: TSESTree.CallExpression;
  readonly object: TSESTree.Expression;
  /** The rejection handler (`.then`'s second argument, `.catch`'s first), if given and not spread. */
  readonly onRejected?: TSESTree.Expression;
}

/** `x.then(...)`, `x.catch(...)`, `x.finally(...)`, `x?.then(...)`; syntax only. */
export function parsePromiseMethodCall(node: TSESTree.Node): PromiseMethodCall | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const kind = memberName(callee);
  if (kind !== 'then' && kind !== 'catch' && kind !== 'finally') return undefined;
  const index = kind === 'then' ? 1 : kind === 'catch' ? 0 : -1;
  // A spread before or at the handler hides it, as typescript-eslint reads it.
  const hidden = node.arguments.slice(0, index + 1).some((a) => a.type === AST_NODE_TYPES.SpreadElement);
  const handler = index >= 0 && !hidden ? node.arguments[index] : undefined;
  return {
    kind,
    call: node,
    object: callee.object,
    ...(handler && handler.type !== AST_NODE_TYPES.SpreadElement ? { onRejected: handler } : {}),
  };
}

/** The well-known promise APIs the untyped heuristic knows by module origin. */
const FS_PROMISES = [
  'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'link', 'lstat', 'lutimes',
  'mkdir', 'mkdtemp', 'open', 'opendir', 'readFile', 'readdir', 'readlink', 'realpath', 'rename',
  'rm', 'rmdir', 'stat', 'statfs', 'symlink', 'truncate', 'unlink', 'utimes', 'writeFile',
] as const;
const DNS_PROMISES = [
  'lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa',
  'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa',
  'resolveSrv', 'resolveTxt', 'reverse',
] as const;
export const PROMISE_API_SPECS: readonly ApiSpec<string>[] = Object.freeze([
  ...FS_PROMISES.flatMap((name) => [
    { module: 'fs/promises', path: [name], info: `fs/promises.${name}` },
    { module: 'fs', path: ['promises', name], info: `fs.promises.${name}` },
  ]),
  ...DNS_PROMISES.flatMap((name) => [
    { module: 'dns/promises', path: [name], info: `dns/promises.${name}` },
    { module: 'dns', path: ['promises', name], info: `dns.promises.${name}` },
  ]),
  { module: 'timers/promises', path: ['setTimeout'], info: 'timers/promises.setTimeout' },
  { module: 'timers/promises', path: ['setImmediate'], info: 'timers/promises.setImmediate' },
  { module: 'stream/promises', path: ['pipeline'], info: 'stream/promises.pipeline' },
  { module: 'stream/promises', path: ['finished'], info: 'stream/promises.finished' },
  { module: 'events', path: ['once'], info: 'events.once' },
  { module: 'events', path: ['EventEmitter', 'once'], info: 'events.once' },
  { global: 'fetch', path: [], info: 'fetch' },
]);

/** Options of the promise questions, as typescript-eslint's `no-floating-promises` has them. */
export interface PromiseOracleOptions {
  /** Also count any thenable whose `then` takes two callbacks (typed only). */
  readonly checkThenables?: boolean;
  /** Types that are never promises here (typed: `allowForKnownSafePromises`). */
  readonly isSafeType?: (type: ts.Type) => boolean;
}

/** Answers "is this a promise / an array of promises?" in the mode the file has. */
export interface PromiseOracle {
  readonly typed: boolean;
  /** Is the value of `node` a promise (or, with `checkThenables`, a thenable)? */
  isPromise(node: TSESTree.Node): boolean;
  /** Is the value of `node` an array or tuple holding promises? */
  isPromiseArray(node: TSESTree.Node): boolean;
  /** Does calling `fn` return a promise (async, annotated, typed return type)? */
  returnsPromise(fn: FunctionNode): boolean;
}

export function createPromiseOracle(
  context: Context,
  typeInfo: TypeInfo | undefined,
  options: PromiseOracleOptions = {},
): PromiseOracle {
  if (typeInfo) return typedOracle(typeInfo, options);
  const sourceCode = context.sourceCode;
  return {
    typed: false,
    isPromise: (node) => isPromiseUntyped(sourceCode, node, 0),
    isPromiseArray: (node) => isPromiseArrayUntyped(sourceCode, node, 0),
    returnsPromise: (fn) => functionReturnsPromiseUntyped(sourceCode, fn, 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Typed

function typedOracle(info: TypeInfo, options: PromiseOracleOptions): PromiseOracle {
  const { checker, program } = info;
  const isPromiseType = (type: ts.Type, at: ts.Node): boolean =>
    isPromiseLikeType(program, checker, type, at, options);
  return {
    typed: true,
    isPromise(node) {
      const type = info.getType(node);
      const at = info.tsNode(node);
      return type !== undefined && at !== undefined && isPromiseType(type, at);
    },
    isPromiseArray(node) {
      const type = info.getType(node);
      const at = info.tsNode(node);
      if (!type || !at) return false;
      return tsutils.unionConstituents(type).some((part) => {
        const apparent = checker.getApparentType(part);
        if (checker.isArrayType(apparent)) {
          const element = checker.getTypeArguments(apparent as ts.TypeReference)[0];
          return element !== undefined && isPromiseType(element, at);
        }
        if (checker.isTupleType(apparent)) {
          return checker.getTypeArguments(apparent as ts.TypeReference).some((element) => isPromiseType(element, at));
        }
        return false;
      });
    },
    returnsPromise(fn) {
      if (fn.async) return !fn.generator;
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
        const body = fn.body;
        const type = info.getType(body);
        const at = info.tsNode(body);
        return type !== undefined && at !== undefined && isPromiseType(type, at);
      }
      const at = info.tsNode(fn);
      if (!at || !ts.isFunctionLike(at)) return false;
      try {
        const signature = checker.getSignatureFromDeclaration(at);
        return signature !== undefined && isPromiseType(signature.getReturnType(), at);
      } catch {
        return false;
      }
    },
  };
}

/** typescript-eslint's "promise-like" test: built-in Promise, or a two-callback thenable when asked. */
export function isPromiseLikeType(
  program: ts.Program,
  checker: ts.TypeChecker,
  type: ts.Type,
  at: ts.Node,
  options: PromiseOracleOptions = {},
): boolean {
  if (options.isSafeType?.(type)) return false;
  const parts = tsutils.unionConstituents(checker.getApparentType(type));
  if (parts.some((part) => isBuiltinSymbolLike(program, part, 'Promise'))) return true;
  if (!options.checkThenables) return false;
  return parts.some((part) => isThenableType(checker, part, at));
}

/** A type with a `then` method whose signature takes two callbacks (so it can be rejected). */
export function isThenableType(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  const then = type.getProperty('then');
  if (!then) return false;
  const thenType = checker.getTypeOfSymbolAtLocation(then, at);
  return tsutils.unionConstituents(thenType).some((part) =>
    part.getCallSignatures().some((signature) => {
      const [first, second] = signature.parameters;
      return first !== undefined && second !== undefined && isCallable(checker, first, at) && isCallable(checker, second, at);
    }),
  );
}

function isCallable(checker: ts.TypeChecker, parameter: ts.Symbol, at: ts.Node): boolean {
  const type = checker.getApparentType(checker.getTypeOfSymbolAtLocation(parameter, at));
  return tsutils.unionConstituents(type).some((part) => part.getCallSignatures().length > 0);
}

// ---------------------------------------------------------------------------------------------
// Untyped

const MAX_DEPTH = 4;

/** Untyped: is the value of `node` a promise by the heuristic? */
export function isPromiseUntyped(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  depth = 0,
): boolean {
  if (depth > MAX_DEPTH) return false;
  const expression = unwrap(node);
  switch (expression.type) {
    case AST_NODE_TYPES.CallExpression:
      return isPromiseCallUntyped(sourceCode, expression, depth);
    case AST_NODE_TYPES.NewExpression:
      return isGlobalName(sourceCode, expression.callee, 'Promise');
    case AST_NODE_TYPES.ConditionalExpression:
      return (
        isPromiseUntyped(sourceCode, expression.consequent, depth + 1) ||
        isPromiseUntyped(sourceCode, expression.alternate, depth + 1)
      );
    case AST_NODE_TYPES.LogicalExpression:
      return (
        isPromiseUntyped(sourceCode, expression.left, depth + 1) ||
        isPromiseUntyped(sourceCode, expression.right, depth + 1)
      );
    case AST_NODE_TYPES.SequenceExpression: {
      const last = expression.expressions.at(-1);
      return last !== undefined && isPromiseUntyped(sourceCode, last, depth + 1);
    }
    case AST_NODE_TYPES.Identifier: {
      const init = constInitializer(sourceCode, expression);
      return init !== undefined && isPromiseUntyped(sourceCode, init, depth + 1);
    }
    default:
      return false;
  }
}

/** Untyped: is the value of `node` an array of promises (`xs.map(async …)`, `[p, q]`)? */
export function isPromiseArrayUntyped(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  depth = 0,
): boolean {
  if (depth > MAX_DEPTH) return false;
  const expression = unwrap(node);
  if (expression.type === AST_NODE_TYPES.ArrayExpression) {
    return expression.elements.some(
      (element) =>
        element !== null &&
        element.type !== AST_NODE_TYPES.SpreadElement &&
        isPromiseUntyped(sourceCode, element, depth + 1),
    );
  }
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const init = constInitializer(sourceCode, expression);
    return init !== undefined && isPromiseArrayUntyped(sourceCode, init, depth + 1);
  }
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(expression.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(callee);
  let callback: TSESTree.Node | undefined;
  if (method === 'map') callback = expression.arguments[0];
  else if (method === 'from' && isGlobalName(sourceCode, callee.object, 'Array')) callback = expression.arguments[1];
  return isFunctionNode(callback) && functionReturnsPromiseUntyped(sourceCode, callback, depth + 1);
}

/** Untyped: does `fn` return a promise (async, a `Promise<…>` annotation, or an expression body that is one)? */
export function functionReturnsPromiseUntyped(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode | TSESTree.TSDeclareFunction | TSESTree.TSEmptyBodyFunctionExpression,
  depth = 0,
): boolean {
  if (fn.async) return !fn.generator;
  if (hasPromiseAnnotation(fn.returnType)) return true;
  return (
    fn.type === AST_NODE_TYPES.ArrowFunctionExpression &&
    fn.body.type !== AST_NODE_TYPES.BlockStatement &&
    isPromiseUntyped(sourceCode, fn.body, depth + 1)
  );
}

function isPromiseCallUntyped(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  depth: number,
): boolean {
  const callee = unwrap(call.callee);
  if (isFunctionNode(callee)) return functionReturnsPromiseUntyped(sourceCode, callee, depth + 1);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(callee);
    if (method === 'then' || method === 'catch' || method === 'finally') {
      return !isInstanceOfLocalNonPromiseClass(sourceCode, callee.object);
    }
    if (method !== undefined && method !== 'withResolvers' && isGlobalName(sourceCode, callee.object, 'Promise')) {
      return true;
    }
    if (callee.object.type === AST_NODE_TYPES.ThisExpression && method !== undefined) {
      const member = classMember(callee, method);
      if (member) return functionReturnsPromiseUntyped(sourceCode, member, depth + 1);
    }
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const fn = localFunction(sourceCode, callee);
    if (fn) return functionReturnsPromiseUntyped(sourceCode, fn, depth + 1);
  }
  return findApiCalls(sourceCode, PROMISE_API_SPECS).has(call);
}

/** `thenable.then(…)` where `const thenable = new Thenable()` of a class of the file that does not extend Promise. */
function isInstanceOfLocalNonPromiseClass(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const receiver = unwrap(node);
  if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
  const init = constInitializer(sourceCode, receiver);
  if (init?.type !== AST_NODE_TYPES.NewExpression || init.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(init.callee), init.callee);
  const def = variable?.defs[0];
  return def?.type === DefinitionType.ClassName && def.node.type === AST_NODE_TYPES.ClassDeclaration && def.node.superClass === null;
}

/** `Promise<T>`, `PromiseLike<T>` or a union holding one. */
function hasPromiseAnnotation(annotation: TSESTree.TSTypeAnnotation | undefined): boolean {
  const type = annotation?.typeAnnotation;
  if (!type) return false;
  const parts = type.type === AST_NODE_TYPES.TSUnionType ? type.types : [type];
  return parts.some(
    (part) =>
      part.type === AST_NODE_TYPES.TSTypeReference &&
      part.typeName.type === AST_NODE_TYPES.Identifier &&
      part.typeName.name === 'Promise',
  );
}

/** Strips TypeScript wrappers and optional chains. */
function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
    else if (
      current.type === AST_NODE_TYPES.TSAsExpression ||
      current.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.type === AST_NODE_TYPES.TSTypeAssertion ||
      current.type === AST_NODE_TYPES.TSSatisfiesExpression
    ) {
      current = skipTypeWrappers(current);
    } else return current;
  }
}

/** Is `node` the identifier `name` with no local binding of that name (the global)? */
export function isGlobalName(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  name: string,
): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier || node.name !== name) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  return !variable || variable.defs.length === 0;
}

/** The function an identifier names, when a function declaration or a `const f = () => …` of the file declares it. */
export function localFunction(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): FunctionNode | TSESTree.TSDeclareFunction | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  if (variable?.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (!def) return undefined;
  // A parameter's definition node is its function: only a function's own name counts.
  if (
    def.type === DefinitionType.FunctionName &&
    (def.node.type === AST_NODE_TYPES.FunctionDeclaration || def.node.type === AST_NODE_TYPES.TSDeclareFunction)
  ) {
    return def.node;
  }
  if (
    def.type === DefinitionType.Variable &&
    def.node.id.type === AST_NODE_TYPES.Identifier &&
    def.node.parent.kind === 'const' &&
    def.node.init
  ) {
    const init = unwrap(def.node.init);
    if (isFunctionNode(init)) return init;
  }
  return undefined;
}

/** The initialiser of the `const` an identifier names (one hop), if it has one. */
export function constInitializer(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (
    def?.type === DefinitionType.Variable &&
    def.node.id.type === AST_NODE_TYPES.Identifier &&
    def.node.parent.kind === 'const' &&
    def.node.init &&
    def.node.init !== identifier
  ) {
    return def.node.init;
  }
  return undefined;
}

/** The method (or arrow-function field) `name` of the class enclosing `node`. */
function classMember(
  node: TSESTree.Node,
  name: string,
): FunctionNode | TSESTree.TSEmptyBodyFunctionExpression | undefined {
  let current: TSESTree.Node | undefined = node.parent;
  // `this` in a nested non-arrow function is not the class instance.
  while (current && current.type !== AST_NODE_TYPES.ClassBody) {
    if (current.type === AST_NODE_TYPES.FunctionExpression && current.parent.type !== AST_NODE_TYPES.MethodDefinition) {
      return undefined;
    }
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    current = current.parent;
  }
  if (!current) return undefined;
  for (const element of current.body) {
    if (
      (element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition) &&
      !element.computed &&
      element.key.type === AST_NODE_TYPES.Identifier &&
      element.key.name === name
    ) {
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method') return element.value;
      if (element.type === AST_NODE_TYPES.PropertyDefinition && element.value && isFunctionNode(element.value)) {
        return element.value;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Promises that cannot reject

/**
 * A function that cannot reject: its whole body is a `try` with a `catch`, and neither the
 * `catch` nor a `finally` throws or awaits. Plain bookkeeping before the `try` (statements with
 * no call, `new`, `await` or `throw`: `this.timer = null; if (this.closed) return;`) is allowed.
 * An expression body that ends in `.catch(f)` counts too.
 */
export function functionCannotReject(fn: FunctionNode | TSESTree.TSEmptyBodyFunctionExpression): boolean {
  const body = fn.body;
  if (!body) return false;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return endsInCatch(body);
  const last = body.body.at(-1);
  if (last?.type !== AST_NODE_TYPES.TryStatement || !last.handler) return false;
  // Statements before the `try` may only be plain bookkeeping: no call, `new`, `await` or `throw`.
  if (body.body.slice(0, -1).some((statement) => callsThrowsOrAwaits(statement))) return false;
  return !throwsOrAwaits(last.handler.body) && (!last.finalizer || !throwsOrAwaits(last.finalizer));
}

/** Does a statement call, construct, throw or suspend (outside nested functions)? */
function callsThrowsOrAwaits(root: TSESTree.Node): boolean {
  return (
    someNode(
      root,
      (node) => node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression,
    ) || throwsOrAwaits(root)
  );
}

/** Does the value end in `.catch(f)` (or `.then(_, f)`), so that it cannot reject (unless `f` throws)? */
export function endsInCatch(node: TSESTree.Node): boolean {
  const expression = unwrap(node);
  const parsed = parsePromiseMethodCall(expression);
  if (!parsed) return false;
  if (parsed.kind === 'finally') return false;
  return parsed.onRejected !== undefined && !isNonFunctionValue(parsed.onRejected);
}

/** An expression that is clearly not a function: a literal, `undefined`, an object or array literal. */
export function isNonFunctionValue(node: TSESTree.Node): boolean {
  const expression = unwrap(node);
  return (
    expression.type === AST_NODE_TYPES.Literal ||
    expression.type === AST_NODE_TYPES.TemplateLiteral ||
    expression.type === AST_NODE_TYPES.ObjectExpression ||
    expression.type === AST_NODE_TYPES.ArrayExpression ||
    (expression.type === AST_NODE_TYPES.Identifier && expression.name === 'undefined') ||
    (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void')
  );
}

/** Does a block contain a `throw`, an `await`, a `yield` or `for await` outside nested functions? */
export function throwsOrAwaits(root: TSESTree.Node): boolean {
  return someNode(
    root,
    (node) =>
      node.type === AST_NODE_TYPES.ThrowStatement ||
      node.type === AST_NODE_TYPES.AwaitExpression ||
      node.type === AST_NODE_TYPES.YieldExpression ||
      (node.type === AST_NODE_TYPES.ForOfStatement && node.await) ||
      (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'await using'),
  );
}

/** Does `root` or a node below it (not inside nested functions or classes) match? */
export function someNode(root: TSESTree.Node, predicate: (node: TSESTree.Node) => boolean): boolean {
  const visit = (node: TSESTree.Node): boolean => {
    if (predicate(node)) return true;
    if (node !== root && (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody)) return false;
    let found = false;
    forEachChild(node, (child) => {
      found ||= visit(child);
    });
    return found;
  };
  return visit(root);
}

/** Calls `visit` on each direct child node of `node`. */
export function forEachChild(node: TSESTree.Node, visit: (child: TSESTree.Node) => void): void {
  for (const key of Object.keys(node) as (keyof typeof node)[]) {
    if (key === 'parent') continue;
    const value = node[key] as unknown;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) visit(value);
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
