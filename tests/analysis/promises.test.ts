import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { isFunctionNode } from '../../src/analysis/async-context.js';
import {
  createPromiseOracle,
  endsInCatch,
  functionCannotReject,
  isPromiseArrayUntyped,
  isPromiseUntyped,
  parsePromiseMethodCall,
} from '../../src/analysis/promises.js';
import { calleeMatchesPackageSpecifier } from '../../src/analysis/specifiers.js';
import { runProbe, textOf } from './helpers.js';

/** The text of each expression statement of the file whose value the heuristic calls a promise (or array). */
function judged(code: string): { promises: string[]; arrays: string[] } {
  const promises: string[] = [];
  const arrays: string[] = [];
  runProbe(code, (context) => ({
    ExpressionStatement(node: TSESTree.ExpressionStatement) {
      if (isPromiseUntyped(context.sourceCode, node.expression)) promises.push(textOf(context, node.expression));
      if (isPromiseArrayUntyped(context.sourceCode, node.expression)) arrays.push(textOf(context, node.expression));
    },
  }));
  return { promises, arrays };
}

describe('untyped promise heuristic', () => {
  it('sees local async functions, Promise-annotated functions and this-methods', () => {
    const { promises } = judged(`
      async function load() {}
      function annotated(): Promise<number> { return Promise.resolve(1); }
      const arrow = async () => 1;
      function plain() { return 1; }
      class Service {
        async save() {}
        field = async () => {};
        run() { this.save(); this.field(); this.run(); }
      }
      load(); annotated(); arrow(); plain();
    `);
    expect(promises).toEqual(['this.save()', 'this.field()', 'load()', 'annotated()', 'arrow()']);
  });

  it('sees new Promise, Promise.*, then/catch/finally chains and async IIFEs', () => {
    const { promises } = judged(`
      new Promise((r) => r(1));
      Promise.resolve(1);
      Promise.withResolvers();
      x.then(f);
      x.catch(f);
      x.finally(f);
      (async () => {})();
      (() => 1)();
    `);
    expect(promises).toEqual(['new Promise((r) => r(1))', 'Promise.resolve(1)', 'x.then(f)', 'x.catch(f)', 'x.finally(f)', '(async () => {})()']);
  });

  it('knows the well-known promise APIs by module origin, and not look-alikes', () => {
    const { promises } = judged(`
      import { readFile } from 'node:fs/promises';
      import fs from 'fs';
      import { setTimeout as wait } from 'timers/promises';
      import { once } from 'node:events';
      import { pipeline } from 'stream/promises';
      readFile('a'); fs.promises.writeFile('b', ''); wait(10); once(emitter, 'x'); pipeline(a, b); fetch('/x');
      fs.readFileSync('c');
    `);
    expect(promises).toEqual(["readFile('a')", "fs.promises.writeFile('b', '')", 'wait(10)', "once(emitter, 'x')", 'pipeline(a, b)', "fetch('/x')"]);
  });

  it('does not take a parameter for its async function (the definition node of a parameter is the function)', () => {
    const { promises } = judged(`
      async function walk(visit: (path: string) => void) {
        visit('a');
      }
    `);
    expect(promises).toEqual([]);
  });

  it('does not take a shadowed Promise or fetch for the global', () => {
    const { promises } = judged(`
      const Promise = { resolve: (x: number) => x };
      function fetch(url: string) { return url; }
      Promise.resolve(1);
      fetch('/x');
    `);
    expect(promises).toEqual([]);
  });

  it('follows conditionals, logical expressions, sequences and const aliases', () => {
    const { promises } = judged(`
      async function load() {}
      const pending = load();
      let maybe = load();
      flag ? load() : 1;
      flag && load();
      (1, load());
      pending;
      maybe;
    `);
    expect(promises).toEqual(['flag ? load() : 1', 'flag && load()', '1, load()', 'pending']);
  });

  it('sees arrays of promises from map, Array.from and literals', () => {
    const { arrays } = judged(`
      async function load(x: number) {}
      xs.map(async (x) => x);
      xs.map((x) => load(x));
      xs.map((x) => x * 2);
      Array.from(xs, async (x) => x);
      [load(1), 2];
      [1, 2];
    `);
    expect(arrays).toEqual(['xs.map(async (x) => x)', 'xs.map((x) => load(x))', 'Array.from(xs, async (x) => x)', '[load(1), 2]']);
  });

  it('is the untyped oracle when there is no type information', () => {
    let typed: boolean | undefined;
    runProbe('async function f() {}', (context) => {
      typed = createPromiseOracle(context, undefined).typed;
      return {};
    });
    expect(typed).toBe(false);
  });
});

describe('promise method calls and rejection', () => {
  function calls(code: string): (string | undefined)[][] {
    const found: (string | undefined)[][] = [];
    runProbe(code, (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        const parsed = parsePromiseMethodCall(node);
        if (parsed) {
          found.push([parsed.kind, parsed.onRejected && textOf(context, parsed.onRejected), String(endsInCatch(node))]);
        }
      },
    }));
    return found;
  }

  it('parses then/catch/finally with their rejection handlers', () => {
    expect(calls(`p.then(ok); p.then(ok, fail); p.catch(fail); p.catch(); p.finally(done); p.catch(null); p.then(...args);`)).toEqual([
      ['then', undefined, 'false'],
      ['then', 'fail', 'true'],
      ['catch', 'fail', 'true'],
      ['catch', undefined, 'false'],
      ['finally', undefined, 'false'],
      ['catch', 'null', 'false'],
      ['then', undefined, 'false'],
    ]);
  });

  function cannotReject(code: string): boolean[] {
    const found: boolean[] = [];
    runProbe(code, () => ({
      'Program > ExpressionStatement > CallExpression'(node: TSESTree.CallExpression) {
        const fn = node.arguments[0];
        if (isFunctionNode(fn)) found.push(functionCannotReject(fn));
      },
    }));
    return found;
  }

  it('knows functions that cannot reject', () => {
    expect(
      cannotReject(`
        on(async () => { try { await a(); } catch (e) { log(e); } });
        on(async () => { try { await a(); } catch (e) { throw e; } });
        on(async () => { try { await a(); } catch { await b(); } });
        on(async () => { try { await a(); } catch { log(); } finally { await c(); } });
        on(async () => { this.t = null; if (this.closed) return; try { await a(); } catch {} });
        on(async () => { prepare(); try { await a(); } catch {} });
        on(async () => { await a(); });
        on(() => a().catch(log));
        on(() => a().then(ok));
      `),
    ).toEqual([true, false, false, false, true, false, false, true, false]);
  });
});

describe('calleeMatchesPackageSpecifier (untyped)', () => {
  function matches(code: string, specifiers: Parameters<typeof calleeMatchesPackageSpecifier>[2]): string[] {
    const found: string[] = [];
    runProbe(code, (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type === AST_NODE_TYPES.Super) return;
        if (calleeMatchesPackageSpecifier(context.sourceCode, node.callee, specifiers)) found.push(textOf(context, node));
      },
    }));
    return found;
  }

  it('matches named, renamed, namespace and default imports of the package, and nothing else', () => {
    expect(
      matches(
        `
          import { track, other } from 'analytics';
          import { track as t } from 'analytics/client';
          import * as an from 'analytics';
          import { track as local } from './analytics';
          function track2() {}
          track(); other(); t(); an.track(); local(); track2();
        `,
        [{ from: 'package', name: ['track'], package: 'analytics' }, 'other', { from: 'file', name: 'track2' }],
      ),
    ).toEqual(['track()', 't()', 'an.track()']);
  });
});
