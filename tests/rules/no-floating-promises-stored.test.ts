// Stored promises: `forgotten` and `unhandledDuringAwait`.
import rule from '../../src/rules/no-floating-promises/index.js';
import { testRule } from '../rule-tester.js';

testRule('no-floating-promises (stored)', rule, {
  valid: [
    // Awaited later, nothing in between.
    `
      async function loadUser(id: string): Promise<{ id: string }> { return { id }; }
      export async function handler(id: string) {
        const user = loadUser(id);
        console.log('loading', id);
        return await user;
      }
    `,
    // Started together and joined with Promise.all: the right fix.
    `
      async function loadA(): Promise<number> { return 1; }
      async function loadB(): Promise<number> { return 2; }
      export async function both() {
        const a = loadA();
        const b = loadB();
        const [x, y] = await Promise.all([a, b]);
        return x + y;
      }
    `,
    // A handler attached before the other await.
    `
      async function loadA(): Promise<number> { return 1; }
      async function loadB(): Promise<number> { return 2; }
      export async function guarded() {
        const a = loadA();
        a.catch(() => undefined);
        const b = await loadB();
        return (await a) + b;
      }
    `,
    // Returned, yielded, passed on, stored on \`this\` or in an outer variable.
    `
      async function query(sql: string): Promise<unknown[]> { return []; }
      let lastQuery: Promise<unknown[]> | undefined;
      export class Repo {
        pending?: Promise<unknown[]>;
        list() {
          const rows = query('select 1');
          return rows;
        }
        track(sql: string) {
          const rows = query(sql);
          this.pending = rows;
        }
        remember(sql: string) {
          const rows = query(sql);
          lastQuery = rows;
        }
        hand(sql: string, sink: (p: Promise<unknown[]>) => void) {
          const rows = query(sql);
          sink(rows);
        }
        async *stream(sql: string) {
          const rows = query(sql);
          yield rows;
        }
      }
    `,
    // A reference inside a closure counts as consumption (precision first).
    `
      async function connect(): Promise<{ close(): void }> { return { close() {} }; }
      export function createPool() {
        const ready = connect();
        return {
          async acquire() {
            return ready;
          },
        };
      }
    `,
    // Assigned into another binding: consumed.
    `
      async function open(): Promise<number> { return 1; }
      export async function run() {
        const handle = open();
        const alias = handle;
        await alias;
      }
    `,
    // Cannot reject: ends in \`.catch\`, \`Promise.allSettled\`, a \`new Promise\` without \`reject\`.
    `
      async function fetchConfig(): Promise<string> { return ''; }
      async function migrate(): Promise<void> {}
      export async function boot(jobs: Promise<void>[]) {
        const config = fetchConfig().catch(() => 'default');
        const settled = Promise.allSettled(jobs);
        const tick = new Promise<void>((resolve) => setTimeout(resolve, 10));
        await migrate();
        return [await config, await settled, await tick];
      }
    `,
    // Cannot reject: an async function of the file whose whole body is a try whose catch neither throws nor awaits.
    `
      async function safeRefresh(): Promise<void> {
        try {
          await fetch('/refresh');
        } catch (error) {
          console.warn('refresh failed', error);
        }
      }
      export async function loop() {
        const refresh = safeRefresh();
        await fetch('/other');
        await refresh;
      }
    `,
    // Pushed and joined, nothing in between.
    `
      async function send(to: string): Promise<void> {}
      export async function broadcast(users: string[]) {
        const sends: Promise<void>[] = [];
        for (const user of users) {
          sends.push(send(user));
        }
        await Promise.all(sends);
      }
    `,
    // Arrays of non-promises are not tracked.
    `
      export async function collect(lines: string[]) {
        const out: string[] = [];
        for (const line of lines) out.push(line.trim());
        return out;
      }
    `,
    // A throw caught by a try around it does not leave the function.
    `
      async function load(): Promise<number> { return 1; }
      export async function parse(text: string) {
        const pending = load();
        let value = 0;
        try {
          if (!text) throw new Error('empty');
          value = Number(text);
        } catch {
          value = -1;
        }
        return value + (await pending);
      }
    `,
    // A return in the other branch of an if is not after the push.
    `
      async function work(n: number): Promise<number> { return n; }
      export async function maybe(flag: boolean) {
        const jobs: Promise<number>[] = [];
        if (flag) {
          jobs.push(work(1));
        } else {
          return [];
        }
        return Promise.all(jobs);
      }
    `,
    // A value read from a field is not a new promise.
    `
      export class Client {
        ready: Promise<void> = Promise.resolve();
        async send() {
          const ready = this.ready;
          await fetch('/x');
          await ready;
        }
      }
    `,
    // Not a promise: untyped, an unknown call that is never awaited is not taken as one.
    `
      import { createServer } from 'node:http';
      export function start() {
        const server = createServer();
        return 1;
      }
    `,
    // Exported and module-level promises used by functions.
    `
      async function init(): Promise<void> {}
      export const ready = init();
      const started = init();
      export async function whenStarted() {
        await started;
      }
    `,
    // \`p = p.then(...)\` reads the old promise.
    `
      async function step(n: number): Promise<number> { return n; }
      export async function chain() {
        let current = step(0);
        current = current.then((n) => step(n + 1));
        return current;
      }
    `,
    // Typed: the type of the stored value is not a promise.
    `
      function parse(text: string): number { return Number(text); }
      export async function run(text: string) {
        const value = parse(text);
        await fetch('/x');
        return value;
      }
    `,
    // Odd syntax: using declarations, a for-await loop whose source is the promise-producing call.
    `
      export async function consume(lines: AsyncIterable<string>) {
        await using stack = new AsyncDisposableStack();
        for await (const line of lines) console.log(line);
        return stack;
      }
    `,
    // From bullmq: a cached promise read from a Map and replaced only when missing is neither created nor lost.
    `
      export class ScriptLoader {
        private loads = new Map<string, Promise<void>>();
        private async run(args: string[]): Promise<unknown> { return args; }
        ensureLoaded(sha: string, lua: string): Promise<void> {
          let pending = this.loads.get(sha);
          if (!pending) {
            pending = this.run(['SCRIPT', 'LOAD', lua]).then(() => {}).catch(() => {});
            this.loads.set(sha, pending);
          }
          return pending;
        }
      }
    `,
    // From ioredis: \`if (!preparation) return\` leaves only when there is no promise.
    `
      export class Coordinator {
        prepare(command: string): Promise<void> | undefined {
          return command ? Promise.resolve() : undefined;
        }
        send(command: string, resume: () => void, fail: (error: Error) => void): boolean {
          const preparation = this.prepare(command);
          if (!preparation) {
            return false;
          }
          preparation.then(resume, fail);
          return true;
        }
      }
    `,
    // From anthropic-sdk-typescript: a method of a promise subclass consumes it in ways nobody can see.
    `
      class ApiPromise<T> extends Promise<T> {
        asResponse(): Promise<Response> { return Promise.resolve(new Response()); }
      }
      declare function listModels(): ApiPromise<string[]>;
      export async function check() {
        const responsePromise = listModels();
        const raw = await responsePromise.asResponse();
        const models = await responsePromise;
        return { raw, models };
      }
    `,
    // From ioredis: mapped promises whose executors take no reject cannot reject.
    `
      export async function waitForMessages(expected: string[], subscribe: () => Promise<void>) {
        const pending = new Map<string, () => void>();
        const waiters = expected.map((key) => new Promise<void>((resolve) => pending.set(key, resolve)));
        await subscribe();
        await Promise.all(waiters);
      }
    `,
  ],
  invalid: [
    // Stored and never awaited.
    {
      code: `
        async function save(record: object): Promise<void> {}
        export async function handle(record: object) {
          const saving = save(record);
          console.log('saved', record);
        }
      `,
      errors: [{ messageId: 'forgotten', line: 4, column: 17 }],
    },
    // Pushed into a local array that nothing joins.
    {
      code: `
        async function job(id: number): Promise<void> {}
        export function enqueue(ids: number[]) {
          const tasks = [];
          for (const id of ids) {
            tasks.push(job(id));
          }
          console.log(tasks.length, 'queued');
        }
      `,
      errors: [{ messageId: 'forgotten', line: 6, column: 13 }],
    },
    // Assigned by index into a local array that nothing joins.
    {
      code: `
        async function job(id: number): Promise<void> {}
        export function enqueue(ids: number[]) {
          const tasks: Promise<void>[] = [];
          ids.forEach((id, i) => {
            tasks[i] = job(id);
          });
        }
      `,
      // Writing an element from a callback is not a consumption.
      errors: [{ messageId: 'forgotten', line: 6, column: 13 }],
    },
    // Reassigned before any consumption: the first promise is lost.
    {
      code: `
        async function connect(url: string): Promise<object> { return {}; }
        export async function reconnect(primary: string, fallback: string, usePrimary: boolean) {
          let connection = connect(primary);
          if (!usePrimary) connection = connect(fallback);
          return await connection;
        }
      `,
      errors: [{ messageId: 'forgotten', line: 4, column: 15 }],
    },
    // The example of RULES.md: another await before the first handler.
    {
      code: `
        async function loadA(): Promise<number> { return 1; }
        async function loadB(): Promise<number> { return 2; }
        export async function both() {
          const a = loadA();
          const b = await loadB();
          return [await a, b];
        }
      `,
      errors: [{ messageId: 'unhandledDuringAwait', line: 5, column: 17 }],
    },
    // Untyped, an imported call is taken as a promise because it is awaited later; typed, the type says so.
    {
      code: `
        import { delay } from './src/utils/sleep.js';
        export async function poll(check: () => Promise<boolean>) {
          const minimum = delay(1000);
          while (!(await check())) {
            console.log('waiting');
          }
          await minimum;
        }
      `,
      errors: [{ messageId: 'unhandledDuringAwait', line: 4, column: 17 }],
    },
    // A return that can leave before the handler.
    {
      code: `
        async function fetchProfile(id: string): Promise<object> { return {}; }
        export async function profile(id: string, cached?: object) {
          const pending = fetchProfile(id);
          if (cached) return cached;
          return await pending;
        }
      `,
      errors: [{ messageId: 'unhandledDuringAwait', line: 4, column: 17 }],
    },
    // A throw that can leave; a surrounding try does not help an unhandled rejection.
    {
      code: `
        async function fetchProfile(id: string): Promise<object> { return {}; }
        export async function profile(id: string) {
          const pending = fetchProfile(id);
          if (!id) throw new TypeError('id is required');
          return pending;
        }
      `,
      errors: [{ messageId: 'unhandledDuringAwait', line: 4, column: 17 }],
    },
    // A new Promise whose executor can reject, awaited only after other work.
    {
      code: `
        import { EventEmitter } from 'node:events';
        export async function waitReady(worker: EventEmitter, warmUp: () => Promise<void>) {
          const ready = new Promise<void>((resolve, reject) => {
            worker.once('ready', resolve);
            worker.once('error', reject);
          });
          await warmUp();
          await ready;
        }
      `,
      errors: [{ messageId: 'unhandledDuringAwait', line: 4, column: 17 }],
    },
    // Pushed, then another await inside the loop before the join.
    {
      code: `
        import { setTimeout as delay } from 'node:timers/promises';
        async function upload(file: string): Promise<void> {}
        export async function uploadAll(files: string[]) {
          const uploads: Promise<void>[] = [];
          for (const file of files) {
            uploads.push(upload(file));
            await delay(50);
          }
          await Promise.all(uploads);
        }
      `,
      errors: [{ messageId: 'unhandledDuringAwait', line: 7, column: 13 }],
    },
    // yield suspends too.
    {
      code: `
        async function next(): Promise<number> { return 1; }
        export async function* pages() {
          const upcoming = next();
          yield 0;
          yield await upcoming;
        }
      `,
      errors: [{ messageId: 'unhandledDuringAwait', line: 4, column: 17 }],
    },
    // Typed only: a promise from another file of the program, forgotten.
    {
      code: `
        import { delay } from './src/utils/sleep.js';
        export function schedule() {
          const waiting = delay(10);
          console.log('scheduled');
        }
      `,
      typed: [{ messageId: 'forgotten', line: 4, column: 17 }],
      untyped: [],
    },
    // Well-known API, untyped too: fs/promises.
    {
      code: `
        import { readFile } from 'node:fs/promises';
        export async function readBoth(a: string, b: string) {
          const first = readFile(a, 'utf8');
          const second = await readFile(b, 'utf8');
          return (await first) + second;
        }
      `,
      errors: [{ messageId: 'unhandledDuringAwait', line: 4, column: 17 }],
    },
    // An array of promises from map, kept and never joined.
    {
      code: `
        async function warm(key: string): Promise<void> {}
        export function warmAll(keys: string[]) {
          const warming = keys.map((key) => warm(key));
          console.log('warming', warming.length);
        }
      `,
      errors: [{ messageId: 'forgotten', line: 4, column: 17 }],
    },
    // An array of promises from map, joined only after another await.
    {
      code: `
        async function fetchPage(n: number): Promise<string> { return String(n); }
        async function fetchIndex(): Promise<string> { return ''; }
        export async function crawl(pages: number[]) {
          const loading = pages.map(async (n) => fetchPage(n));
          const index = await fetchIndex();
          return [index, ...(await Promise.all(loading))];
        }
      `,
      errors: [{ messageId: 'unhandledDuringAwait', line: 5, column: 17 }],
    },
    // In a class static block.
    {
      code: `
        async function loadDefaults(): Promise<object> { return {}; }
        export class Settings {
          static defaults: object = {};
          static {
            const loading = loadDefaults();
            Settings.defaults = { pending: true };
          }
        }
      `,
      errors: [{ messageId: 'forgotten', line: 6, column: 19 }],
    },
  ],
});
