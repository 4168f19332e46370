import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { getEnclosingFunction } from '../../src/analysis/async-context.js';
import { resolveLocalFunction, syncCallsIn, tsCalleeName, tsSyncCallsIn } from '../../src/analysis/call-graph.js';
import { isMemoGuarded, isMemoGuardedTs } from '../../src/analysis/memo.js';
import { runProbe, textOf } from './helpers.js';

const isProbe = (node: TSESTree.CallExpression): boolean =>
  node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'probe';

describe('resolveLocalFunction', () => {
  it('resolves declarations, const function values and this.m() of the enclosing class', () => {
    const found: string[] = [];
    runProbe(
      `
        function load() { return 1; }
        const parse = (s: string) => s;
        const fmt = function named() { return ''; };
        let mutable = () => 1;
        class Service {
          read() { return 2; }
          field = () => 3;
          run() { probe(load(), parse('x'), fmt(), mutable(), this.read(), this.field(), this.missing(), other()); }
        }
      `,
      (context) => ({
        CallExpression(node) {
          if (!isProbe(node)) return;
          for (const argument of node.arguments) {
            if (argument.type !== AST_NODE_TYPES.CallExpression) continue;
            const fn = resolveLocalFunction(argument, context.sourceCode);
            found.push(`${textOf(context, argument.callee)} -> ${fn ? fn.type : 'none'}`);
          }
        },
      }),
    );
    expect(found).toEqual([
      'load -> FunctionDeclaration',
      'parse -> ArrowFunctionExpression',
      'fmt -> FunctionExpression',
      'mutable -> none',
      'this.read -> FunctionExpression',
      'this.field -> ArrowFunctionExpression',
      'this.missing -> none',
      'other -> none',
    ]);
  });
});

describe('syncCallsIn', () => {
  it('lists the calls a body makes while it runs, not those of deferred callbacks', () => {
    const found: string[] = [];
    runProbe(
      `
        function probe() {
          a();
          [1].map(() => b());
          setTimeout(() => c(), 1);
          (async () => d())();
          (() => e())();
          class K { m() { f(); } }
        }
      `,
      (context) => ({
        FunctionDeclaration(node) {
          for (const call of syncCallsIn(node, context.sourceCode.visitorKeys)) found.push(textOf(context, call.callee));
        },
      }),
    );
    expect(found.filter((name) => name.length === 1).sort()).toEqual(['a', 'b', 'e']);
  });
});

describe('isMemoGuarded', () => {
  it('recognises the memo forms and nothing else', () => {
    const found: boolean[] = [];
    runProbe(
      `
        let a: string | undefined; let b: string | undefined; let c: string | undefined;
        const m = new Map<string, string>();
        function f1() { if (!a) a = probe(); return a; }
        function f2() { return (b ??= probe()); }
        function f3(k: string) { if (m.has(k)) return m.get(k); const v = probe(); m.set(k, v); return v; }
        function f4(k: string) { const hit = m.get(k); if (hit) return hit; return probe(); }
        function f5() { if (c) return c; c = probe(); return c; }
        function f6() { if (!m.has('x')) m.set('x', probe()); }
        function f7(k: string, store?: Map<string, string>) {
          for (;;) {
            if (store) { const cachedValue = lookup(store, k); if (cachedValue) return cachedValue; }
            if (probe()) return k;
          }
        }
        function g1() { const x = probe(); return x; }
        function g2(flag: boolean) { if (flag) return 1; return probe(); }
        function g3() { let local; if (local) return local; local = probe(); return local; }
      `,
      (context) => ({
        CallExpression(node) {
          if (!isProbe(node)) return;
          const fn = getEnclosingFunction(node);
          if (fn) found.push(isMemoGuarded(node, fn, context.sourceCode));
        },
      }),
    );
    expect(found).toEqual([true, true, true, true, true, true, true, false, false, false]);
  });
});

describe('TypeScript-side helpers', () => {
  const source = ts.createSourceFile(
    'other.ts',
    `
      let cache: string | undefined;
      export function once() { if (!cache) cache = probe(); return cache; }
      export function plain() { [1].forEach(() => inner()); setTimeout(() => later(), 1); return probe(); }
    `,
    ts.ScriptTarget.ES2022,
    true,
  );
  const functions = source.statements.filter(ts.isFunctionDeclaration);

  it('lists synchronous calls and names callees', () => {
    const plain = functions[1];
    expect(plain && tsSyncCallsIn(plain).map(tsCalleeName)).toEqual(['forEach', 'inner', 'setTimeout', 'probe']);
  });

  it('recognises a memo', () => {
    const [once, plain] = functions;
    const probeIn = (fn: ts.FunctionDeclaration) => tsSyncCallsIn(fn).find((call) => tsCalleeName(call) === 'probe');
    const onceCall = once && probeIn(once);
    const plainCall = plain && probeIn(plain);
    expect(once && onceCall && isMemoGuardedTs(onceCall, once)).toBe(true);
    expect(plain && plainCall && isMemoGuardedTs(plainCall, plain)).toBe(false);
  });
});
