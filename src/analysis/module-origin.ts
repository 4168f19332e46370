/**
 * Module origin (RULES.md, "Module origin"): which calls in a file are calls of a given
 * module's function, however it was reached — `import fs from 'fs'`,
 * `import * as fs from 'node:fs'`, `import { readFileSync as r }`,
 * `const { readFileSync } = require('fs')`, `const cp = require('child_process')` — or of a
 * global (`Atomics.wait`, `Deno.readFileSync`, `fetch`) that is not shadowed by a local
 * binding. A local function that merely shares a name with an API is not that API.
 *
 * `ASTUtils.ReferenceTracker` does the tracking. In `legacy` mode, with no
 * `ReferenceTracker.ESM` key, it sees default, named and namespace imports alike; the `node:`
 * forms need keys of their own, which `findApiCalls` adds for Node's built-in modules.
 * It stops at a call or `new`: `resultMemberCalls` takes the one further hop RULES.md allows.
 */
import { builtinModules } from 'node:module';

import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberName } from './ast.js';

const { ReferenceTracker } = ASTUtils;

/** One API to find: a function, method or class of a module, or a member of a global. */
export interface ApiSpec<Info> {
  /** The module specifier, without `node:` (`fs`, `fs/promises`, `p-queue`). */
  readonly module?: string;
  /** A global object or function instead of a module (`Atomics`, `Deno`, `fetch`). */
  readonly global?: string;
  /** Property path below the module or global: `['readFileSync']`, `['promises', 'readFile']`; `[]` for the module or global itself. */
  readonly path: readonly string[];
  /** Whatever the caller wants back with each match. */
  readonly info: Info;
}

export interface ApiCall<Info> {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly info: Info;
  /** The path as ReferenceTracker found it, module or global first. */
  readonly path: readonly string[];
}

const NODE_BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/** `fs` → `['fs', 'node:fs']`; a package name stays as it is. */
export function moduleSpecifiers(module: string): readonly string[] {
  const bare = module.startsWith('node:') ? module.slice('node:'.length) : module;
  return NODE_BUILTINS.has(bare) ? [bare, `node:${bare}`] : [module];
}

interface TraceNode {
  [key: string]: TraceNode;
}

function buildTraceMaps<Info>(specs: readonly ApiSpec<Info>[]): {
  modules: TraceNode;
  globals: TraceNode;
} {
  const modules: TraceNode = {};
  const globals: TraceNode = {};
  for (const spec of specs) {
    const roots = spec.global !== undefined ? [[globals, spec.global] as const] : [];
    const moduleRoots =
      spec.module !== undefined
        ? moduleSpecifiers(spec.module).map((specifier) => [modules, specifier] as const)
        : [];
    for (const [map, key] of [...roots, ...moduleRoots]) {
      let node = (map[key] ??= {});
      for (const segment of spec.path) node = node[segment] ??= {};
      Object.assign(node, {
        [ReferenceTracker.CALL]: spec.info,
        [ReferenceTracker.CONSTRUCT]: spec.info,
      });
    }
  }
  return { modules, globals };
}

const cache = new WeakMap<TSESTree.Program, WeakMap<object, ReadonlyMap<TSESTree.Node, unknown>>>();

/**
 * Every call or `new` of the given APIs in the file, keyed by the call node. Cached per file
 * and per `specs` array, so pass the same (module-level, frozen) array each time.
 */
export function findApiCalls<Info>(
  sourceCode: Readonly<TSESLint.SourceCode>,
  specs: readonly ApiSpec<Info>[],
): ReadonlyMap<TSESTree.Node, ApiCall<Info>> {
  let perFile = cache.get(sourceCode.ast);
  if (!perFile) {
    perFile = new WeakMap();
    cache.set(sourceCode.ast, perFile);
  }
  const cached = perFile.get(specs);
  if (cached) return cached as ReadonlyMap<TSESTree.Node, ApiCall<Info>>;

  const found = new Map<TSESTree.Node, ApiCall<Info>>();
  const { modules, globals } = buildTraceMaps(specs);
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return found;
  const tracker = new ReferenceTracker(withUndeclaredGlobals(globalScope, ['require', ...Object.keys(globals)]), {
    mode: 'legacy',
  });
  const add = (reference: { node: TSESTree.Node; info: Info; path: readonly string[] }): void => {
    const node = reference.node;
    if (
      (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) &&
      !found.has(node)
    ) {
      found.set(node, { node, info: reference.info, path: reference.path });
    }
  };
  for (const reference of tracker.iterateEsmReferences<Info>(modules)) add(reference);
  for (const reference of tracker.iterateCjsReferences<Info>(modules)) add(reference);
  for (const reference of tracker.iterateGlobalReferences<Info>(globals)) add(reference);

  perFile.set(specs, found);
  return found;
}

/**
 * ReferenceTracker finds a global only when the config declares it (`globals.node`), but
 * TypeScript projects rarely declare `require` or `fetch` to ESLint. This hands it a view of
 * the global scope in which each such name that no config declares is a variable whose
 * references are the file's unresolved references of that name: a local binding of the same
 * name still shadows it, since its references resolve to the local.
 */
function withUndeclaredGlobals(
  globalScope: TSESLint.Scope.Scope,
  names: readonly string[],
): TSESLint.Scope.Scope {
  const missing = names.filter((name) => !globalScope.set.has(name));
  if (missing.length === 0) return globalScope;
  const set = new Map<string, object>(globalScope.set);
  for (const name of missing) {
    const references = globalScope.through.filter((reference) => reference.identifier.name === name);
    if (references.length === 0) continue;
    set.set(name, { name, defs: [], references, identifiers: [], scope: globalScope });
  }
  return Object.assign(Object.create(globalScope) as TSESLint.Scope.Scope, { set });
}

/**
 * The one hop after a tracked call or `new`: when `creator` initialises a `const` (directly
 * or through `await`), the member calls made on that constant (`const q = new PQueue();
 * q.add(job)`, `const out = createWriteStream(p); out.write(chunk)`).
 */
export function resultMemberCalls(
  sourceCode: Readonly<TSESLint.SourceCode>,
  creator: TSESTree.CallExpression | TSESTree.NewExpression,
): TSESTree.CallExpression[] {
  let init: TSESTree.Node = creator;
  if (init.parent.type === AST_NODE_TYPES.AwaitExpression) init = init.parent;
  const declarator = init.parent;
  if (
    declarator.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.init !== init ||
    declarator.id.type !== AST_NODE_TYPES.Identifier ||
    declarator.parent.kind !== 'const'
  ) {
    return [];
  }
  const calls: TSESTree.CallExpression[] = [];
  for (const variable of sourceCode.scopeManager?.getDeclaredVariables(declarator) ?? []) {
    for (const reference of variable.references) {
      const member = reference.identifier.parent;
      if (
        member.type === AST_NODE_TYPES.MemberExpression &&
        member.object === reference.identifier &&
        member.parent.type === AST_NODE_TYPES.CallExpression &&
        member.parent.callee === member &&
        memberName(member) !== undefined
      ) {
        calls.push(member.parent);
      }
    }
  }
  return calls;
}
