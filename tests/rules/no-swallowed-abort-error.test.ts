import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-swallowed-abort-error/index.js';
import { lintWithOptions, testRule } from '../rule-tester.js';

testRule('no-swallowed-abort-error', rule, {
  valid: [
    // if (signal.aborted) throw err
    `
      export async function getUser(id: string, signal: AbortSignal) {
        try {
          const response = await fetch('/users/' + id, { signal });
          return await response.json();
        } catch (error) {
          if (signal.aborted) throw error;
          return null;
        }
      }
    `,
    // err.name === 'AbortError', then return
    `
      export async function prefetch(urls: string[], signal: AbortSignal) {
        for (const url of urls) {
          try {
            await fetch(url, { signal });
          } catch (error) {
            if (error instanceof Error && error.name === 'AbortError') return;
            console.warn('prefetch failed', url, error);
          }
        }
      }
    `,
    // signal.throwIfAborted() first in the handler
    `
      import { setTimeout as sleep } from 'node:timers/promises';
      export async function poll(url: string, signal: AbortSignal) {
        while (true) {
          try {
            const response = await fetch(url, { signal });
            if (response.ok) return response;
          } catch (error) {
            signal.throwIfAborted();
            console.error(error);
          }
          await sleep(1_000, undefined, { signal });
        }
      }
    `,
    // re-throw after cleanup
    `
      export async function upload(file: Blob, options: { signal?: AbortSignal }) {
        const id = crypto.randomUUID();
        try {
          await fetch('/upload/' + id, { method: 'PUT', body: file, signal: options.signal });
        } catch (error) {
          await fetch('/upload/' + id, { method: 'DELETE' });
          throw error;
        }
      }
    `,
    // instanceof DOMException (aborts and timeouts are DOMExceptions)
    `
      export async function probe(host: string, signal: AbortSignal) {
        try {
          return (await fetch('https://' + host, { signal })).ok;
        } catch (error) {
          if (error instanceof DOMException) throw error;
          return false;
        }
      }
    `,
    // A predicate named like isAbortError
    `
      declare function isAbortError(error: unknown): boolean;
      export async function load(signal: AbortSignal) {
        try {
          return await fetch('/data', { signal });
        } catch (error) {
          if (isAbortError(error)) {
            throw error;
          }
          return undefined;
        }
      }
    `,
    // Wrapping in another error still stops the function.
    `
      class ApiError extends Error {}
      export async function call(path: string, signal: AbortSignal) {
        try {
          return await fetch(path, { signal });
        } catch (cause) {
          throw new ApiError('request failed: ' + path, { cause });
        }
      }
    `,
    // Passed on: reject(err) of an enclosing promise executor.
    `
      export function readAll(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<string> {
        return new Promise((resolve, reject) => {
          (async () => {
            try {
              let text = '';
              for await (const chunk of stream) text += String(chunk);
              signal.throwIfAborted();
              resolve(text);
            } catch (error) {
              reject(error);
            }
          })();
        });
      }
    `,
    // Passed on: callback(err)
    `
      export async function runTask(task: { url: string }, signal: AbortSignal, done: (error?: unknown) => void) {
        try {
          await fetch(task.url, { signal });
          done();
        } catch (error) {
          done(error);
        }
      }
    `,
    // Kept in a variable and thrown later.
    `
      export async function fetchWithRetry(url: string, signal: AbortSignal) {
        let lastError: unknown;
        for (let attempt = 0; attempt < 3; attempt++) {
          try {
            return await fetch(url, { signal });
          } catch (error) {
            lastError = error;
            if (signal.aborted) break;
          }
        }
        throw lastError;
      }
    `,
    // A handler for one other error type that re-throws the rest.
    `
      class HttpError extends Error { status = 500; }
      export async function find(id: string, signal: AbortSignal) {
        try {
          return await fetch('/items/' + id, { signal });
        } catch (error) {
          if (error instanceof HttpError && error.status === 404) {
            return null;
          } else {
            throw error;
          }
        }
      }
    `,
    // The retry is given the same signal: once aborted it rejects at once.
    `
      export async function getConfig(signal: AbortSignal) {
        try {
          return await fetch('/config', { signal });
        } catch {
          return await fetch('/config-fallback', { signal });
        }
      }
    `,
    // The next awaited call after the try takes the same signal.
    `
      import { setTimeout as sleep } from 'node:timers/promises';
      export async function heartbeat(url: string, signal: AbortSignal) {
        for (;;) {
          try {
            await fetch(url, { method: 'POST', signal });
          } catch (error) {
            console.warn('heartbeat failed', error);
          }
          await sleep(5_000, undefined, { signal });
        }
      }
    `,
    // The loop condition observes the abort.
    `
      export async function consume(queue: { pull(o: { signal: AbortSignal }): Promise<void> }, signal: AbortSignal) {
        while (!signal.aborted) {
          try {
            await queue.pull({ signal });
          } catch (error) {
            console.error(error);
          }
        }
      }
    `,
    // A local timeout turned into a fallback value: the guide's own timeout pattern.
    `
      export async function fetchPrice(symbol: string) {
        try {
          const response = await fetch('/price/' + symbol, { signal: AbortSignal.timeout(500) });
          return await response.json();
        } catch {
          return { symbol, price: undefined };
        }
      }
    `,
    // A local controller is not the caller's signal.
    `
      export async function race(urls: string[]) {
        const controller = new AbortController();
        try {
          return await Promise.any(urls.map((url) => fetch(url, { signal: controller.signal })));
        } catch {
          return undefined;
        } finally {
          controller.abort();
        }
      }
    `,
    // A returned (not awaited) call is not caught by this try.
    `
      export async function get(url: string, signal: AbortSignal) {
        try {
          return fetch(url, { signal });
        } catch {
          return undefined;
        }
      }
    `,
    // A synchronous call given an options object with a signal cannot throw the abort.
    `
      export async function subscribe(emitter: EventTarget, signal: AbortSignal) {
        try {
          emitter.addEventListener('message', () => {}, { signal });
        } catch {
          return false;
        }
        return true;
      }
    `,
    // A .catch side branch that only silences an unhandled rejection.
    `
      export async function save(body: string, signal: AbortSignal) {
        const pending = fetch('/save', { method: 'POST', body, signal });
        pending.catch(() => {});
        return await pending;
      }
    `,
    // .catch that re-throws on abort
    `
      export function loadOrDefault(url: string, signal: AbortSignal) {
        return fetch(url, { signal }).then((r) => r.json()).catch((error: unknown) => {
          if (signal.aborted) throw error;
          return {};
        });
      }
    `,
    // A switch in the handler: undecided, no report.
    `
      export async function classify(url: string, signal: AbortSignal) {
        try {
          await fetch(url, { signal });
        } catch (error) {
          switch ((error as Error).name) {
            case 'AbortError': throw error;
            default: return 'failed';
          }
        }
        return 'ok';
      }
    `,
    // emit('error', err) passes it on.
    `
      import { EventEmitter } from 'node:events';
      export class Sync extends EventEmitter {
        async run(signal: AbortSignal) {
          try {
            await fetch('/sync', { signal });
          } catch (error) {
            this.emit('error', error);
          }
        }
      }
    `,
    // code === 'ABORT_ERR'
    `
      import { once } from 'node:events';
      export async function waitForExit(child: NodeJS.EventEmitter, signal: AbortSignal) {
        try {
          await once(child, 'exit', { signal });
        } catch (error) {
          if ((error as { code?: string }).code === 'ABORT_ERR') return;
          throw error;
        }
      }
    `,
    // Seen in anthropic-sdk-typescript: a same-file helper that resolves on abort cannot throw it.
    `
      async function settledOrAborted(p: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
        if (!signal) {
          await p;
          return;
        }
        let onAbort!: () => void;
        const aborted = new Promise<void>((resolve) => {
          onAbort = resolve;
          if (signal.aborted) resolve();
        });
        signal.addEventListener('abort', onAbort, { once: true });
        try {
          await Promise.race([p, aborted]);
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
      }
      export async function flush(push: () => Promise<void>, signal?: AbortSignal) {
        try {
          await settledOrAborted(push(), signal);
        } catch (e) {
          console.warn('memory flush failed', String(e));
        }
      }
    `,
    // Seen in execa: a controller's own signal handed on by its holder to cancel a timer is not the caller's.
    {
      code: `
        import { setTimeout } from 'node:timers/promises';
        export const killOnTimeout = async ({ kill, forceKillAfterDelay, context, controllerSignal }) => {
          if (forceKillAfterDelay === false) return;
          try {
            await setTimeout(forceKillAfterDelay, undefined, { signal: controllerSignal });
            if (kill('SIGKILL')) context.isForcefullyTerminated ??= true;
          } catch {}
        };
      `,
      filename: 'file.js',
    },
    // Seen in got: a request object's own signal is not a signal handed to the call; the error goes down the error path.
    `
      import type { IncomingMessage } from 'node:http';
      export class Request {
        private async _onResponseBase(response: IncomingMessage): Promise<void> {
          await new Promise((resolve) => response.once('end', resolve));
        }
        private _beforeError(error: Error): void {
          void error;
        }
        async _onResponse(response: IncomingMessage, options: { signal?: AbortSignal }): Promise<void> {
          try {
            await this._onResponseBase(response);
            await fetch('/log', { signal: options.signal });
          } catch (error: unknown) {
            this._beforeError(error as Error);
          }
        }
      }
    `,
    // Seen in the MCP TypeScript SDK: an HTTP handler hands the incoming Request on; its signal is the request's own.
    `
      declare const transport: { handleRequest(request: Request, options?: { parsedBody?: unknown }): Promise<Response> };
      export const handler = async (request: Request, options?: { parsedBody?: unknown }) => {
        request.signal.addEventListener('abort', () => console.info('client went away'), { once: true });
        try {
          return await transport.handleRequest(request, { parsedBody: options?.parsedBody });
        } catch (error) {
          console.error(error);
          return new Response(null, { status: 500 });
        }
      };
    `,
    // Seen in anthropic-sdk-typescript: a tool runner hands every failure back to its caller as data.
    `
      type ToolContext = { signal?: AbortSignal };
      export async function runTool(tool: { run(input: unknown, context: ToolContext): Promise<string> }, input: unknown, context: ToolContext) {
        try {
          const content = await tool.run(input, context);
          return { content, isError: false };
        } catch (e) {
          return { content: 'Error: ' + (e instanceof Error ? e.message : String(e)), isError: true };
        }
      }
    `,
    // Seen in the MCP TypeScript SDK: the error goes to an error callback (guarded), then a 500 is returned.
    `
      export function createHandler(onerror?: (error: Error) => void) {
        return async (url: string, options: { signal: AbortSignal }) => {
          try {
            return await fetch(url, { signal: options.signal });
          } catch (error) {
            try {
              onerror?.(error as Error);
            } catch {
              // Reporting must never alter the response.
            }
            return new Response(null, { status: 500 });
          }
        };
      }
    `,
    // Seen in p-retry: the handler awaits a call given the options that hold the signal (it re-throws on abort).
    {
      code: `
        async function onAttemptFailure(error, attemptNumber, options) {
          if (options.signal?.aborted || attemptNumber > options.retries) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        export default async function pRetry(input, options = {}) {
          let attemptNumber = 0;
          while (attemptNumber < options.retries + 1) {
            attemptNumber++;
            try {
              options.signal?.throwIfAborted();
              return await input(attemptNumber);
            } catch (error) {
              await onAttemptFailure(error, attemptNumber, options);
            }
          }
          throw new Error('Retry attempts exhausted');
        }
      `,
      filename: 'file.js',
    },
    // Seen in vercel/ai: a stream transformer sends the error on to the stream's consumer.
    `
      declare function executeToolCall(options: { id: string; abortSignal?: AbortSignal }): Promise<unknown>;
      export function toolStream(ids: string[], abortSignal?: AbortSignal) {
        return new ReadableStream({
          async start(controller) {
            await Promise.all(
              ids.map(async (id) => {
                try {
                  controller.enqueue(await executeToolCall({ id, abortSignal }));
                } catch (error) {
                  controller.enqueue({ type: 'error', error });
                }
              }),
            );
            controller.close();
          },
        });
      }
    `,
    // Seen in openai-agents-js: the error goes to the user's error handlers, which decide; the rest is re-thrown.
    `
      declare function prepareErrorOutput(options: { error: unknown }): Promise<string | undefined>;
      declare function recordError(error: unknown): void;
      export async function runAgent(turn: () => Promise<string>, options: { signal: AbortSignal }) {
        try {
          options.signal.throwIfAborted();
          return await turn();
        } catch (caughtError) {
          const err = caughtError instanceof Error ? caughtError : new Error(String(caughtError));
          const handled = await prepareErrorOutput({ error: err });
          if (handled) {
            return handled;
          }
          recordError(err);
          throw err;
        }
      }
    `,
    // Seen in openai-agents-js: a cancellation predicate (like axios' isCancel) is an abort check.
    `
      declare function isSiblingCancellationSignal(signal: AbortSignal): boolean;
      export async function runTool(run: (o: { signal: AbortSignal }) => Promise<string>, signal: AbortSignal) {
        try {
          return await run({ signal });
        } catch (error) {
          if (isSiblingCancellationSignal(signal)) {
            return 'cancelled by a sibling';
          }
          throw error;
        }
      }
    `,
    // Seen in openai-agents-js: the statement right after the try checks the signal and leaves the retry loop.
    `
      export async function exportTraces(payload: string, signal?: AbortSignal) {
        let attempts = 0;
        while (attempts < 3) {
          try {
            const response = await fetch('/traces', { method: 'POST', body: payload, signal });
            if (response.ok) break;
          } catch (error) {
            console.warn('[non-fatal] Tracing: request failed', error);
          }
          if (signal?.aborted) {
            console.error('Tracing: request aborted');
            break;
          }
          attempts++;
        }
      }
    `,
    // JSX, generators, static blocks, using: no crash.
    {
      code: `
        export async function* rows(signal: AbortSignal) {
          try {
            yield <span>{(await fetch('/rows', { signal })).status}</span>;
          } catch (error) {
            throw error;
          }
        }
      `,
      filename: 'file.tsx',
    },
    `
      class Cache {
        static { try { void 0; } catch { /* empty */ } }
        async warm(signal?: AbortSignal) {
          await using lease = { async [Symbol.asyncDispose]() {} };
          try { await fetch?.('/warm', { signal }); } catch (e) { throw e; }
        }
      }
    `,
  ],
  invalid: [
    // A catch that turns the caller's abort into a fallback value.
    {
      code: `
        export async function getUser(id: string, signal: AbortSignal) {
          try {
            const response = await fetch('/users/' + id, { signal });
            return await response.json();
          } catch (error) {
            console.error('could not load user', error);
            return null;
          }
        }
      `,
      errors: [
        {
          messageId: 'swallowedAbort',
          line: 6,
          column: 20,
          suggestions: [
            {
              messageId: 'addThrowIfAborted',
              data: { signal: 'signal' },
              output: `
        export async function getUser(id: string, signal: AbortSignal) {
          try {
            const response = await fetch('/users/' + id, { signal });
            return await response.json();
          } catch (error) {
            signal.throwIfAborted();
            console.error('could not load user', error);
            return null;
          }
        }
      `,
            },
          ],
        },
      ],
    },
    // The retry loop that never stops.
    {
      code: `
        export async function fetchWithRetry(url: string, options: { signal?: AbortSignal; retries: number }) {
          let attempt = 0;
          while (attempt < options.retries) {
            try {
              return await fetch(url, { signal: options.signal });
            } catch (error) {
              attempt++;
              console.warn('retrying', attempt, error);
            }
          }
          throw new Error('out of retries');
        }
      `,
      errors: [
        {
          messageId: 'retryLoop',
          line: 7,
          column: 22,
          suggestions: [
            {
              messageId: 'addThrowIfAborted',
              data: { signal: 'options.signal' },
              output: `
        export async function fetchWithRetry(url: string, options: { signal?: AbortSignal; retries: number }) {
          let attempt = 0;
          while (attempt < options.retries) {
            try {
              return await fetch(url, { signal: options.signal });
            } catch (error) {
              options.signal?.throwIfAborted();
              attempt++;
              console.warn('retrying', attempt, error);
            }
          }
          throw new Error('out of retries');
        }
      `,
            },
          ],
        },
      ],
    },
    // A catch without a parameter in a job worker.
    {
      code: `
        export async function processJobs(jobs: { id: string }[], signal: AbortSignal) {
          for (const job of jobs) {
            try {
              await fetch('/jobs/' + job.id, { method: 'POST', signal });
            } catch {
              continue;
            }
          }
          try {
            await fetch('/jobs/done', { method: 'POST', signal });
          } catch {
            // best effort
          }
        }
      `,
      errors: [{ messageId: 'swallowedAbort', line: 12, column: 13, suggestions: [
        {
          messageId: 'addThrowIfAborted',
          data: { signal: 'signal' },
          output: `
        export async function processJobs(jobs: { id: string }[], signal: AbortSignal) {
          for (const job of jobs) {
            try {
              await fetch('/jobs/' + job.id, { method: 'POST', signal });
            } catch {
              continue;
            }
          }
          try {
            await fetch('/jobs/done', { method: 'POST', signal });
          } catch {
            signal.throwIfAborted();
            // best effort
          }
        }
      `,
        },
      ] }],
    },
    // .catch(() => fallback) on a request given the caller's signal.
    {
      code: `
        export function loadSettings(signal: AbortSignal) {
          return fetch('/settings', { signal })
            .then((response) => response.json())
            .catch(() => ({ theme: 'light' }));
        }
      `,
      errors: [{ messageId: 'swallowedAbort', line: 5, column: 23, suggestions: [] }],
    },
    // signal.throwIfAborted() inside the try is caught and swallowed.
    {
      code: `
        export async function step(signal: AbortSignal, work: () => Promise<void>) {
          try {
            signal.throwIfAborted();
            await work();
          } catch (error) {
            return false;
          }
          return true;
        }
      `,
      errors: [
        {
          messageId: 'swallowedAbort',
          line: 6,
          column: 20,
          suggestions: [
            {
              messageId: 'addThrowIfAborted',
              data: { signal: 'signal' },
              output: `
        export async function step(signal: AbortSignal, work: () => Promise<void>) {
          try {
            signal.throwIfAborted();
            await work();
          } catch (error) {
            signal.throwIfAborted();
            return false;
          }
          return true;
        }
      `,
            },
          ],
        },
      ],
    },
    // An abort check that does not leave still swallows.
    {
      code: `
        import { once } from 'node:events';
        export async function waitReady(worker: NodeJS.EventEmitter, options: { signal: AbortSignal }) {
          try {
            await once(worker, 'ready', options);
          } catch (error) {
            if (options.signal.aborted) console.info('cancelled');
          }
        }
      `,
      typed: [
        {
          messageId: 'swallowedAbort',
          line: 6,
          column: 20,
          suggestions: [
            {
              messageId: 'addThrowIfAborted',
              data: { signal: 'options.signal' },
              output: `
        import { once } from 'node:events';
        export async function waitReady(worker: NodeJS.EventEmitter, options: { signal: AbortSignal }) {
          try {
            await once(worker, 'ready', options);
          } catch (error) {
            options.signal?.throwIfAborted();
            if (options.signal.aborted) console.info('cancelled');
          }
        }
      `,
            },
          ],
        },
      ],
      untyped: [
        {
          messageId: 'swallowedAbort',
          line: 6,
          column: 20,
          suggestions: [
            {
              messageId: 'addThrowIfAborted',
              data: { signal: 'options.signal' },
              output: `
        import { once } from 'node:events';
        export async function waitReady(worker: NodeJS.EventEmitter, options: { signal: AbortSignal }) {
          try {
            await once(worker, 'ready', options);
          } catch (error) {
            options.signal?.throwIfAborted();
            if (options.signal.aborted) console.info('cancelled');
          }
        }
      `,
            },
          ],
        },
      ],
    },
    // A signal captured from the enclosing function, in a stream pipeline.
    {
      code: `
        import { pipeline } from 'node:stream/promises';
        import { createReadStream, createWriteStream } from 'node:fs';
        export async function copyAll(files: string[], externalSignal: AbortSignal) {
          await Promise.all(
            files.map(async (file) => {
              try {
                await pipeline(createReadStream(file), createWriteStream(file + '.bak'), { signal: externalSignal });
              } catch (err) {
                console.error(err);
              }
            }),
          );
        }
      `,
      errors: [
        {
          messageId: 'swallowedAbort',
          line: 9,
          column: 24,
          suggestions: [
            {
              messageId: 'addThrowIfAborted',
              data: { signal: 'externalSignal' },
              output: `
        import { pipeline } from 'node:stream/promises';
        import { createReadStream, createWriteStream } from 'node:fs';
        export async function copyAll(files: string[], externalSignal: AbortSignal) {
          await Promise.all(
            files.map(async (file) => {
              try {
                await pipeline(createReadStream(file), createWriteStream(file + '.bak'), { signal: externalSignal });
              } catch (err) {
                externalSignal.throwIfAborted();
                console.error(err);
              }
            }),
          );
        }
      `,
            },
          ],
        },
      ],
    },
  ],
});

describe('no-swallowed-abort-error options', () => {
  function lint(options: unknown[]): Linter.LintMessage[] {
    return lintWithOptions('no-swallowed-abort-error', rule, options, 'export async function f(signal: AbortSignal) { await fetch("/x", { signal }); }');
  }

  it('takes no options', () => {
    expect(lint([])).toEqual([]);
  });

  it.each([[{ bogus: 1 }], ['always']])('rejects %j', (option) => {
    expect(() => lint([option])).toThrow(/async-guard\/no-swallowed-abort-error/);
  });
});
