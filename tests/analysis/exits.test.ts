import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  functionBodyExits,
  isInFinally,
  throws,
  throwsOrReturns,
  type ExitPredicate,
  type ExitResult,
} from '../../src/analysis/exits.js';
import { runProbe } from './helpers.js';

/** Runs `functionBodyExits` on the first function of `code`. */
function exitsOf(code: string, predicate: ExitPredicate = throwsOrReturns): ExitResult {
  let result: ExitResult | undefined;
  runProbe(code, () => ({
    'FunctionDeclaration, ArrowFunctionExpression, FunctionExpression'(node: TSESTree.FunctionLike) {
      result ??= functionBodyExits(node, predicate);
    },
  }));
  if (result === undefined) throw new Error('no function in the probe code');
  return result;
}

describe('functionBodyExits', () => {
  it('a block exits when some statement in it exits', () => {
    expect(exitsOf(`function f(err) { log(err); throw err; }`)).toBe('always');
    expect(exitsOf(`function f(err) { log(err); }`)).toBe('never');
  });

  it('an if exits when both branches do', () => {
    expect(exitsOf(`function f(e) { if (e.retry) { return; } else { throw e; } }`)).toBe('always');
    expect(exitsOf(`function f(e) { if (e.retry) { return; } log(e); }`)).toBe('never');
    expect(exitsOf(`function f(e) { if (e.retry) return; throw e; }`)).toBe('always');
  });

  it('a try exits when its block and catch do, or its finally does', () => {
    expect(exitsOf(`function f() { try { return a(); } catch (e) { throw e; } }`)).toBe('always');
    expect(exitsOf(`function f() { try { return a(); } catch (e) { log(e); } }`)).toBe('never');
    expect(exitsOf(`function f() { try { a(); } finally { throw new Error('x'); } }`)).toBe('always');
    expect(exitsOf(`function f() { try { return a(); } finally { cleanup(); } }`)).toBe('always');
  });

  it('switch, loops and labels are unknown, unless a later statement exits', () => {
    expect(exitsOf(`function f(e) { switch (e.code) { case 'A': throw e; default: throw e; } }`)).toBe('unknown');
    expect(exitsOf(`function f(e) { for (const x of xs) { throw x; } }`)).toBe('unknown');
    expect(exitsOf(`function f(e) { while (true) { throw e; } }`)).toBe('unknown');
    expect(exitsOf(`function f(e) { outer: { break outer; } }`)).toBe('unknown');
    expect(exitsOf(`function f(e) { for (const x of xs) log(x); throw e; }`)).toBe('always');
    expect(exitsOf(`function f(e) { if (a) { while (b) {} } else { throw e; } }`)).toBe('unknown');
    expect(exitsOf(`function f(e) { if (a) { while (b) {} } }`)).toBe('never');
  });

  it('takes its leaves from the predicate', () => {
    expect(exitsOf(`function f(e) { return e; }`, throws)).toBe('never');
    const rejects: ExitPredicate = (statement) =>
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.CallExpression &&
      statement.expression.callee.type === AST_NODE_TYPES.Identifier &&
      statement.expression.callee.name === 'reject'
        ? 'always'
        : undefined;
    expect(exitsOf(`function f(e) { cleanup(); reject(e); }`, rejects)).toBe('always');
  });

  it('an expression body never exits', () => {
    expect(exitsOf(`const f = (e) => log(e);`)).toBe('never');
  });
});

describe('isInFinally', () => {
  it('is true inside a finally of the same function only', () => {
    const seen: Record<string, boolean> = {};
    runProbe(
      `
        async function f() {
          try { await a(); } catch { b(); } finally { await c(); const g = () => d(); }
        }
      `,
      () => ({
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type === AST_NODE_TYPES.Identifier) seen[node.callee.name] = isInFinally(node);
        },
      }),
    );
    expect(seen).toEqual({ a: false, b: false, c: true, d: false });
  });
});
