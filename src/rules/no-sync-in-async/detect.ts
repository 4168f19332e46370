/**
 * Which calls block: the built-in table and `additionalApis` by module origin (both modes)
 * and, typed, by the declaration the callee resolves to; and which plain functions block
 * when called (`followCalls`).
 */
import {
  typeMatchesSomeSpecifier,
  valueMatchesSomeSpecifier,
  type TypeOrValueSpecifier,
} from '@typescript-eslint/type-utils';
import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

const { DefinitionType } = TSESLint.Scope;
import ts from 'typescript';

import { calleeName, skipTypeWrappers } from '../../analysis/ast.js';
import { isFunctionNode, type FunctionNode } from '../../analysis/async-context.js';
import {
  resolveLocalFunction,
  resolveProgramFunction,
  syncCallsIn,
  tsCalleeName,
  tsSyncCallsIn,
  type TsFunction,
} from '../../analysis/call-graph.js';
import { isMemoGuarded, isMemoGuardedTs } from '../../analysis/memo.js';
import { findApiCalls, resultMemberCalls, type ApiSpec } from '../../analysis/module-origin.js';
import type { TypeInfo } from '../../analysis/type-info.js';
import {
  BLOCKING_APIS,
  CHEAP_SYNC_APIS,
  apiPath,
  denoAlternative,
  type BlockingApi,
} from '../../knowledge/blocking-apis.js';
import type { AdditionalApi, Blocking, SpecInfo } from './types.js';

const BUILTIN_SPECS: readonly ApiSpec<SpecInfo>[] = [
  ...BLOCKING_APIS.map(
    (api): ApiSpec<SpecInfo> => ({
      ...(api.module !== undefined ? { module: api.module } : { global: api.global }),
      path: apiPath(api),
      info: { kind: 'api', api },
    }),
  ),
  ...CHEAP_SYNC_APIS.map(
    ({ module, name }): ApiSpec<SpecInfo> => ({ module, path: [name], info: { kind: 'cheap', name } }),
  ),
];

/** Built-in entries by `module:name`, for the typed declaration check. */
const BUILTIN_BY_MODULE_NAME: ReadonlyMap<string, BlockingApi> = new Map(
  BLOCKING_APIS.filter((api) => api.module !== undefined && api.path === undefined).map((api) => [
    `${api.module ?? ''}:${api.name}`,
    api,
  ]),
);
const CHEAP_BY_MODULE_NAME: ReadonlySet<string> = new Set(CHEAP_SYNC_APIS.map(({ module, name }) => `${module}:${name}`));

/** Every name a built-in blocking API is called by: the cheap syntactic filter. */
const BUILTIN_NAMES: ReadonlySet<string> = new Set(BLOCKING_APIS.map((api) => api.name));

const additionalSpecsCache = new WeakMap<readonly AdditionalApi[], readonly ApiSpec<SpecInfo>[]>();

function specsFor(additionalApis: readonly AdditionalApi[]): readonly ApiSpec<SpecInfo>[] {
  if (additionalApis.length === 0) return BUILTIN_SPECS;
  const cached = additionalSpecsCache.get(additionalApis);
  if (cached) return cached;
  const specs: ApiSpec<SpecInfo>[] = [...BUILTIN_SPECS];
  for (const extra of additionalApis) {
    const module = stripNode(extra.module);
    let hasClass = false;
    for (const name of extra.names) {
      const [className, method] = name.split('#');
      if (method !== undefined && className !== undefined) {
        hasClass = true;
        specs.push({ module, path: [className], info: { kind: 'class', module, extra } });
      } else {
        const blocking: Blocking = { name, owner: module, alternative: extra.alternative };
        specs.push({ module, path: name.split('.'), info: { kind: 'extra', blocking } });
      }
    }
    if (hasClass) {
      // A default export (or the CommonJS module itself) constructed or called as a factory.
      specs.push({ module, path: ['default'], info: { kind: 'class', module, extra } });
      specs.push({ module, path: [], info: { kind: 'class', module, extra } });
    }
  }
  additionalSpecsCache.set(additionalApis, specs);
  return specs;
}

function stripNode(module: string): string {
  return module.startsWith('node:') ? module.slice('node:'.length) : module;
}

export interface DetectorOptions {
  readonly allow: readonly TypeOrValueSpecifier[];
  readonly additionalApis: readonly AdditionalApi[];
  readonly followCalls: number;
}

export interface CalleeBlocking {
  readonly callee: string;
  readonly blockingCall: string;
}

export interface Detector {
  /** The blocking API `call` is, unless allowed. */
  directBlocking(call: TSESTree.CallExpression): (Blocking & { readonly fromModuleOrigin: boolean }) | undefined;
  /** The blocking API a plain function reached by `call` calls, within `followCalls` hops. */
  blockingCallee(call: TSESTree.CallExpression): CalleeBlocking | undefined;
  /** Is `call` one of the program's own functions, judged by its body rather than its name? */
  isJudgedByBody(call: TSESTree.CallExpression): boolean;
  /** Is `call` a known cheap `*Sync` API (`randomFillSync`)? */
  isCheapApi(call: TSESTree.CallExpression): boolean;
  /** Does `allow` list `name` (of `owner`, when known)? `node` names the callee, for typed specifiers. */
  isAllowed(name: string, owner: string | undefined, node: TSESTree.Node | undefined): boolean;
  /** The module a callee's root identifier is imported or required from, if any. */
  importedFrom(call: TSESTree.CallExpression): string | undefined;
}

export function createDetector(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  types: TypeInfo | undefined,
  options: DetectorOptions,
): Detector {
  const sourceCode = context.sourceCode;
  const specs = specsFor(options.additionalApis);
  const apiCalls = findApiCalls(sourceCode, specs);
  const classMethodCalls = collectClassMethodCalls();
  const extraNames = new Set(
    options.additionalApis.flatMap((extra) => extra.names.map((name) => name.split('#').at(-1)?.split('.').at(-1) ?? name)),
  );
  const allowStrings = new Set(options.allow.filter((entry): entry is string => typeof entry === 'string'));
  const allowSpecifiers = options.allow.filter((entry) => typeof entry !== 'string');
  const packageSpecifiers = allowSpecifiers.filter((entry) => entry.from === 'package');
  const services = sourceCode.parserServices;
  const estreeOf = (node: ts.Node): TSESTree.Node | undefined => {
    try {
      return services?.tsNodeToESTreeNodeMap?.get(node);
    } catch {
      return undefined;
    }
  };
  const currentTsFile = types?.tsNode(sourceCode.ast)?.getSourceFile();
  const estreeResults = new Map<FunctionNode, Map<number, string | null>>();
  const tsResults = new Map<ts.Node, Map<number, string | null>>();

  return {
    directBlocking,
    blockingCallee(call) {
      if (options.followCalls <= 0) return undefined;
      const found = followCall(call, options.followCalls, new Set());
      if (found === undefined) return undefined;
      const callee = skipTypeWrappers(call.callee);
      const calleeText = sourceCode.getText(callee);
      if (allowStrings.has(calleeName(call) ?? calleeText) || allowStrings.has(calleeText)) return undefined;
      return { callee: calleeText, blockingCall: found };
    },
    isJudgedByBody(call) {
      const local = resolveLocalFunction(call, sourceCode);
      if (local) return true;
      if (!types) return false;
      // The functions `followCalls` would follow: the same resolution, so what is judged by its body is followed.
      const tsCall = types.tsNode(call);
      if (!tsCall || !ts.isCallExpression(tsCall)) return false;
      return resolveProgramFunction(types.program, types.checker, tsCall) !== undefined;
    },
    isCheapApi(call) {
      const info = apiCalls.get(call)?.info;
      if (info?.kind === 'cheap') return true;
      if (!types) return false;
      const tsCall = types.tsNode(call);
      if (!tsCall || !ts.isCallExpression(tsCall)) return false;
      return declaredModuleNames(tsCall).some((key) => CHEAP_BY_MODULE_NAME.has(key));
    },
    isAllowed,
    importedFrom,
  };

  function directBlocking(
    call: TSESTree.CallExpression,
  ): (Blocking & { readonly fromModuleOrigin: boolean }) | undefined {
    const found = findDirectBlocking(call);
    if (!found) return undefined;
    const callee = skipTypeWrappers(call.callee);
    const nameNode =
      callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : callee;
    return isAllowed(found.name, found.owner, nameNode, callee) ? undefined : found;
  }

  function findDirectBlocking(call: TSESTree.CallExpression): (Blocking & { fromModuleOrigin: boolean }) | undefined {
    const info = apiCalls.get(call)?.info;
    if (info?.kind === 'api') return { ...fromApi(info.api), fromModuleOrigin: true };
    if (info?.kind === 'extra') return { ...info.blocking, fromModuleOrigin: true };
    const classCall = classMethodCalls.get(call);
    if (classCall) return { ...classCall, fromModuleOrigin: true };
    const deno = denoCall(call);
    if (deno) return { ...deno, fromModuleOrigin: true };
    if (!types || !passesNameFilter(call)) return undefined;
    const tsCall = types.tsNode(call);
    if (!tsCall || !ts.isCallExpression(tsCall)) return undefined;
    const typed = tsBlocking(tsCall);
    return typed ? { ...typed, fromModuleOrigin: false } : undefined;
  }

  /** The cheap filter before a typed look-up: a known or `*Sync` name, or an imported callee. */
  function passesNameFilter(call: TSESTree.CallExpression): boolean {
    const name = calleeName(call);
    if (name === undefined) return false;
    if (BUILTIN_NAMES.has(name) || extraNames.has(name) || name.endsWith('Sync')) return true;
    // A differently named re-export (`export { readFileSync as readText }`) comes from the project's own modules.
    const source = importedFrom(call);
    return source !== undefined && isOwnModule(source);
  }

  function isAllowed(
    name: string,
    owner: string | undefined,
    nameNode: TSESTree.Node | undefined,
    calleeNode?: TSESTree.Node,
  ): boolean {
    if (allowStrings.has(name) || (owner !== undefined && allowStrings.has(`${owner}.${name}`))) return true;
    if (allowSpecifiers.length === 0) return false;
    if (types && nameNode) {
      const type = types.getType(calleeNode ?? nameNode);
      if (!type) return false;
      // `valueMatchesSomeSpecifier` checks only the name of `file` and `lib` specifiers: use it for packages.
      return (
        valueMatchesSomeSpecifier(nameNode, packageSpecifiers, types.program, type) ||
        typeMatchesSomeSpecifier(type, allowSpecifiers, types.program)
      );
    }
    // Untyped: `package` specifiers match by module origin; `file` and `lib` cannot be checked.
    return allowSpecifiers.some(
      (specifier) =>
        typeof specifier !== 'string' &&
        specifier.from === 'package' &&
        stripNode(specifier.package) === owner &&
        (typeof specifier.name === 'string' ? [specifier.name] : specifier.name).includes(name),
    );
  }

  function isAllowedTs(blocking: Blocking, node: ts.Node): boolean {
    if (allowStrings.has(blocking.name) || (blocking.owner !== undefined && allowStrings.has(`${blocking.owner}.${blocking.name}`))) {
      return true;
    }
    if (allowSpecifiers.length === 0 || !types) return false;
    try {
      const type = types.checker.getTypeAtLocation(node);
      const nameNode = { type: AST_NODE_TYPES.Identifier, name: blocking.name.split('.').at(-1) ?? blocking.name };
      return (
        valueMatchesSomeSpecifier(nameNode as TSESTree.Identifier, packageSpecifiers, types.program, type) ||
        typeMatchesSomeSpecifier(type, allowSpecifiers, types.program)
      );
    } catch {
      return false;
    }
  }

  function fromApi(api: BlockingApi): Blocking {
    const path = apiPath(api).join('.');
    return api.global !== undefined
      ? { name: `${api.global}.${path}`, owner: api.global, alternative: api.alternative, api }
      : { name: path, owner: api.module, alternative: api.alternative, api };
  }

  /** `Deno.xSync(...)` on the global `Deno` (not a local binding). */
  function denoCall(call: TSESTree.CallExpression): Blocking | undefined {
    const callee = skipTypeWrappers(call.callee);
    if (
      callee.type !== AST_NODE_TYPES.MemberExpression ||
      callee.object.type !== AST_NODE_TYPES.Identifier ||
      callee.object.name !== 'Deno'
    ) {
      return undefined;
    }
    const name = calleeName(call);
    if (name === undefined || !/[a-z]Sync$/.test(name)) return undefined;
    const variable = ASTUtils.findVariable(sourceCode.getScope(call), callee.object);
    if (variable && variable.defs.length > 0) return undefined;
    return { name: `Deno.${name}`, owner: 'Deno', alternative: denoAlternative(name) };
  }

  /** Untyped `Class#method`: member calls one hop from the module's class or factory. */
  function collectClassMethodCalls(): ReadonlyMap<TSESTree.CallExpression, Blocking> {
    const calls = new Map<TSESTree.CallExpression, Blocking>();
    if (options.additionalApis.length === 0) return calls;
    for (const { node, info, path } of apiCalls.values()) {
      if (info.kind !== 'class') continue;
      const className = path.at(-1);
      for (const memberCall of resultMemberCalls(sourceCode, node)) {
        const method = calleeName(memberCall);
        const entry = info.extra.names.find((name) => {
          const [cls, m] = name.split('#');
          return m === method && (cls === className || className === 'default' || path.length === 1);
        });
        if (entry !== undefined && !calls.has(memberCall)) {
          calls.set(memberCall, { name: entry, owner: info.module, alternative: info.extra.alternative });
        }
      }
    }
    return calls;
  }

  function importedFrom(call: TSESTree.CallExpression): string | undefined {
    const root = rootIdentifier(call.callee);
    if (!root) return undefined;
    const variable = ASTUtils.findVariable(sourceCode.getScope(call), root);
    const def = variable?.defs[0];
    if (!def) return undefined;
    if (def.type === DefinitionType.ImportBinding && def.parent.type === AST_NODE_TYPES.ImportDeclaration) {
      return stripNode(def.parent.source.value);
    }
    if (def.type === DefinitionType.Variable && def.node.init) {
      const init = skipTypeWrappers(def.node.init);
      if (
        init.type === AST_NODE_TYPES.CallExpression &&
        init.callee.type === AST_NODE_TYPES.Identifier &&
        init.callee.name === 'require' &&
        init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
        typeof init.arguments[0].value === 'string'
      ) {
        return stripNode(init.arguments[0].value);
      }
    }
    return undefined;
  }

  // --- typed look-ups on TypeScript nodes -------------------------------------------------

  /** `module:name` for each declaration the callee resolves to inside a `declare module "…"`. */
  function declaredModuleNames(call: ts.CallExpression): string[] {
    if (!types) return [];
    const nameNode = calleeNameNode(call);
    if (!nameNode) return [];
    const keys: string[] = [];
    try {
      let symbol = types.checker.getSymbolAtLocation(nameNode);
      if (symbol && (symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = types.checker.getAliasedSymbol(symbol);
      // A wrapper (`const readText = fs.readFileSync`) is a variable or property whose type is the API.
      const isValueHolder = symbol?.declarations?.some(
        (declaration) => ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration),
      );
      const typeSymbol = isValueHolder ? types.checker.getTypeAtLocation(nameNode).getSymbol() : undefined;
      for (const candidate of [symbol, typeSymbol]) {
        for (const declaration of candidate?.declarations ?? []) {
          const module = ambientModuleOf(declaration);
          if (module !== undefined) keys.push(`${module}:${candidate?.name ?? ''}`);
        }
      }
    } catch {
      return keys;
    }
    return keys;
  }

  /** A blocking API by the declaration a TypeScript call resolves to. */
  function tsBlocking(call: ts.CallExpression): Blocking | undefined {
    if (!types) return undefined;
    for (const key of declaredModuleNames(call)) {
      const api = BUILTIN_BY_MODULE_NAME.get(key);
      if (api) {
        const blocking = fromApi(api);
        return isAllowedTs(blocking, call.expression) ? undefined : blocking;
      }
      for (const extra of options.additionalApis) {
        const [module, name] = key.split(':');
        if (module === stripNode(extra.module) && name !== undefined && extra.names.includes(name)) {
          const blocking = { name, owner: module, alternative: extra.alternative };
          return isAllowedTs(blocking, call.expression) ? undefined : blocking;
        }
      }
    }
    const global = tsGlobalBlocking(call);
    if (global) return isAllowedTs(global, call.expression) ? undefined : global;
    const classMethod = tsClassMethodBlocking(call);
    if (classMethod) return isAllowedTs(classMethod, call.expression) ? undefined : classMethod;
    return undefined;
  }

  function tsGlobalBlocking(call: ts.CallExpression): Blocking | undefined {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return undefined;
    const owner = callee.expression.text;
    const name = callee.name.text;
    if (!((owner === 'Atomics' && name === 'wait') || (owner === 'Deno' && /[a-z]Sync$/.test(name)))) return undefined;
    const symbol = types?.checker.getSymbolAtLocation(callee.expression);
    if (symbol?.declarations?.some((declaration) => !declaration.getSourceFile().isDeclarationFile)) return undefined;
    const api = BLOCKING_APIS.find((entry) => entry.global === owner && entry.name === name);
    if (api) return fromApi(api);
    return { name: `${owner}.${name}`, owner, alternative: denoAlternative(name) };
  }

  function tsClassMethodBlocking(call: ts.CallExpression): Blocking | undefined {
    if (!types || options.additionalApis.length === 0) return undefined;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    for (const extra of options.additionalApis) {
      for (const entry of extra.names) {
        const [className, m] = entry.split('#');
        if (m !== method || className === undefined) continue;
        try {
          const receiver = types.checker.getTypeAtLocation(callee.expression);
          const specifier: TypeOrValueSpecifier = { from: 'package', package: stripNode(extra.module), name: className };
          if (typeMatchesSomeSpecifier(receiver, [specifier], types.program)) {
            return { name: entry, owner: stripNode(extra.module), alternative: extra.alternative };
          }
        } catch {
          continue;
        }
      }
    }
    return undefined;
  }

  // --- following calls ----------------------------------------------------------------------

  /** The name of a blocking API reached from `call` within `depth` hops, if any. */
  function followCall(call: TSESTree.CallExpression, depth: number, visiting: Set<object>): string | undefined {
    const local = resolveLocalFunction(call, sourceCode);
    if (local) return local.async || local.generator ? undefined : blockingInEstree(local, depth, visiting);
    if (!types || isOutsideProgram(call) || isUnlikelyProgramCall(call)) return undefined;
    const tsCall = types.tsNode(call);
    if (!tsCall || !ts.isCallExpression(tsCall)) return undefined;
    return followTsCall(tsCall, depth, visiting);
  }

  /**
   * More of the cheap filter: a method of a call's result (`expect(x).toBe(y)`, `a().b()`), whose
   * receiver is an unknown value to follow through, or a method name of the built-in
   * collections, strings and promises (`xs.push`, `s.trim`, `p.then`).
   */
  function isUnlikelyProgramCall(call: TSESTree.CallExpression): boolean {
    const callee = skipTypeWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (rootIdentifier(callee) === undefined && callee.object.type !== AST_NODE_TYPES.ThisExpression) {
      return !isThisMemberPath(callee.object);
    }
    const name = calleeName(call);
    return name !== undefined && BUILTIN_METHOD_NAMES.has(name);
  }

  /**
   * The cheap filter before asking for a call's signature: a callee rooted in a package
   * import or in an undeclared global (`console`, `JSON`, `process`) is not the program's.
   */
  function isOutsideProgram(call: TSESTree.CallExpression): boolean {
    const root = rootIdentifier(call.callee);
    if (!root) return false;
    const variable = ASTUtils.findVariable(sourceCode.getScope(call), root);
    if (!variable || variable.defs.length === 0) return true;
    const def = variable.defs[0];
    if (def?.type !== DefinitionType.ImportBinding || def.parent.type !== AST_NODE_TYPES.ImportDeclaration) return false;
    return !isOwnModule(def.parent.source.value);
  }

  function followTsCall(call: ts.CallExpression, depth: number, visiting: Set<object>): string | undefined {
    if (!types) return undefined;
    const target = resolveProgramFunction(types.program, types.checker, call);
    if (!target) return undefined;
    if (target.getSourceFile() === currentTsFile) {
      let estree = estreeOf(target);
      if (estree?.type === AST_NODE_TYPES.MethodDefinition) estree = estree.value;
      return estree && isFunctionNode(estree) ? blockingInEstree(estree, depth, visiting) : undefined;
    }
    return blockingInTs(target, depth, visiting);
  }

  function blockingInEstree(fn: FunctionNode, depth: number, visiting: Set<object>): string | undefined {
    const memo = estreeResults.get(fn)?.get(depth);
    if (memo !== undefined) return memo ?? undefined;
    if (visiting.has(fn)) return undefined;
    visiting.add(fn);
    let found: string | undefined;
    for (const inner of syncCallsIn(fn, sourceCode.visitorKeys)) {
      if (isMemoGuarded(inner, fn, sourceCode)) continue;
      found = directBlocking(inner)?.name;
      if (found === undefined && depth > 1) found = followCall(inner, depth - 1, visiting);
      if (found !== undefined) break;
    }
    visiting.delete(fn);
    let perDepth = estreeResults.get(fn);
    if (!perDepth) {
      perDepth = new Map<number, string | null>();
      estreeResults.set(fn, perDepth);
    }
    perDepth.set(depth, found ?? null);
    return found;
  }

  function blockingInTs(fn: TsFunction, depth: number, visiting: Set<object>): string | undefined {
    const memo = tsResults.get(fn)?.get(depth);
    if (memo !== undefined) return memo ?? undefined;
    if (visiting.has(fn)) return undefined;
    visiting.add(fn);
    let found: string | undefined;
    for (const inner of tsSyncCallsIn(fn)) {
      if (isMemoGuardedTs(inner, fn)) continue;
      const name = tsCalleeName(inner);
      if (name === undefined) continue;
      found = tsBlocking(inner)?.name;
      if (found === undefined && depth > 1) found = followTsCall(inner, depth - 1, visiting);
      if (found !== undefined) break;
    }
    visiting.delete(fn);
    let perDepth = tsResults.get(fn);
    if (!perDepth) {
      perDepth = new Map<number, string | null>();
      tsResults.set(fn, perDepth);
    }
    perDepth.set(depth, found ?? null);
    return found;
  }
}

/** Import sources of the project's own modules: relative paths, subpath imports (`#utils`), `~/` and `@/` aliases. */
export function isOwnModule(source: string): boolean {
  return /^(?:\.|\/|#|~\/|@\/)/.test(source);
}

/** Method names of built-in arrays, strings, collections and promises: never followed. */
const BUILTIN_METHOD_NAMES: ReadonlySet<string> = new Set([
  'at', 'catch', 'concat', 'entries', 'every', 'filter', 'finally', 'find', 'findIndex', 'flat', 'flatMap',
  'forEach', 'includes', 'indexOf', 'join', 'keys', 'lastIndexOf', 'map', 'match', 'matchAll', 'padEnd',
  'padStart', 'pop', 'push', 'reduce', 'replace', 'replaceAll', 'reverse', 'shift', 'slice', 'some', 'sort',
  'splice', 'split', 'startsWith', 'endsWith', 'then', 'toLowerCase', 'toString', 'toUpperCase', 'trim',
  'trimEnd', 'trimStart', 'unshift', 'values',
]);

/** `this.a.b`: a member path on `this`. */
function isThisMemberPath(node: TSESTree.Node): boolean {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  return current.type === AST_NODE_TYPES.ThisExpression;
}

function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
    else if (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
    else if (
      current.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.type === AST_NODE_TYPES.TSAsExpression ||
      current.type === AST_NODE_TYPES.TSSatisfiesExpression
    ) {
      current = current.expression;
    } else break;
  }
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

function calleeNameNode(call: ts.CallExpression): ts.Node | undefined {
  let callee: ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee) || ts.isAsExpression(callee)) {
    callee = callee.expression;
  }
  if (ts.isIdentifier(callee)) return callee;
  if (ts.isPropertyAccessExpression(callee)) return callee.name;
  if (ts.isElementAccessExpression(callee)) return callee.argumentExpression;
  return undefined;
}

/** The module (without `node:`) of the `declare module "…"` a declaration sits in. */
function ambientModuleOf(declaration: ts.Node): string | undefined {
  let current = declaration;
  while (!ts.isSourceFile(current)) {
    current = current.parent;
    if (ts.isModuleDeclaration(current) && ts.isStringLiteral(current.name)) return stripNode(current.name.text);
  }
  return undefined;
}
