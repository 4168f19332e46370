// `voidCallback`: async functions passed where the callee ignores the returned promise.
import rule from '../../src/rules/no-floating-promises/index.js';
import { testRule } from '../rule-tester.js';

testRule('no-floating-promises (callbacks)', rule, {
  valid: [
    // The whole body is a try whose catch neither throws nor awaits: it cannot reject.
    `
      import { EventEmitter } from 'node:events';
      export function wire(bus: EventEmitter, save: (x: unknown) => Promise<void>) {
        bus.on('order', async (order) => {
          try {
            await save(order);
          } catch (error) {
            console.error('order failed', error);
          }
        });
      }
    `,
    // An expression body that ends in \`.catch\` cannot reject either.
    `
      export function schedule(refresh: () => Promise<void>) {
        setTimeout(() => refresh().catch(console.error), 1000);
      }
    `,
    // A non-async callback that handles the promise.
    `
      export function schedule(refresh: () => Promise<void>) {
        setTimeout(() => {
          void refresh();
        }, 1000);
        process.nextTick(() => {
          refresh().catch(() => {});
        });
      }
    `,
    // Left to other rules: new Promise executors, setInterval, 'data' handlers.
    `
      import type { Readable } from 'node:stream';
      export function others(stream: Readable, poll: () => Promise<void>) {
        const p = new Promise<void>(async (resolve) => {
          await poll();
          resolve();
        });
        setInterval(async () => {
          await poll();
        }, 1000);
        stream.on('data', async (chunk) => {
          await poll();
        });
        return p;
      }
    `,
    // Callees that use the returned promise: map + Promise.all, a promise-accepting parameter.
    `
      export async function each(ids: string[], run: (job: () => Promise<void>) => Promise<void>) {
        await Promise.all(ids.map(async (id) => fetch('/' + id)));
        await run(async () => {
          await fetch('/x');
        });
      }
    `,
    // checkCallbacks: false
    {
      code: `
        export function wire(items: string[]) {
          items.forEach(async (item) => {
            await fetch('/items/' + item);
          });
        }
      `,
      options: [{ checkCallbacks: false }],
    },
    // A parameter typed to accept a promise (void | Promise<void>) is not ignoring it.
    `
      declare function onShutdown(hook: () => void | Promise<void>): void;
      onShutdown(async () => {
        await fetch('/drain');
      });
    `,
    // A non-async function with a block body is not followed.
    `
      export function wire(items: string[]) {
        items.forEach(function (item) {
          console.log(item);
        });
      }
    `,
    // Generators are not promise-returning callbacks.
    `
      export function wire(items: string[]) {
        items.forEach(function* (item) {
          yield item;
        });
      }
    `,
    // From bullmq: plain bookkeeping before a final try whose catch neither throws nor awaits: cannot reject.
    `
      export class Reconnector {
        timer: ReturnType<typeof setTimeout> | null = null;
        closing = false;
        reconnecting = true;
        constructor(private connect: () => Promise<void>) {}
        schedule(delay: number) {
          this.timer = setTimeout(async () => {
            this.timer = null;
            if (this.closing) {
              this.reconnecting = false;
              return;
            }
            try {
              await this.connect();
            } catch {
              this.reconnecting = false;
              if (!this.closing) this.schedule(delay * 2);
            }
          }, delay);
        }
      }
    `,
    // From ioredis' mocha tests: an overload that takes an async function uses its promise.
    `
      type Done = (error?: unknown) => void;
      declare function spec(title: string, fn: (done: Done) => void): void;
      declare function spec(title: string, fn: () => PromiseLike<unknown>): void;
      spec('sets a key', async () => {
        await fetch('/set');
      });
      export {};
    `,
    // JSX attributes are not parameters: left to no-misused-promises' attribute check.
    {
      code: `
        declare function save(): Promise<void>;
        export function SaveButton() {
          return <button onClick={async () => save()}>save</button>;
        }
      `,
      filename: 'file.tsx',
    },
    // A method reference (not an inline function) is not reported; decorators and static blocks do not crash.
    `
      import { EventEmitter } from 'node:events';
      function bound(_value: unknown, _context: ClassMethodDecoratorContext) {}
      export class Consumer {
        static bus = new EventEmitter();
        static {
          Consumer.bus.on('job', (job) => void new Consumer().handle(job));
        }
        @bound
        async handle(job: unknown): Promise<void> {
          await fetch('/jobs', { method: 'POST', body: JSON.stringify(job) });
        }
        wire() {
          Consumer.bus.on('retry', this.handle);
        }
      }
    `,
  ],
  invalid: [
    // arr.forEach(async …)
    {
      code: `
        export function syncAll(ids: string[]) {
          ids.forEach(async (id) => {
            await fetch('/sync/' + id);
          });
        }
      `,
      errors: [{ messageId: 'voidCallback', line: 3, column: 34 }],
    },
    // emitter.on('x', async …) and process.on
    {
      code: `
        import { EventEmitter } from 'node:events';
        export function wire(bus: EventEmitter, store: { save(x: unknown): Promise<void> }) {
          bus.on('order', async (order) => {
            await store.save(order);
          });
          process.on('SIGTERM', async () => {
            await store.save('shutdown');
            process.exit(0);
          });
        }
      `,
      errors: [
        { messageId: 'voidCallback', line: 4, column: 41 },
        { messageId: 'voidCallback', line: 7, column: 42 },
      ],
    },
    // Timers and microtasks.
    {
      code: `
        export function later(flush: () => Promise<void>) {
          setTimeout(async () => {
            await flush();
          }, 100);
          setImmediate(async function tick() {
            await flush();
          });
          queueMicrotask(async () => flush());
        }
      `,
      errors: [
        { messageId: 'voidCallback', line: 3, column: 31 },
        { messageId: 'voidCallback', line: 6, column: 24 },
        { messageId: 'voidCallback', line: 9, column: 35 },
      ],
    },
    // DOM-style handler properties and addEventListener.
    {
      code: `
        export function connect(url: string, handle: (data: unknown) => Promise<void>) {
          const socket = new WebSocket(url);
          socket.onmessage = async (event) => {
            await handle(event.data);
          };
          socket.addEventListener('close', async () => {
            await handle(null);
          });
          return socket;
        }
      `,
      errors: [
        { messageId: 'voidCallback', line: 4, column: 44 },
        { messageId: 'voidCallback', line: 7, column: 53 },
      ],
    },
    // A promise-returning (non-async) arrow handed to forEach.
    {
      code: `
        async function notify(user: string): Promise<void> {}
        export function notifyAll(users: string[]) {
          users.forEach((user) => notify(user));
        }
      `,
      errors: [{ messageId: 'voidCallback', line: 4, column: 32 }],
    },
    // Typed: any parameter declared to return void; untyped, an unknown callee is not reported.
    {
      code: `
        declare function onReady(callback: () => void): void;
        onReady(async () => {
          await fetch('/warmup');
        });
      `,
      typed: [{ messageId: 'voidCallback', line: 3, column: 26 }],
      untyped: [],
    },
    // A try body whose catch re-throws can still reject.
    {
      code: `
        export function wire(items: string[]) {
          items.forEach(async (item) => {
            try {
              await fetch('/items/' + item);
            } catch (error) {
              throw new Error('sync failed', { cause: error });
            }
          });
        }
      `,
      errors: [{ messageId: 'voidCallback', line: 3, column: 38 }],
    },
    // A call before the try can throw: the callback can reject.
    {
      code: `
        export function later(flush: () => Promise<void>, prepare: () => void) {
          setTimeout(async () => {
            prepare();
            try {
              await flush();
            } catch {
              console.warn('flush failed');
            }
          }, 10);
        }
      `,
      errors: [{ messageId: 'voidCallback', line: 3, column: 31 }],
    },
  ],
});
