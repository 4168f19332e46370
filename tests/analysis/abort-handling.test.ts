import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { handlerPathEnds, swallowsAbort, type HandlerFacts } from '../../src/analysis/abort-handling.js';
import { getSignalAnalysis } from '../../src/analysis/signals.js';
import { runProbe } from './helpers.js';

/** The path ends of each catch clause in `code`, with `signal` as the protected signal. */
function endsOf(code: string): string[][] {
  const found: string[][] = [];
  runProbe(code, (context) => ({
    CatchClause(clause: TSESTree.CatchClause) {
      const analysis = getSignalAnalysis(context);
      const isSignal = (node: TSESTree.Node) => node.type === AST_NODE_TYPES.Identifier && node.name === 'signal';
      const facts: HandlerFacts = {
        error: clause.param?.type === AST_NODE_TYPES.Identifier ? clause.param : undefined,
        isRetryWithSignal: (node) =>
          node.type === AST_NODE_TYPES.CallExpression &&
          node.arguments.some(
            (argument) =>
              isSignal(argument) ||
              (argument.type === AST_NODE_TYPES.ObjectExpression &&
                argument.properties.some((property) => property.type === AST_NODE_TYPES.Property && isSignal(property.value))),
          ),
        isSameSignal: isSignal,
        variableOf: (identifier) => analysis.variableOf(identifier),
      };
      found.push([...handlerPathEnds(clause.body.body, facts)].sort());
    },
  }));
  return found;
}

const wrap = (handler: string) => `
  async function f(signal, done, work) {
    let lastError;
    try { await work({ signal }); } catch (err) { ${handler} }
    throw lastError;
  }
`;

describe('handlerPathEnds', () => {
  it.each([
    ['throw err;', ['handled']],
    ['throw new Error("wrapped", { cause: err });', ['handled']],
    ['console.error(err);', ['through']],
    ['return null;', ['unhandled']],
    ['if (signal.aborted) throw err; return null;', ['handled']],
    ['if (!signal.aborted) { return null; } else { throw err; }', ['handled']],
    ['if (err.name === "AbortError") return; log(err);', ['handled']],
    ['if (signal.aborted) console.info("x");', ['through']],
    ['signal.throwIfAborted(); return null;', ['handled']],
    ['done(err);', ['handled']],
    ['return Promise.reject(err);', ['handled']],
    ['lastError = err;', ['handled']],
    ['return await work({ signal });', ['handled']],
    ['if (err instanceof TypeError) { return null; } else { throw err; }', ['handled']],
    ['if (err.code === "ENOENT") return null; throw err;', ['handled']],
    ['if (ok) { return 1; } throw err;', ['handled', 'unhandled']],
    ['switch (err.name) { case "AbortError": throw err; }', ['unknown']],
    ['try { await cleanup(); } finally { throw err; }', ['handled']],
    ['return { ok: false, error: String(err) };', ['handled']],
    ['try { done(err); } catch { /* reporting must not fail */ } return null;', ['handled']],
  ])('%s', (handler, expected) => {
    // The first catch clause is the handler under test (inner ones come after it).
    expect(endsOf(wrap(handler))[0]).toEqual(expected);
  });

  it('a handler swallows when some path falls through or returns, and no path is unknown', () => {
    expect(swallowsAbort(new Set(['handled', 'through']))).toBe(true);
    expect(swallowsAbort(new Set(['unhandled']))).toBe(true);
    expect(swallowsAbort(new Set(['handled']))).toBe(false);
    expect(swallowsAbort(new Set(['through', 'unknown']))).toBe(false);
  });
});
