import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { containsAbortCheck, isAbortCheckNode } from '../../src/analysis/abort-handling.js';
import { awaitedHow } from '../../src/analysis/awaited-calls.js';
import { getSignalAnalysis, isSignalName, type SignalInfo } from '../../src/analysis/signals.js';
import { runProbe, textOf } from './helpers.js';

/** Runs `probe` on every argument of a call to `probe(...)` in the code. */
function probeArguments(code: string, probe: (analysis: ReturnType<typeof getSignalAnalysis>, node: TSESTree.Node, text: string) => void): void {
  runProbe(code, (context) => ({
    'CallExpression[callee.name="probe"]'(call: TSESTree.CallExpression) {
      const analysis = getSignalAnalysis(context);
      for (const argument of call.arguments) probe(analysis, argument, textOf(context, argument));
    },
  }));
}

function classify(code: string): Record<string, string> {
  const kinds: Record<string, string> = {};
  probeArguments(code, (analysis, node, text) => {
    const info = analysis.classify(node);
    kinds[text] = analysis.isSignalLike(node) ? info.kind + (info.local ? `:${info.local}` : '') : 'not a signal';
  });
  return kinds;
}

describe('isSignalName', () => {
  it('matches names that end in signal or Signal', () => {
    expect(['signal', 'abortSignal', 'externalSignal'].every(isSignalName)).toBe(true);
    expect(['signals', 'signalled', 'design', 'Signal_'].some(isSignalName)).toBe(false);
  });
});

describe('SignalAnalysis.classify (untyped)', () => {
  it('takes parameters and their signal properties as external', () => {
    expect(
      classify(`
        async function f(signal, options, op, deep, { signal: inner }) {
          signal.throwIfAborted(); options.signal?.aborted; op.options.signal.reason;
          deep.a.b.signal.aborted; inner.aborted;
          probe(signal, options.signal, op.options.signal, deep.a.b.signal, inner);
        }
      `),
    ).toEqual({
      signal: 'external',
      'options.signal': 'external',
      'op.options.signal': 'external',
      'deep.a.b.signal': 'unknown',
      inner: 'external',
    });
  });

  it('takes timeouts and controllers of the function as local, this and controller parameters as not external', () => {
    expect(
      classify(`
        class Worker {
          signal;
          async run(controller, signal) {
            const local = new AbortController();
            const timeout = AbortSignal.timeout(1000);
            this.signal.aborted; controller.signal.aborted; signal.aborted;
            probe(local.signal, timeout, this.signal, controller.signal, AbortSignal.any([signal, timeout]), AbortSignal.any([timeout]));
          }
        }
      `),
    ).toEqual({
      'local.signal': 'local:controller',
      timeout: 'local:timeout',
      // Untyped, a field's uses are not followed: it is no signal the rules look at.
      'this.signal': 'not a signal',
      'controller.signal': 'unknown',
      'AbortSignal.any([signal, timeout])': 'external',
      'AbortSignal.any([timeout])': 'local:timeout',
    });
  });

  it('needs abort use or an AbortSignal annotation for a signal-named value', () => {
    expect(
      classify(`
        function shutdownOn(signal) { process.on(signal, () => {}); probe(signal); }
        function annotated(signal?: AbortSignal) { probe(signal); }
        function literal(options: { signal?: AbortSignal }) { probe(options.signal); }
      `),
    ).toEqual({ signal: 'external', 'options.signal': 'external' });
  });
});

describe('SignalAnalysis.sameSignal and signalsGivenTo', () => {
  it('follows destructuring and locals to the same signal', () => {
    const infos: Record<string, SignalInfo> = {};
    let given: string[] = [];
    runProbe(
      `
        async function f(options) {
          const { signal } = options;
          const alias = options.signal;
          const other = AbortSignal.timeout(5);
          const init = { method: 'GET', signal: alias };
          signal.aborted;
          probe(signal, alias, options.signal, other, AbortSignal.any([other, alias]));
          await fetch('/x', init);
        }
      `,
      (context) => ({
        'CallExpression[callee.name="probe"]'(call: TSESTree.CallExpression) {
          const analysis = getSignalAnalysis(context);
          for (const argument of call.arguments) infos[textOf(context, argument)] = analysis.classify(argument);
        },
        'CallExpression[callee.name="fetch"]'(call: TSESTree.CallExpression) {
          given = getSignalAnalysis(context).signalsGivenTo(call).map((info) => info.kind);
        },
      }),
    );
    const info = (text: string): SignalInfo => {
      const found = infos[text];
      if (!found) throw new Error(`no probe for ${text}`);
      return found;
    };
    const same = (a: SignalInfo, b: SignalInfo) => [...a.keys].some((key) => b.keys.has(key));
    const signal = info('signal');
    expect(same(signal, info('alias'))).toBe(true);
    expect(same(signal, info('options.signal'))).toBe(true);
    expect(same(signal, info('other'))).toBe(false);
    expect(same(info('AbortSignal.any([other, alias])'), signal)).toBe(true);
    expect(given).toEqual(['external']);
  });

  it('finds external signals of a function and of the functions it runs inside', () => {
    const found: string[] = [];
    runProbe(
      `
        async function outer({ signal }: { signal: AbortSignal }, options: { signal?: AbortSignal }) {
          await Promise.all(items.map(async (item) => { await probe(item); }));
        }
      `,
      (context) => ({
        'CallExpression[callee.name="probe"]'(call: TSESTree.CallExpression) {
          let fn: TSESTree.Node | undefined = call.parent;
          while (fn && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) fn = fn.parent;
          if (fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression) throw new Error('no arrow');
          const signals = getSignalAnalysis(context).externalSignalsOf(fn, () => true);
          found.push(...signals.map((signal) => signal.text));
        },
      }),
    );
    expect(found).toEqual(['signal', 'options.signal']);
  });
});

describe('awaitedHow', () => {
  it('sees awaited, returned, chained and combined calls', () => {
    const seen: Record<string, string | undefined> = {};
    runProbe(
      `
        async function f() {
          await a();
          return b();
        }
        async function g() {
          await c().then((r) => r);
          await Promise.all([d(), e()]);
          for await (const x of h()) {}
          i();
          const j1 = j();
        }
      `,
      () => ({
        CallExpression(call: TSESTree.CallExpression) {
          if (call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name.length === 1) {
            seen[call.callee.name] = awaitedHow(call);
          }
        },
      }),
    );
    expect(seen).toEqual({ a: 'await', b: 'return', c: 'await', d: 'await', e: 'await', h: 'await', i: undefined, j: undefined });
  });
});

describe('abort checks', () => {
  it('recognises the ways code asks "was this an abort?"', () => {
    const checks: Record<string, boolean> = {};
    runProbe(
      `
        probe(signal.aborted);
        probe(err.name === 'AbortError');
        probe('ABORT_ERR' === err.code);
        probe(err === signal.reason);
        probe(err instanceof DOMException);
        probe(err instanceof APIUserAbortError);
        probe(isAbortError(err));
        probe(utils.isAbortLikeError(err));
        probe(err.name === 'TypeError');
        probe(err instanceof HttpError);
        probe(signal.throwIfAborted());
      `,
      (context) => ({
        'CallExpression[callee.name="probe"]'(call: TSESTree.CallExpression) {
          const argument = call.arguments[0];
          if (!argument) return;
          checks[textOf(context, argument)] = isAbortCheckNode(argument) && containsAbortCheck(argument);
        },
      }),
    );
    expect(checks).toEqual({
      'signal.aborted': true,
      "err.name === 'AbortError'": true,
      "'ABORT_ERR' === err.code": true,
      'err === signal.reason': true,
      'err instanceof DOMException': true,
      'err instanceof APIUserAbortError': true,
      'isAbortError(err)': true,
      'utils.isAbortLikeError(err)': true,
      "err.name === 'TypeError'": false,
      'err instanceof HttpError': false,
      'signal.throwIfAborted()': true,
    });
  });
});
