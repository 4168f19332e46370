import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/require-signal-forwarding/index.js';
import { lintWithOptions, testRule } from '../rule-tester.js';

testRule('require-signal-forwarding', rule, {
  valid: [
    // The signal is handed on, as `{ signal }`.
    `
      import { setTimeout as sleep } from 'node:timers/promises';
      export async function fetchWithRetry(url: string, signal: AbortSignal): Promise<Response> {
        for (let attempt = 0; ; attempt++) {
          try {
            return await fetch(url, { signal });
          } catch (error) {
            if (signal.aborted || attempt >= 3) throw error;
            await sleep(2 ** attempt * 100, undefined, { signal });
          }
        }
      }
    `,
    // The options object that holds the signal is handed on.
    `
      export async function getJson(url: string, init: RequestInit & { signal: AbortSignal }) {
        const response = await fetch(url, init);
        return response.json();
      }
    `,
    // A local combined from the caller's signal counts as the same signal.
    `
      export async function loadUser(id: string, options: { signal?: AbortSignal }) {
        const signal = AbortSignal.any([options.signal ?? new AbortController().signal, AbortSignal.timeout(5_000)]);
        const response = await fetch('/users/' + id, { signal });
        return response.json();
      }
    `,
    // A destructured signal forwarded through a spread of the options.
    `
      export async function download(url: string, { signal, ...rest }: { signal?: AbortSignal; retries?: number }) {
        const init = { signal, headers: { accept: 'application/octet-stream' } };
        return fetch(url, init);
      }
    `,
    // No external signal in scope: nothing to forward.
    `
      import { setTimeout as sleep } from 'node:timers/promises';
      export async function poll(url: string) {
        await sleep(1_000);
        return fetch(url);
      }
    `,
    // Cleanup in finally must not take the aborted signal.
    `
      export async function runJob(job: { id: string }, signal: AbortSignal) {
        try {
          await fetch('/jobs/' + job.id + '/start', { method: 'POST', signal });
        } finally {
          await fetch('/jobs/' + job.id + '/release', { method: 'POST' });
        }
      }
    `,
    // After an abort check whose aborted branch does not leave, the aborted path reaches the
    // call too: it may be cleanup, so it is not reported.
    `
      import { setTimeout as sleep } from 'node:timers/promises';
      export async function drain(queue: { next(signal: AbortSignal): Promise<void> }, signal: AbortSignal) {
        try {
          await queue.next(signal);
        } catch (error) {
          if (signal.aborted) console.warn('drain cancelled', error);
          await sleep(250);
        }
      }
    `,
    // A catch branch after an abort check is cleanup too.
    `
      export async function runJob(job: { id: string }, signal: AbortSignal) {
        try {
          await fetch('/jobs/' + job.id, { signal });
        } catch (error) {
          if (signal.aborted) {
            await fetch('/jobs/' + job.id + '/cancelled', { method: 'POST' });
          }
          throw error;
        }
      }
    `,
    // The branch where the signal is known to be absent.
    `
      export async function request(url: string, signal?: AbortSignal) {
        if (!signal) {
          return fetch(url);
        }
        return fetch(url, { signal });
      }
    `,
    // A timer callback does not run as part of this call.
    `
      export async function watch(url: string, signal: AbortSignal) {
        setTimeout(async () => {
          await fetch(url + '/heartbeat');
        }, 1_000);
        await fetch(url, { signal });
      }
    `,
    // fs calls are bounded local I/O.
    `
      import { readFile } from 'node:fs/promises';
      export async function loadConfig(path: string, signal: AbortSignal) {
        const text = await readFile(path, 'utf8');
        return JSON.parse(text);
      }
    `,
    // A process signal named signal is not an abort signal.
    `
      import { once } from 'node:events';
      export async function shutdownOn(signal: string, server: { close(): void }) {
        process.on(signal, () => server.close());
        await once(process, 'beforeExit');
      }
    `,
    // The call is not awaited nor returned: fire-and-forget is another rule's business.
    `
      export async function track(event: string, signal: AbortSignal) {
        void fetch('/track?e=' + event);
        await fetch('/work', { signal });
      }
    `,
    // Signals kept on this are not external.
    `
      import { setTimeout as sleep } from 'node:timers/promises';
      export class Poller {
        private readonly controller = new AbortController();
        protected signal = this.controller.signal;
        async tick() {
          await sleep(100);
          this.signal.throwIfAborted();
        }
      }
    `,
    // An AbortController parameter: its holder cancels.
    `
      import { setTimeout as sleep } from 'node:timers/promises';
      export async function backoff(controller: AbortController) {
        controller.signal.throwIfAborted();
        await sleep(100);
      }
    `,
    // A local controller linked to the external signal by an abort listener.
    `
      export async function withDeadline(url: string, signal: AbortSignal) {
        const controller = new AbortController();
        signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
        const timer = setTimeout(() => controller.abort(), 10_000);
        try {
          return await fetch(url, { signal: controller.signal });
        } finally {
          clearTimeout(timer);
        }
      }
    `,
    // A sleep helper that takes the signal.
    `
      import { delay } from './src/utils/sleep.js';
      export async function retry(task: () => Promise<void>, signal: AbortSignal) {
        for (let i = 0; i < 3; i++) {
          try { return await task(); } catch { await delay(100 * i, signal); }
        }
      }
    `,
    // Seen in openai-agents-js: a local runner whose signal parameter defaults to the caller's signal.
    `
      declare function executeTools(names: string[], signal: AbortSignal): Promise<string[]>;
      export async function resolveTurn(names: string[], signal: AbortSignal) {
        const runTools = (executionSignal: AbortSignal = signal) => executeTools(names, executionSignal);
        return await Promise.all([runTools()]);
      }
    `,
    // JSX file, decorators, generators, static blocks and using do not crash.
    {
      code: `
        export async function* pages(url: string, signal: AbortSignal) {
          let next: string | undefined = url;
          while (next) {
            const response: Response = await fetch(next, { signal });
            yield <div>{response.status}</div>;
            next = response.headers.get('link') ?? undefined;
          }
        }
      `,
      filename: 'file.tsx',
    },
    `
      class Store {
        static { void 0; }
        async *stream(signal?: AbortSignal) {
          await using handle = { async [Symbol.asyncDispose]() {} };
          yield await fetch?.('/x', { signal });
        }
      }
    `,
  ],
  invalid: [
    // The backoff sleep of a retry loop.
    {
      code: `
        import { setTimeout as sleep } from 'node:timers/promises';
        export async function fetchWithRetry(url: string, signal: AbortSignal): Promise<Response> {
          for (let attempt = 0; ; attempt++) {
            try {
              return await fetch(url, { signal });
            } catch (error) {
              if (attempt >= 3) throw error;
              await sleep(2 ** attempt * 100);
            }
          }
        }
      `,
      errors: [
        {
          messageId: 'missingSignal',
          line: 9,
          column: 21,
          data: { callee: 'sleep', signal: 'signal' },
          suggestions: [
            {
              messageId: 'forwardSignal',
              output: `
        import { setTimeout as sleep } from 'node:timers/promises';
        export async function fetchWithRetry(url: string, signal: AbortSignal): Promise<Response> {
          for (let attempt = 0; ; attempt++) {
            try {
              return await fetch(url, { signal });
            } catch (error) {
              if (attempt >= 3) throw error;
              await sleep(2 ** attempt * 100, undefined, { signal });
            }
          }
        }
      `,
            },
          ],
        },
      ],
    },
    // fetch given options without the signal.
    {
      code: `
        export async function createOrder(body: unknown, options: { signal?: AbortSignal }) {
          const response = await fetch('/orders', { method: 'POST', body: JSON.stringify(body) });
          return response.json();
        }
      `,
      errors: [
        {
          messageId: 'missingSignal',
          line: 3,
          column: 34,
          data: { callee: 'fetch', signal: 'options.signal' },
          suggestions: [
            {
              messageId: 'forwardSignal',
              output: `
        export async function createOrder(body: unknown, options: { signal?: AbortSignal }) {
          const response = await fetch('/orders', { method: 'POST', body: JSON.stringify(body), signal: options.signal });
          return response.json();
        }
      `,
            },
          ],
        },
      ],
    },
    // Untyped evidence: the signal is read as one elsewhere.
    {
      code: `
        import { once } from 'node:events';
        export async function waitReady(worker, options) {
          options.signal?.throwIfAborted();
          await once(worker, 'ready');
        }
      `,
      // A JavaScript file: its parameters are \`any\` typed too, so both modes read the uses.
      filename: 'file.js',
      errors: [
        {
          messageId: 'missingSignal',
          line: 5,
          column: 17,
          data: { callee: 'once', signal: 'options.signal' },
          suggestions: [
            {
              messageId: 'forwardSignal',
              output: `
        import { once } from 'node:events';
        export async function waitReady(worker, options) {
          options.signal?.throwIfAborted();
          await once(worker, 'ready', { signal: options.signal });
        }
      `,
            },
          ],
        },
      ],
    },
    // A returned call in a promise-returning function.
    {
      code: `
        export function getStatus(host: string, signal: AbortSignal): Promise<Response> {
          return fetch('https://' + host + '/status');
        }
      `,
      errors: [
        {
          messageId: 'missingSignal',
          line: 3,
          column: 18,
          data: { callee: 'fetch', signal: 'signal' },
          suggestions: [
            {
              messageId: 'forwardSignal',
              output: `
        export function getStatus(host: string, signal: AbortSignal): Promise<Response> {
          return fetch('https://' + host + '/status', { signal });
        }
      `,
            },
          ],
        },
      ],
    },
    // Fan-out over Promise.all: each request should get the signal.
    {
      code: `
        export async function fetchAll(urls: string[], { signal }: { signal: AbortSignal }) {
          return Promise.all(urls.map((url) => fetch(url)));
        }
      `,
      errors: [
        {
          messageId: 'missingSignal',
          line: 3,
          column: 48,
          data: { callee: 'fetch', signal: 'signal' },
          suggestions: [
            {
              messageId: 'forwardSignal',
              output: `
        export async function fetchAll(urls: string[], { signal }: { signal: AbortSignal }) {
          return Promise.all(urls.map((url) => fetch(url, { signal })));
        }
      `,
            },
          ],
        },
      ],
    },
    // Typed: any function of the program whose parameters take a signal.
    {
      code: `
        import { delay } from './src/utils/sleep.js';
        export async function retry(task: () => Promise<void>, signal: AbortSignal) {
          for (let i = 0; i < 3; i++) {
            try { return await task(); } catch { await delay(100 * i); }
          }
        }
      `,
      typed: [
        {
          messageId: 'missingSignal',
          line: 5,
          column: 56,
          data: { callee: 'delay', signal: 'signal' },
          suggestions: [
            {
              messageId: 'forwardSignal',
              output: `
        import { delay } from './src/utils/sleep.js';
        export async function retry(task: () => Promise<void>, signal: AbortSignal) {
          for (let i = 0; i < 3; i++) {
            try { return await task(); } catch { await delay(100 * i, signal); }
          }
        }
      `,
            },
          ],
        },
      ],
      untyped: [],
    },
    // Seen in anthropic-sdk-typescript: a delay computed from the options does not carry the signal.
    {
      code: `
        declare function sleep(ms: number, signal?: AbortSignal): Promise<void>;
        interface RequestOptions { signal?: AbortSignal | undefined | null; maxRetries?: number }
        export class Client {
          maxRetries = 2;
          async retryRequest(options: RequestOptions & { path: string }, retriesRemaining: number) {
            const maxRetries = options.maxRetries ?? this.maxRetries;
            const timeoutMillis = Math.min(0.5 * 2 ** (maxRetries - retriesRemaining), 8) * 1000;
            await sleep(timeoutMillis);
          }
        }
      `,
      typed: [
        {
          messageId: 'missingSignal',
          line: 9,
          column: 19,
          data: { callee: 'sleep', signal: 'options.signal' },
          suggestions: [
            {
              messageId: 'forwardSignal',
              output: `
        declare function sleep(ms: number, signal?: AbortSignal): Promise<void>;
        interface RequestOptions { signal?: AbortSignal | undefined | null; maxRetries?: number }
        export class Client {
          maxRetries = 2;
          async retryRequest(options: RequestOptions & { path: string }, retriesRemaining: number) {
            const maxRetries = options.maxRetries ?? this.maxRetries;
            const timeoutMillis = Math.min(0.5 * 2 ** (maxRetries - retriesRemaining), 8) * 1000;
            await sleep(timeoutMillis, options.signal ?? undefined);
          }
        }
      `,
            },
          ],
        },
      ],
      // Untyped, a named options type says nothing, and \`sleep\` is not a known API.
      untyped: [],
    },
    // A local timeout that ignores the caller's signal.
    {
      code: `
        export async function ping(url: string, signal: AbortSignal) {
          return fetch(url, { signal: AbortSignal.timeout(2_000) });
        }
      `,
      errors: [
        {
          messageId: 'unlinkedSignal',
          line: 3,
          column: 18,
          suggestions: [
            {
              messageId: 'linkSignals',
              output: `
        export async function ping(url: string, signal: AbortSignal) {
          return fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(2_000)]) });
        }
      `,
            },
          ],
        },
      ],
    },
    // A local controller aborted only by its own timer.
    {
      code: `
        export async function query(sql: string, signal: AbortSignal) {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), 30_000);
          try {
            return await fetch('/db?q=' + sql, { signal: controller.signal });
          } finally {
            clearTimeout(timer);
          }
        }
      `,
      errors: [
        {
          messageId: 'unlinkedSignal',
          line: 6,
          column: 26,
          suggestions: [
            {
              messageId: 'linkSignals',
              output: `
        export async function query(sql: string, signal: AbortSignal) {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), 30_000);
          try {
            return await fetch('/db?q=' + sql, { signal: AbortSignal.any([signal, controller.signal]) });
          } finally {
            clearTimeout(timer);
          }
        }
      `,
            },
          ],
        },
      ],
    },
    // A hand-written sleep in a retry loop.
    {
      code: `
        export async function sendWithRetry(payload: string, signal: AbortSignal) {
          for (let attempt = 1; attempt <= 5; attempt++) {
            try {
              return await fetch('/ingest', { method: 'POST', body: payload, signal });
            } catch {
              await new Promise((resolve) => setTimeout(resolve, attempt * 250));
            }
          }
        }
      `,
      errors: [{ messageId: 'unabortableSleep', line: 7, column: 21 }],
    },
    // A sleep helper of the same file.
    {
      code: `
        const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
        export async function drain(queue: { size: number }, signal: AbortSignal) {
          while (queue.size > 0) {
            signal.throwIfAborted();
            await wait(50);
          }
        }
      `,
      errors: [{ messageId: 'unabortableSleep', line: 6, column: 19 }],
    },
    // Typed: a sleep helper imported from a utility module.
    {
      code: `
        import { sleep } from './src/utils/sleep.js';
        export async function pollStatus(id: string, signal: AbortSignal) {
          for (;;) {
            const response = await fetch('/jobs/' + id, { signal });
            if (response.status === 200) return response;
            await sleep(1_000);
          }
        }
      `,
      typed: [{ messageId: 'unabortableSleep', line: 7, column: 19 }],
      untyped: [],
    },
    // The backoff of a retry loop, after `if (signal.aborted) throw`: it runs only while the
    // signal is live, and waits out the whole delay if the caller cancels meanwhile.
    {
      code: `
        import { setTimeout as sleep } from 'node:timers/promises';
        export async function fetchWithRetry(url: string, signal: AbortSignal): Promise<Response> {
          for (let attempt = 0; ; attempt++) {
            try {
              return await fetch(url, { signal });
            } catch (error) {
              if (signal.aborted || attempt >= 3) throw error;
              await sleep(2 ** attempt * 100);
            }
          }
        }
      `,
      errors: [
        {
          messageId: 'missingSignal',
          line: 9,
          column: 21,
          data: { callee: 'sleep', signal: 'signal' },
          suggestions: [
            {
              messageId: 'forwardSignal',
              output: `
        import { setTimeout as sleep } from 'node:timers/promises';
        export async function fetchWithRetry(url: string, signal: AbortSignal): Promise<Response> {
          for (let attempt = 0; ; attempt++) {
            try {
              return await fetch(url, { signal });
            } catch (error) {
              if (signal.aborted || attempt >= 3) throw error;
              await sleep(2 ** attempt * 100, undefined, { signal });
            }
          }
        }
      `,
            },
          ],
        },
      ],
    },
    // The same after `signal.throwIfAborted()` in a job worker's catch.
    {
      code: `
        import { setTimeout as sleep } from 'node:timers/promises';
        export async function work(job: { run(signal: AbortSignal): Promise<void> }, options: { signal: AbortSignal }) {
          while (true) {
            try {
              await job.run(options.signal);
              return;
            } catch {
              options.signal.throwIfAborted();
              await sleep(1_000);
            }
          }
        }
      `,
      errors: [
        {
          messageId: 'missingSignal',
          line: 10,
          column: 21,
          data: { callee: 'sleep', signal: 'options.signal' },
          suggestions: [
            {
              messageId: 'forwardSignal',
              output: `
        import { setTimeout as sleep } from 'node:timers/promises';
        export async function work(job: { run(signal: AbortSignal): Promise<void> }, options: { signal: AbortSignal }) {
          while (true) {
            try {
              await job.run(options.signal);
              return;
            } catch {
              options.signal.throwIfAborted();
              await sleep(1_000, undefined, { signal: options.signal });
            }
          }
        }
      `,
            },
          ],
        },
      ],
    },
    // A catch without an abort check is not exempt.
    {
      code: `
        import { setTimeout as sleep } from 'timers/promises';
        export async function consume(signal: AbortSignal) {
          try {
            await fetch('/next', { signal });
          } catch (error) {
            console.error(error);
            await sleep(5_000);
          }
        }
      `,
      errors: [
        {
          messageId: 'missingSignal',
          line: 8,
          column: 19,
          data: { callee: 'sleep', signal: 'signal' },
          suggestions: [
            {
              messageId: 'forwardSignal',
              output: `
        import { setTimeout as sleep } from 'timers/promises';
        export async function consume(signal: AbortSignal) {
          try {
            await fetch('/next', { signal });
          } catch (error) {
            console.error(error);
            await sleep(5_000, undefined, { signal });
          }
        }
      `,
            },
          ],
        },
      ],
    },
    // An async callback run by an awaited call captures the caller's signal.
    {
      code: `
        export async function withLock(lock: { run<T>(fn: () => Promise<T>): Promise<T> }, signal: AbortSignal) {
          return lock.run(async () => {
            const response = await fetch('/critical');
            return response.text();
          });
        }
      `,
      errors: [
        {
          messageId: 'missingSignal',
          line: 4,
          column: 36,
          data: { callee: 'fetch', signal: 'signal' },
          suggestions: [
            {
              messageId: 'forwardSignal',
              output: `
        export async function withLock(lock: { run<T>(fn: () => Promise<T>): Promise<T> }, signal: AbortSignal) {
          return lock.run(async () => {
            const response = await fetch('/critical', { signal });
            return response.text();
          });
        }
      `,
            },
          ],
        },
      ],
    },
  ],
});

describe('require-signal-forwarding options', () => {
  function lint(options: unknown[]): Linter.LintMessage[] {
    return lintWithOptions('require-signal-forwarding', rule, options, 'export async function f(signal: AbortSignal) { await fetch("/x", { signal }); }');
  }

  it('takes no options', () => {
    expect(lint([])).toEqual([]);
  });

  it.each([[{ bogus: 1 }], ['always']])('rejects %j', (option) => {
    expect(() => lint([option])).toThrow(/async-guard\/require-signal-forwarding/);
  });
});
