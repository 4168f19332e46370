import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  canAwaitAt,
  getAsyncContext,
  getEnclosingFunction,
  isInAsyncContext,
  runsSynchronouslyInParent,
} from '../../src/analysis/async-context.js';
import { runProbe } from './helpers.js';

/** For each call of `probe(...)` in `code`, what `question` answers. */
function ask<T>(code: string, question: (node: TSESTree.CallExpression) => T, filename?: string): T[] {
  const answers: T[] = [];
  runProbe(
    code,
    () => ({
      CallExpression(node) {
        if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'probe') answers.push(question(node));
      },
    }),
    filename,
  );
  return answers;
}

describe('getAsyncContext', () => {
  it('is the async function, method or arrow around the node', () => {
    expect(
      ask(
        `
          async function a() { probe(); }
          const b = async () => probe();
          class C { async m() { probe(); } }
          async function* g() { probe(); }
        `,
        isInAsyncContext,
      ),
    ).toEqual([true, true, true, true]);
  });

  it('is nothing at top level and in plain functions', () => {
    expect(ask(`probe(); function f() { probe(); } class C { constructor() { probe(); } }`, isInAsyncContext)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('runs through callbacks that run synchronously inside it', () => {
    expect(
      ask(
        `
          async function a(xs: string[]) {
            xs.map((x) => probe(x));
            xs.forEach(function (x) { probe(x); });
            new Promise((resolve) => { probe(resolve); });
            (() => probe())();
            (function () { probe(); }).call(null);
            Array.from(xs, (x) => probe(x));
          }
        `,
        isInAsyncContext,
      ),
    ).toEqual([true, true, true, true, true, true]);
  });

  it('stops at timer, emitter and unknown callbacks; an async callback is its own context', () => {
    const answers = ask(
      `
        async function a(bus: { on(e: string, f: () => void): void }) {
          setTimeout(() => probe(), 10);
          bus.on('x', () => probe());
          bus.on('y', async () => probe());
          xs.map(x => x, () => probe());
        }
      `,
      (node) => getAsyncContext(node)?.type ?? 'none',
    );
    expect(answers).toEqual(['none', 'none', 'ArrowFunctionExpression', 'none']);
  });

  it('does not reach through an instance field initializer, which runs at construction', () => {
    expect(
      ask(
        `
          async function a() {
            class Store { data = probe(); static shared = probe(); static { probe(); } }
            return Store;
          }
        `,
        isInAsyncContext,
      ),
    ).toEqual([false, true, true]);
  });
});

describe('canAwaitAt', () => {
  it('is true only where the innermost function is async', () => {
    expect(
      ask(
        `
          async function a(xs: string[]) {
            probe();
            xs.map((x) => probe(x));
            xs.map(async (x) => probe(x));
          }
        `,
        canAwaitAt,
      ),
    ).toEqual([true, false, true]);
  });

  it('is false in parameter defaults, class fields and static blocks', () => {
    expect(
      ask(
        `
          async function a(x = probe()) {
            class K { y = probe(); static { probe(); } }
            return [x, K];
          }
        `,
        canAwaitAt,
      ),
    ).toEqual([false, false, false]);
  });
});

describe('getEnclosingFunction and runsSynchronouslyInParent', () => {
  it('finds the innermost function and classifies callbacks', () => {
    expect(
      ask(
        `
          function outer() { [1].some(function inner() { return probe(); }); }
          function other() { queueMicrotask(() => probe()); }
        `,
        (node) => {
          const fn = getEnclosingFunction(node);
          return fn ? runsSynchronouslyInParent(fn) : undefined;
        },
      ),
    ).toEqual([true, false]);
  });
});
