import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-aborted-signal-in-cleanup.js';
import { lintWithOptions, testRule } from '../rule-tester.js';

testRule('no-aborted-signal-in-cleanup', rule, {
  valid: [
    // Cleanup without the signal.
    `
      export async function runJob(id: string, signal: AbortSignal) {
        try {
          await fetch('/jobs/' + id + '/run', { method: 'POST', signal });
        } finally {
          await fetch('/jobs/' + id + '/release', { method: 'POST' });
        }
      }
    `,
    // Cleanup with its own budget.
    `
      export async function runJob(id: string, signal: AbortSignal) {
        try {
          await fetch('/jobs/' + id + '/run', { method: 'POST', signal });
        } finally {
          await fetch('/jobs/' + id + '/release', { method: 'POST', signal: AbortSignal.timeout(5_000) });
        }
      }
    `,
    // A retry in a catch that passes the same signal honours the abort.
    `
      export async function getConfig(signal: AbortSignal) {
        try {
          return await fetch('/config', { signal });
        } catch {
          return await fetch('/config-fallback', { signal });
        }
      }
    `,
    // Code reached only when the abort check fails is not cleanup.
    `
      import { setTimeout as sleep } from 'node:timers/promises';
      export async function retryOnce(url: string, signal: AbortSignal) {
        try {
          return await fetch(url, { signal });
        } catch (error) {
          if (!signal.aborted) {
            await sleep(100, undefined, { signal });
            return await fetch(url, { signal });
          }
          throw error;
        }
      }
    `,
    // A different signal in the cleanup.
    `
      export async function sync(signal: AbortSignal, shutdown: AbortSignal) {
        try {
          await fetch('/sync', { signal });
        } finally {
          await fetch('/sync/unlock', { method: 'POST', signal: shutdown });
        }
      }
    `,
    // A synchronous call in finally (not awaited): removing a listener.
    `
      export async function wait(target: EventTarget, signal: AbortSignal) {
        const onMessage = () => {};
        try {
          target.addEventListener('message', onMessage, { signal });
          await fetch('/wait', { signal });
        } finally {
          target.removeEventListener('message', onMessage);
        }
      }
    `,
    // A callback in finally that runs later is not the cleanup itself.
    `
      export async function report(signal: AbortSignal) {
        try {
          await fetch('/report', { signal });
        } finally {
          setTimeout(async () => { await fetch('/report/done', { signal }); }, 0);
        }
      }
    `,
    // An abort check combined with another condition: the branch may run without an abort.
    `
      export async function upload(body: string, signal: AbortSignal, attempt: number) {
        try {
          await fetch('/upload', { method: 'PUT', body, signal });
        } catch (error) {
          if (signal.aborted || attempt > 3) {
            await fetch('/upload/log', { method: 'POST', body: String(error), signal });
          }
        }
      }
    `,
    // A request's own signal (Node's \`req.signal\`) is not a signal handed to the calls that take the request.
    `
      import type { IncomingMessage } from 'node:http';
      declare function readBody(request: IncomingMessage): Promise<string>;
      declare function logRequest(request: IncomingMessage): Promise<void>;
      export async function handle(req: IncomingMessage) {
        try {
          return await readBody(req);
        } finally {
          await logRequest(req);
        }
      }
    `,
    // Generators, JSX and using do not crash.
    {
      code: `
        export async function* stream(signal: AbortSignal) {
          try { yield <b>{(await fetch('/s', { signal })).status}</b>; } finally { yield null; }
        }
      `,
      filename: 'file.tsx',
    },
    `
      class Pool {
        static { try { void 0; } finally { void 1; } }
        async run(signal?: AbortSignal) {
          await using conn = { async [Symbol.asyncDispose]() {} };
          try { await fetch?.('/q', { signal }); } finally { await conn[Symbol.asyncDispose](); }
        }
      }
    `,
  ],
  invalid: [
    // Releasing a lease with the aborted signal: the release never runs.
    {
      code: `
        export async function processJob(jobId: string, signal: AbortSignal) {
          try {
            await fetch('/jobs/' + jobId + '/run', { method: 'POST', signal });
          } finally {
            await fetch('/jobs/' + jobId + '/release', { method: 'POST', signal });
          }
        }
      `,
      errors: [
        {
          messageId: 'abortedSignalInCleanup',
          line: 6,
          column: 19,
          suggestions: [
            {
              messageId: 'useFreshSignal',
              output: `
        export async function processJob(jobId: string, signal: AbortSignal) {
          try {
            await fetch('/jobs/' + jobId + '/run', { method: 'POST', signal });
          } finally {
            await fetch('/jobs/' + jobId + '/release', { method: 'POST', signal: AbortSignal.timeout(5_000) });
          }
        }
      `,
            },
            {
              messageId: 'dropSignal',
              output: `
        export async function processJob(jobId: string, signal: AbortSignal) {
          try {
            await fetch('/jobs/' + jobId + '/run', { method: 'POST', signal });
          } finally {
            await fetch('/jobs/' + jobId + '/release', { method: 'POST' });
          }
        }
      `,
            },
          ],
        },
      ],
    },
    // A catch branch after an explicit abort check, with the signal as an argument.
    {
      code: `
        declare function markCancelled(id: string, signal?: AbortSignal): Promise<void>;
        export async function handle(id: string, options: { signal: AbortSignal }) {
          try {
            await fetch('/tasks/' + id, { signal: options.signal });
          } catch (error) {
            if (options.signal.aborted) {
              await markCancelled(id, options.signal);
            }
            throw error;
          }
        }
      `,
      errors: [
        {
          messageId: 'abortedSignalInCleanup',
          line: 8,
          column: 21,
          suggestions: [
            {
              messageId: 'useFreshSignal',
              output: `
        declare function markCancelled(id: string, signal?: AbortSignal): Promise<void>;
        export async function handle(id: string, options: { signal: AbortSignal }) {
          try {
            await fetch('/tasks/' + id, { signal: options.signal });
          } catch (error) {
            if (options.signal.aborted) {
              await markCancelled(id, AbortSignal.timeout(5_000));
            }
            throw error;
          }
        }
      `,
            },
            {
              messageId: 'dropSignal',
              output: `
        declare function markCancelled(id: string, signal?: AbortSignal): Promise<void>;
        export async function handle(id: string, options: { signal: AbortSignal }) {
          try {
            await fetch('/tasks/' + id, { signal: options.signal });
          } catch (error) {
            if (options.signal.aborted) {
              await markCancelled(id);
            }
            throw error;
          }
        }
      `,
            },
          ],
        },
      ],
    },
    // The same signal through a destructured local, in a graceful shutdown.
    {
      code: `
        import { once } from 'node:events';
        export async function serve(server: NodeJS.EventEmitter & { close(): void }, options: { signal: AbortSignal }) {
          const { signal } = options;
          try {
            await once(server, 'close', { signal });
          } finally {
            server.close();
            await once(server, 'closed', { signal: options.signal });
          }
        }
      `,
      errors: [
        {
          messageId: 'abortedSignalInCleanup',
          line: 9,
          column: 19,
          suggestions: [
            {
              messageId: 'useFreshSignal',
              output: `
        import { once } from 'node:events';
        export async function serve(server: NodeJS.EventEmitter & { close(): void }, options: { signal: AbortSignal }) {
          const { signal } = options;
          try {
            await once(server, 'close', { signal });
          } finally {
            server.close();
            await once(server, 'closed', { signal: AbortSignal.timeout(5_000) });
          }
        }
      `,
            },
            {
              messageId: 'dropSignal',
              output: `
        import { once } from 'node:events';
        export async function serve(server: NodeJS.EventEmitter & { close(): void }, options: { signal: AbortSignal }) {
          const { signal } = options;
          try {
            await once(server, 'close', { signal });
          } finally {
            server.close();
            await once(server, 'closed', {  });
          }
        }
      `,
            },
          ],
        },
      ],
    },
    // err.name === 'AbortError' is an explicit check too.
    {
      code: `
        export async function transfer(signal: AbortSignal) {
          try {
            await fetch('/transfer', { method: 'POST', signal });
          } catch (err) {
            if (err instanceof Error && err.name === 'AbortError') {
              await fetch('/transfer/rollback', { method: 'POST', signal });
            }
            throw err;
          }
        }
      `,
      errors: [
        {
          messageId: 'abortedSignalInCleanup',
          line: 7,
          column: 21,
          suggestions: [
            {
              messageId: 'useFreshSignal',
              output: `
        export async function transfer(signal: AbortSignal) {
          try {
            await fetch('/transfer', { method: 'POST', signal });
          } catch (err) {
            if (err instanceof Error && err.name === 'AbortError') {
              await fetch('/transfer/rollback', { method: 'POST', signal: AbortSignal.timeout(5_000) });
            }
            throw err;
          }
        }
      `,
            },
            {
              messageId: 'dropSignal',
              output: `
        export async function transfer(signal: AbortSignal) {
          try {
            await fetch('/transfer', { method: 'POST', signal });
          } catch (err) {
            if (err instanceof Error && err.name === 'AbortError') {
              await fetch('/transfer/rollback', { method: 'POST' });
            }
            throw err;
          }
        }
      `,
            },
          ],
        },
      ],
    },
  ],
});

describe('no-aborted-signal-in-cleanup options', () => {
  function lint(options: unknown[]): Linter.LintMessage[] {
    return lintWithOptions('no-aborted-signal-in-cleanup', rule, options, 'export async function f(signal: AbortSignal) { await fetch("/x", { signal }); }');
  }

  it('takes no options', () => {
    expect(lint([])).toEqual([]);
  });

  it.each([[{ bogus: 1 }], ['always']])('rejects %j', (option) => {
    expect(() => lint([option])).toThrow(/async-guard\/no-aborted-signal-in-cleanup/);
  });
});
