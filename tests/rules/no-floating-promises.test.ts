// The statement part: typescript-eslint's `no-floating-promises` semantics, in both modes.
import rule from '../../src/rules/no-floating-promises/index.js';
import { testRule } from '../rule-tester.js';

testRule('no-floating-promises (statements)', rule, {
  valid: [
    // Awaited, returned, handled with `.catch(fn)` or `.then(ok, fail)`.
    `
      async function saveDraft(text: string): Promise<void> {}
      export async function onSubmit(text: string) {
        await saveDraft(text);
        saveDraft(text).catch((error) => console.error(error));
        saveDraft(text).then(() => console.log('saved'), (error) => console.error(error));
        return saveDraft(text);
      }
    `,
    // \`void\` marks a promise as deliberately ignored (ignoreVoid defaults to true).
    `
      async function warmCache(): Promise<void> {}
      export function start() {
        void warmCache();
        void Promise.reject(new Error('ignored on purpose'));
      }
    `,
    // \`.finally\` after a handled chain is handled; awaited \`.finally\` too.
    `
      async function flush(): Promise<void> {}
      export async function shutdown() {
        flush().catch(() => {}).finally(() => console.log('done'));
        await flush().finally(() => console.log('flushed'));
      }
    `,
    // Promise.all over the mapped work, awaited.
    `
      export async function notifyAll(ids: string[]) {
        await Promise.all(ids.map(async (id) => fetch('/notify/' + id)));
      }
    `,
    // Assignments are not floating statements.
    `
      async function connect(): Promise<number> { return 1; }
      let pending: Promise<number> | undefined;
      export function init() {
        pending = connect();
      }
    `,
    // Not a promise: a plain function call, an await of a promise.
    `
      function log(message: string): void {}
      export async function run(load: () => Promise<void>) {
        log('start');
        await load();
      }
    `,
    // A local function named like an API but not async: not a promise.
    `
      export function fetch(url: string): string { return url; }
      fetch('/x');
    `,
    // Object.assign returns its first argument: not a new floating promise.
    `
      async function job(): Promise<void> {}
      export async function main() {
        const task = job();
        Object.assign(task, { label: 'job' });
        await task;
      }
    `,
    // ignoreIIFE
    {
      code: `
        (async function () {
          await Promise.resolve(1);
        })();
        (async () => {
          await Promise.resolve(1);
        })();
      `,
      options: [{ ignoreIIFE: true }],
    },
    // checkThenables off (default): a PromiseLike that is not a Promise is not checked typed; untyped it is unknown.
    `
      declare function createPromiseLike(): PromiseLike<string>;
      createPromiseLike();
    `,
    // checkStatements: false leaves statements to typescript-eslint's rule.
    {
      code: `
        async function refresh(): Promise<void> {}
        export function onTick() {
          refresh();
        }
      `,
      options: [{ checkStatements: false }],
    },
    // Directives are statements too, and not promises.
    `
      'use strict';
      export {};
    `,
    // A \`.then\` with a rejection handler that is a function reference.
    `
      async function load(): Promise<string> { return ''; }
      function report(error: unknown) { console.error(error); }
      export function go() {
        load().then(console.log, report);
      }
    `,
    // Odd syntax must not crash: decorators, using, generators, static blocks, computed members.
    `
      function logged(_target: unknown, _context: ClassMethodDecoratorContext) {}
      class Service {
        static ready: Promise<void>;
        static {
          Service.ready = Promise.resolve();
        }
        @logged
        async handle(): Promise<void> {
          await this['handle'];
        }
        *ids() {
          yield 1;
        }
      }
      export function useIt(service: Service) {
        using _scope = { [Symbol.dispose]() {} };
        void service.handle();
      }
    `,
    {
      code: `
        export function Button(props: { onClick: () => void }) {
          return <button onClick={() => void props.onClick()}>save</button>;
        }
      `,
      filename: 'file.tsx',
    },
    // allowForKnownSafePromises: a branded promise type is safe to float (typed; untyped, the local annotation is not \`Promise<…>\`).
    {
      code: `
        type SafePromise = Promise<number> & { __linterBrands?: string };
        let promise: SafePromise = Promise.resolve(2);
        promise;
        function returnsSafePromise(): SafePromise {
          return Promise.resolve(42);
        }
        returnsSafePromise();
      `,
      options: [{ allowForKnownSafePromises: [{ from: 'file', name: 'SafePromise' }, { from: 'lib', name: 'PromiseLike' }, { from: 'package', name: 'Bar', package: 'bar-lib' }] }],
    },
    // allowForKnownSafeCalls, untyped: a \`from: 'package'\` specifier matches by import.
    {
      code: `
        import { writeFile } from 'node:fs/promises';
        import * as fsp from 'node:fs/promises';
        export function persist(data: string) {
          writeFile('/tmp/state.json', data);
          fsp.writeFile('/tmp/state.json', data);
        }
      `,
      options: [{ allowForKnownSafeCalls: [{ from: 'package', name: 'writeFile', package: 'fs/promises' }, 'writeFile'] }],
    },
    // A local class with a one-callback \`then\` is not a promise (typed: not a thenable either; untyped: a local non-Promise class).
    `
      class Thenable {
        then(callback: () => void): Thenable {
          callback();
          return new Thenable();
        }
      }
      export async function run() {
        const thenable = new Thenable();
        await thenable;
        thenable;
        thenable.then(() => {});
        return thenable;
      }
    `,
    // typescript-eslint's documented correct example, as it is.
    `
      const promise = new Promise((resolve, reject) => resolve('value'));
      await promise;

      async function returnsPromise() {
        return 'value';
      }

      void returnsPromise();

      returnsPromise().then(
        () => {},
        () => {},
      );

      Promise.reject('value').catch(() => {});

      await Promise.reject('value').finally(() => {});

      await Promise.all([1, 2, 3].map(async (x) => x + 1));
      export {};
    `,
    // typescript-eslint's documented ignoreIIFE example, awaited form included.
    {
      code: `
        declare function res(n: number): Promise<void>;
        await (async function () {
          await res(1);
        })();
        (async function () {
          await res(1);
        })();
        export {};
      `,
      options: [{ ignoreIIFE: true }],
    },
    // checkThenables' documented correct example.
    {
      code: `
        declare function createPromiseLike(): PromiseLike<string>;
        await createPromiseLike();
        interface MyThenable {
          then(onFulfilled: () => void, onRejected: () => void): MyThenable;
        }
        declare function createMyThenable(): MyThenable;
        await createMyThenable();
        export {};
      `,
      options: [{ checkThenables: true }],
    },
  ],
  invalid: [
    // typescript-eslint's documented incorrect examples.
    {
      code: `
        const promise = new Promise((resolve, reject) => resolve('value'));
        promise;
      `,
      errors: [{ messageId: 'floatingVoid', line: 3, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        const promise = new Promise((resolve, reject) => resolve('value'));
        void promise;
      ` }] }],
    },
    {
      code: `
        async function returnsPromise() {
          return 'value';
        }
        returnsPromise().then(() => {});
      `,
      errors: [{ messageId: 'floatingVoid', line: 5, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        async function returnsPromise() {
          return 'value';
        }
        void returnsPromise().then(() => {});
      ` }] }],
    },
    {
      code: `
        Promise.reject('value').catch();
      `,
      errors: [{ messageId: 'floatingVoid', line: 2, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        void Promise.reject('value').catch();
      ` }] }],
    },
    {
      code: `
        Promise.reject('value').finally();
      `,
      errors: [{ messageId: 'floatingVoid', line: 2, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        void Promise.reject('value').finally();
      ` }] }],
    },
    {
      code: `
        [1, 2, 3].map(async (x) => x + 1);
      `,
      errors: [{ messageId: 'floatingPromiseArrayVoid', line: 2, column: 9 }],
    },
    // In an async function, `await` is offered first.
    {
      code: `
        async function saveDraft(text: string): Promise<void> {}
        export async function onBlur(text: string) {
          saveDraft(text);
        }
      `,
      errors: [
        {
          messageId: 'floatingVoid',
          line: 4,
          column: 11,
          suggestions: [
            { messageId: 'floatingFixAwait', output: `
        async function saveDraft(text: string): Promise<void> {}
        export async function onBlur(text: string) {
          await saveDraft(text);
        }
      ` },
            { messageId: 'floatingFixVoid', output: `
        async function saveDraft(text: string): Promise<void> {}
        export async function onBlur(text: string) {
          void saveDraft(text);
        }
      ` },
          ],
        },
      ],
    },
    // ignoreVoid: false — `floating`, and `void` does not silence it.
    {
      code: `
        async function sendMetrics(): Promise<void> {}
        export async function tick() {
          void sendMetrics();
        }
      `,
      options: [{ ignoreVoid: false }],
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 11,
          suggestions: [{ messageId: 'floatingFixAwait', output: `
        async function sendMetrics(): Promise<void> {}
        export async function tick() {
          await sendMetrics();
        }
      ` }],
        },
      ],
    },
    {
      code: `
        const job = () => Promise.resolve(1);
        export const run = () => void job();
      `,
      options: [{ ignoreVoid: false }],
      errors: [{ messageId: 'floating', line: 3, column: 34 }],
    },
    // A rejection handler that is not a function.
    {
      code: `
        async function load(): Promise<string> { return ''; }
        load().catch(null);
        load().then(() => {}, undefined);
      `,
      errors: [
        { messageId: 'floatingUselessRejectionHandlerVoid', line: 3, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        async function load(): Promise<string> { return ''; }
        void load().catch(null);
        load().then(() => {}, undefined);
      ` }] },
        { messageId: 'floatingUselessRejectionHandlerVoid', line: 4, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        async function load(): Promise<string> { return ''; }
        load().catch(null);
        void load().then(() => {}, undefined);
      ` }] },
      ],
    },
    {
      code: `
        async function load(): Promise<string> { return ''; }
        load().catch(42);
      `,
      options: [{ ignoreVoid: false }],
      errors: [{ messageId: 'floatingUselessRejectionHandler', line: 3, column: 9 }],
    },
    // Promise arrays with ignoreVoid: false.
    {
      code: `
        async function ping(host: string): Promise<void> {}
        export function pingAll(hosts: string[]) {
          hosts.map((host) => ping(host));
        }
      `,
      options: [{ ignoreVoid: false }],
      errors: [{ messageId: 'floatingPromiseArray', line: 4, column: 11 }],
    },
    // Sequence, conditional and logical expressions: any unhandled part.
    {
      code: `
        async function a(): Promise<void> {}
        function b(): number { return 1; }
        export function f(flag: boolean) {
          (b(), a());
          flag ? a() : b();
          flag && a();
        }
      `,
      errors: [
        { messageId: 'floatingVoid', line: 5, column: 11, suggestions: [{ messageId: 'floatingFixVoid', output: `
        async function a(): Promise<void> {}
        function b(): number { return 1; }
        export function f(flag: boolean) {
          void (b(), a());
          flag ? a() : b();
          flag && a();
        }
      ` }] },
        { messageId: 'floatingVoid', line: 6, column: 11, suggestions: [{ messageId: 'floatingFixVoid', output: `
        async function a(): Promise<void> {}
        function b(): number { return 1; }
        export function f(flag: boolean) {
          (b(), a());
          void (flag ? a() : b());
          flag && a();
        }
      ` }] },
        { messageId: 'floatingVoid', line: 7, column: 11, suggestions: [{ messageId: 'floatingFixVoid', output: `
        async function a(): Promise<void> {}
        function b(): number { return 1; }
        export function f(flag: boolean) {
          (b(), a());
          flag ? a() : b();
          void (flag && a());
        }
      ` }] },
      ],
    },
    // Async IIFEs are reported unless ignoreIIFE.
    {
      code: `
        (async () => {
          await Promise.resolve(1);
        })();
      `,
      errors: [{ messageId: 'floatingVoid', line: 2, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        void (async () => {
          await Promise.resolve(1);
        })();
      ` }] }],
    },
    // Well-known promise APIs by module origin, with optional chaining and `this.` methods.
    {
      code: `
        import { writeFile } from 'node:fs/promises';
        export class Store {
          async persist(): Promise<void> {}
          save(data: string) {
            writeFile('/tmp/state.json', data);
            this.persist();
            this?.persist();
          }
        }
      `,
      errors: [
        { messageId: 'floatingVoid', line: 6, column: 13, suggestions: [{ messageId: 'floatingFixVoid', output: `
        import { writeFile } from 'node:fs/promises';
        export class Store {
          async persist(): Promise<void> {}
          save(data: string) {
            void writeFile('/tmp/state.json', data);
            this.persist();
            this?.persist();
          }
        }
      ` }] },
        { messageId: 'floatingVoid', line: 7, column: 13, suggestions: [{ messageId: 'floatingFixVoid', output: `
        import { writeFile } from 'node:fs/promises';
        export class Store {
          async persist(): Promise<void> {}
          save(data: string) {
            writeFile('/tmp/state.json', data);
            void this.persist();
            this?.persist();
          }
        }
      ` }] },
        { messageId: 'floatingVoid', line: 8, column: 13, suggestions: [{ messageId: 'floatingFixVoid', output: `
        import { writeFile } from 'node:fs/promises';
        export class Store {
          async persist(): Promise<void> {}
          save(data: string) {
            writeFile('/tmp/state.json', data);
            this.persist();
            void this?.persist();
          }
        }
      ` }] },
      ],
    },
    // Typed only: an imported helper that returns a promise (untyped cannot see into another file).
    {
      code: `
        import { sleep } from './src/utils/sleep.js';
        export function pause() {
          sleep(100);
        }
      `,
      typed: [{ messageId: 'floatingVoid', line: 4, column: 11, suggestions: [{ messageId: 'floatingFixVoid', output: `
        import { sleep } from './src/utils/sleep.js';
        export function pause() {
          void sleep(100);
        }
      ` }] }],
      untyped: [],
    },
    // checkThenables: a PromiseLike is checked (typed only).
    {
      code: `
        declare function createPromiseLike(): PromiseLike<string>;
        createPromiseLike();
      `,
      options: [{ checkThenables: true }],
      typed: [{ messageId: 'floatingVoid', line: 3, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        declare function createPromiseLike(): PromiseLike<string>;
        void createPromiseLike();
      ` }] }],
      untyped: [],
    },
    // allowForKnownSafePromises leaves plain promises reported.
    {
      code: `
        let promise: Promise<number> = Promise.resolve(2);
        promise;
        function returnsPromise(): Promise<number> {
          return Promise.resolve(42);
        }
        returnsPromise();
      `,
      options: [{ allowForKnownSafePromises: [{ from: 'file', name: 'SafePromise' }, { from: 'lib', name: 'PromiseLike' }, { from: 'package', name: 'Bar', package: 'bar-lib' }] }],
      typed: [
        { messageId: 'floatingVoid', line: 3, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        let promise: Promise<number> = Promise.resolve(2);
        void promise;
        function returnsPromise(): Promise<number> {
          return Promise.resolve(42);
        }
        returnsPromise();
      ` }] },
        { messageId: 'floatingVoid', line: 7, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        let promise: Promise<number> = Promise.resolve(2);
        promise;
        function returnsPromise(): Promise<number> {
          return Promise.resolve(42);
        }
        void returnsPromise();
      ` }] },
      ],
      // Untyped, \`promise\` is a \`let\` (no one-hop through it); the annotated function is seen.
      untyped: [
        { messageId: 'floatingVoid', line: 7, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        let promise: Promise<number> = Promise.resolve(2);
        promise;
        function returnsPromise(): Promise<number> {
          return Promise.resolve(42);
        }
        void returnsPromise();
      ` }] },
      ],
    },
    // allowForKnownSafeCalls: \`safe\` may float, \`unsafe\` may not (typed; untyped cannot check a file specifier).
    {
      code: `
        declare function unsafe(...args: unknown[]): Promise<void>;
        declare function safe(...args: unknown[]): Promise<void>;
        unsafe('...', () => {});
        safe('...', () => {});
      `,
      options: [{ allowForKnownSafeCalls: [{ from: 'file', name: 'safe', path: 'file.ts' }] }],
      typed: [
        { messageId: 'floatingVoid', line: 4, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        declare function unsafe(...args: unknown[]): Promise<void>;
        declare function safe(...args: unknown[]): Promise<void>;
        void unsafe('...', () => {});
        safe('...', () => {});
      ` }] },
      ],
      untyped: [
        { messageId: 'floatingVoid', line: 4, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        declare function unsafe(...args: unknown[]): Promise<void>;
        declare function safe(...args: unknown[]): Promise<void>;
        void unsafe('...', () => {});
        safe('...', () => {});
      ` }] },
        { messageId: 'floatingVoid', line: 5, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        declare function unsafe(...args: unknown[]): Promise<void>;
        declare function safe(...args: unknown[]): Promise<void>;
        unsafe('...', () => {});
        void safe('...', () => {});
      ` }] },
      ],
    },
    // checkThenables: a custom thenable whose \`then\` takes two callbacks.
    {
      code: `
        interface MyThenable {
          then(onFulfilled: () => void, onRejected: () => void): MyThenable;
        }
        declare function createMyThenable(): MyThenable;
        createMyThenable();
      `,
      options: [{ checkThenables: true }],
      typed: [{ messageId: 'floatingVoid', line: 6, column: 9, suggestions: [{ messageId: 'floatingFixVoid', output: `
        interface MyThenable {
          then(onFulfilled: () => void, onRejected: () => void): MyThenable;
        }
        declare function createMyThenable(): MyThenable;
        void createMyThenable();
      ` }] }],
      untyped: [],
    },
  ],
});
