import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-sync-in-async/index.js';
import { lintWithOptions, testRule } from '../rule-tester.js';

testRule('no-sync-in-async', rule, {
  valid: [
    // Top-level module code: a CLI reads its config once at start-up.
    `
      import { readFileSync } from 'node:fs';
      const config = JSON.parse(readFileSync('config.json', 'utf8'));
      export default config;
    `,
    // A plain (non-async) function, such as a constructor or a CLI entry.
    `
      import fs from 'fs';
      export class ConfigService {
        private readonly config: unknown;
        constructor(path: string) {
          this.config = JSON.parse(fs.readFileSync(path, 'utf8'));
        }
        get(): unknown { return this.config; }
      }
    `,
    // Timer and emitter callbacks are not the async context of the function around them.
    `
      import { writeFileSync } from 'node:fs';
      import { EventEmitter } from 'node:events';
      export async function startJournal(bus: EventEmitter, path: string) {
        setTimeout(() => writeFileSync(path, 'tick'), 1000);
        bus.on('flush', () => writeFileSync(path, 'flush'));
        process.on('exit', () => writeFileSync(path, 'bye'));
      }
    `,
    // The promise API is what the rule asks for.
    `
      import fs from 'node:fs';
      import { readFile } from 'node:fs/promises';
      export async function loadUsers(path: string) {
        const raw = await fs.promises.readFile(path, 'utf8');
        const more = await readFile(path + '.bak', 'utf8');
        return [JSON.parse(raw), JSON.parse(more)];
      }
    `,
    // require() is a one-time cost (the module cache).
    `
      export async function loadPlugin(name: string) {
        const plugin = require(name);
        return plugin.init();
      }
    `,
    // A local function that merely shares a name with an API is not that API, and is judged by its body.
    `
      function readFileSync(key: string): string { return key.toUpperCase(); }
      export async function handler(key: string) {
        return readFileSync(key);
      }
    `,
    // A same-file *Sync function whose body does not block is judged by its body, not its name.
    `
      const cache = new Map<string, number>();
      function bumpSync(key: string): number {
        const next = (cache.get(key) ?? 0) + 1;
        cache.set(key, next);
        return next;
      }
      export async function track(key: string) { return bumpSync(key); }
    `,
    // ...also as a method of the enclosing class.
    `
      export class Counter {
        private n = 0;
        incrementSync(): number { return ++this.n; }
        async handle(): Promise<number> { return this.incrementSync(); }
      }
    `,
    // With followCalls: 0 a same-file function is still judged by its body, so it is not reported.
    {
      code: `
        import { readFileSync } from 'fs';
        function loadTemplateSync(name: string) { return readFileSync(name, 'utf8'); }
        export async function render(name: string) { return loadTemplateSync(name); }
      `,
      options: [{ followCalls: 0 }],
    },
    // A plain helper whose blocking call is memoised: a one-time read.
    `
      import { readFileSync } from 'node:fs';
      let schema: string | undefined;
      function getSchema(): string {
        if (!schema) schema = readFileSync('schema.json', 'utf8');
        return schema;
      }
      export async function validate(input: unknown) { return [getSchema(), input]; }
    `,
    `
      import { readFileSync } from 'node:fs';
      let certificate: Buffer | undefined;
      const getCertificate = () => (certificate ??= readFileSync('/etc/tls/cert.pem'));
      export async function connect() { return getCertificate(); }
    `,
    `
      import fs from 'node:fs';
      const templates = new Map<string, string>();
      function template(name: string): string {
        const hit = templates.get(name);
        if (hit) return hit;
        const text = fs.readFileSync(name, 'utf8');
        templates.set(name, text);
        return text;
      }
      export async function renderPage(name: string) { return template(name); }
    `,
    // A cache lookup through a helper that returns early (from vite's resolvePackageData): a one-time cost per key.
    `
      import fs from 'node:fs';
      type PackageCache = Map<string, string>;
      function getPackageCache(cache: PackageCache, name: string, dir: string) { return cache.get(name + dir); }
      function resolvePackageDir(name: string, basedir: string, packageCache?: PackageCache): string | null {
        while (basedir) {
          if (packageCache) {
            const cached = getPackageCache(packageCache, name, basedir);
            if (cached) return cached;
          }
          const pkg = basedir + '/node_modules/' + name;
          if (fs.existsSync(pkg)) { packageCache?.set(name + basedir, pkg); return pkg; }
          basedir = basedir.slice(0, basedir.lastIndexOf('/'));
        }
        return null;
      }
      export async function resolveId(id: string, importer: string, cache: PackageCache) {
        return resolvePackageDir(id, importer, cache);
      }
    `,
    // The helper's blocking call sits in a timer callback: it does not run during the call.
    `
      import fs from 'node:fs';
      function scheduleFlush(path: string) { setTimeout(() => fs.writeFileSync(path, ''), 1000); }
      export async function onRequest(path: string) { scheduleFlush(path); }
    `,
    // An async helper is not followed (its own blocking calls are reported inside it).
    `
      export async function build() {
        await compile();
      }
      async function compile() {
        const { stdout } = await import('node:child_process').then((cp) => cp.spawn('tsc'));
        return stdout;
      }
    `,
    // Followed calls do not go through unknown values or parameters.
    `
      export async function runJob(job: { execute(): void }, steps: Array<() => void>) {
        job.execute();
        for (const step of steps) step();
      }
    `,
    // allow: by name, by qualified name, by package specifier.
    {
      code: `
        import { execSync } from 'node:child_process';
        import fs from 'node:fs';
        export async function gitInfo() {
          const sha = execSync('git rev-parse HEAD').toString();
          return { sha, exists: fs.existsSync('.git') };
        }
      `,
      options: [{ allow: ['execSync', 'fs.existsSync'] }],
    },
    {
      code: `
        import { readFileSync } from 'node:fs';
        export async function readManifest() { return readFileSync('package.json', 'utf8'); }
      `,
      options: [{ allow: [{ from: 'package', package: 'fs', name: 'readFileSync' }] }],
    },
    // allow silences the name heuristic and followed calls too.
    {
      code: `
        import { readJsonSync } from 'fs-extra';
        import { readFileSync } from 'node:fs';
        function loadConfig() { return readFileSync('c.json', 'utf8'); }
        export async function boot() { return [readJsonSync('a.json'), loadConfig()]; }
      `,
      options: [{ allow: ['readJsonSync', 'readFileSync'] }],
    },
    // allow: a qualified name of a *Sync function of a package, and a helper's own name.
    {
      code: `
        import fse from 'fs-extra';
        import { readFileSync } from 'node:fs';
        function loadConfig() { return readFileSync('c.json', 'utf8'); }
        export async function boot() { return [fse.readJsonSync('a.json'), loadConfig()]; }
      `,
      options: [{ allow: ['fs-extra.readJsonSync', 'loadConfig'] }],
    },
    // checkSyncSuffix: false.
    {
      code: `
        import { globSync } from 'glob';
        export async function listSources() { return globSync('src/**/*.ts'); }
      `,
      options: [{ checkSyncSuffix: false }],
    },
    // Names that end in "Sync" but are not synchronous variants: predicates, "sync" as a word, awaited calls.
    `
      export async function replicate(store: { isSync(): boolean; startSync(): Promise<void>; fsync(): void }) {
        if (store.isSync()) return;
        await store.startSync();
        store.fsync();
      }
    `,
    // A *Sync method that returns a promise is not synchronous.
    `
      export async function syncUsers(client: { triggerSync(): Promise<void> }) {
        return client.triggerSync().then(() => 'done');
      }
    `,
    // A *Sync-named function of the project's own modules: typed, judged by its body; untyped, not judged by name.
    `
      import { formatSrcSetSync } from './src/sync-in-async/settings';
      export async function renderImage(srcset: string) {
        return \`<img srcset="\${formatSrcSetSync(srcset)}">\`;
      }
    `,
    // Cheap *Sync APIs of crypto are not blocking work.
    `
      import { randomFillSync, hkdfSync } from 'node:crypto';
      export async function newToken() {
        const bytes = randomFillSync(new Uint8Array(16));
        return [bytes, hkdfSync('sha256', 'key', 'salt', 'info', 32)];
      }
    `,
    // Busy-wait look-alikes: a loop that awaits, calls something, reads the clock through a function, or no clock at all.
    `
      import { setTimeout as sleep } from 'node:timers/promises';
      export async function waitUntil(deadline: number, ready: () => boolean) {
        while (Date.now() < deadline) { await sleep(50); }
        while (Date.now() < deadline) { if (ready()) break; }
        const now = () => Date.now();
        while (now() < deadline) {}
        let spins = 0;
        while (spins < 10) { spins++; }
      }
    `,
    // A busy-wait outside async code is another rule's concern.
    `
      export function spin(ms: number) {
        const end = Date.now() + ms;
        while (Date.now() < end) {}
      }
    `,
    // A local Date shadows the global.
    `
      export async function simulated(Date: { now(): number }, end: number) {
        while (Date.now() < end) {}
      }
    `,
    // Atomics shadowed by a local binding.
    `
      export async function waitOn(Atomics: { wait(a: unknown, b: number, c: number): string }, view: Int32Array) {
        return Atomics.wait(view, 0, 0);
      }
    `,
    // Instance field initializers run at construction, not when the async function runs.
    `
      import { readFileSync } from 'node:fs';
      export async function makeStore() {
        class Store { data = readFileSync('data.json', 'utf8'); }
        return Store;
      }
    `,
    // Odd syntax that must not crash: decorators, using, generators, static blocks, computed members.
    `
      import fs from 'node:fs';
      declare function logged(target: unknown, context: unknown): void;
      export class Service {
        static registry = new Map<string, string>();
        static { Service.registry.set('a', 'b'); }
        @logged
        async run(key: string) {
          using handle = { [Symbol.dispose]() {} };
          const method = 'read' + 'FileSync';
          return [handle, (fs as any)[method]?.(key), Service.registry.get(key)];
        }
        *items() { yield fs.readFileSync('x'); }
      }
    `,
    {
      code: `
        import { readFileSync } from 'node:fs';
        export function Page({ path }: { path: string }) {
          return <pre>{readFileSync(path, 'utf8')}</pre>;
        }
      `,
      filename: 'file.tsx',
    },
    // additionalApis: a method of a class only on that class's instances.
    {
      code: `
        import Database from 'better-sqlite3';
        export async function save(rows: unknown[], cache: { run(x: unknown): void }) {
          for (const row of rows) cache.run(row);
        }
      `,
      options: [{ additionalApis: [{ module: 'better-sqlite3', names: ['Statement#run'], alternative: 'a worker thread' }] }],
    },
  ],
  invalid: [
    // An HTTP handler that reads its template synchronously, three import forms.
    {
      code: `
import fs from 'fs';
export async function handleRequest(req: { url: string }) {
  const page = fs.readFileSync('./views/index.html', 'utf8');
  return page.replace('{{url}}', req.url);
}
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 4,
          column: 16,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
import fs from 'fs';
export async function handleRequest(req: { url: string }) {
  const page = await fs.promises.readFile('./views/index.html', 'utf8');
  return page.replace('{{url}}', req.url);
}
      `,
            },
          ],
        },
      ],
    },
    {
      code: `
import * as fs from 'node:fs';
export const loadUser = async (id: string) => JSON.parse(fs.readFileSync(\`users/\${id}.json\`).toString());
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          column: 58,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
import * as fs from 'node:fs';
export const loadUser = async (id: string) => JSON.parse((await fs.promises.readFile(\`users/\${id}.json\`)).toString());
      `,
            },
          ],
        },
      ],
    },
    // A named import: the suggestion adds the fs/promises import in the file's style.
    {
      code: `
import { writeFileSync as write } from "node:fs";
import path from "node:path";
export async function saveReport(dir: string, report: string) {
  write(path.join(dir, "report.txt"), report);
}
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          column: 3,
          data: { name: 'writeFileSync', alternative: '`await writeFile()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
import { writeFileSync as write } from "node:fs";
import path from "node:path";
import { writeFile } from "node:fs/promises";
export async function saveReport(dir: string, report: string) {
  await writeFile(path.join(dir, "report.txt"), report);
}
      `,
            },
          ],
        },
      ],
    },
    // An existing fs/promises binding is reused.
    {
      code: `
import { readdirSync } from 'fs';
import * as fsp from 'fs/promises';
export async function listJobs(dir: string) {
  await fsp.mkdir(dir, { recursive: true });
  return readdirSync(dir);
}
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 6,
          column: 10,
          data: { name: 'readdirSync', alternative: '`await readdir()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
import { readdirSync } from 'fs';
import * as fsp from 'fs/promises';
export async function listJobs(dir: string) {
  await fsp.mkdir(dir, { recursive: true });
  return await fsp.readdir(dir);
}
      `,
            },
          ],
        },
      ],
    },
    // CommonJS: require and destructuring; the suggestion goes through the required module object.
    {
      code: `
const fs = require('fs');
const { statSync } = require('node:fs');
const cp = require('child_process');
module.exports.deploy = async function deploy(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const info = statSync(dir);
  cp.spawnSync('rsync', ['-a', dir, 'remote:']);
  return info;
};
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 6,
          column: 3,
          data: { name: 'mkdirSync', alternative: '`await mkdir()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
const fs = require('fs');
const { statSync } = require('node:fs');
const cp = require('child_process');
module.exports.deploy = async function deploy(dir) {
  await fs.promises.mkdir(dir, { recursive: true });
  const info = statSync(dir);
  cp.spawnSync('rsync', ['-a', dir, 'remote:']);
  return info;
};
      `,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 7,
          column: 16,
          data: { name: 'statSync', alternative: '`await stat()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
const fs = require('fs');
const { statSync } = require('node:fs');
const cp = require('child_process');
module.exports.deploy = async function deploy(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const info = await fs.promises.stat(dir);
  cp.spawnSync('rsync', ['-a', dir, 'remote:']);
  return info;
};
      `,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 8,
          column: 3,
          data: { name: 'spawnSync', alternative: '`spawn()` from `child_process`' },
          suggestions: [],
        },
      ],
      filename: 'file.js',
    },
    // Existing bindings are reused: a named fs/promises import, and `promises` imported from fs.
    {
      code: `
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promises as fsp } from 'node:fs';
export async function rotate(log: string) {
  const old = readFileSync(log, 'utf8');
  writeFileSync(log + '.1', old);
  return readFile(log, 'utf8');
}
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 6,
          column: 15,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promises as fsp } from 'node:fs';
export async function rotate(log: string) {
  const old = await readFile(log, 'utf8');
  writeFileSync(log + '.1', old);
  return readFile(log, 'utf8');
}
      `,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 7,
          column: 3,
          data: { name: 'writeFileSync', alternative: '`await writeFile()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promises as fsp } from 'node:fs';
export async function rotate(log: string) {
  const old = readFileSync(log, 'utf8');
  await fsp.writeFile(log + '.1', old);
  return readFile(log, 'utf8');
}
      `,
            },
          ],
        },
      ],
    },
    // CommonJS with a required fs/promises; a name already taken gets no new import.
    {
      code: `
const { unlinkSync } = require('fs');
const fsp = require('fs/promises');
exports.cleanup = async (files) => {
  for (const file of files) unlinkSync(file);
  await fsp.rm('tmp', { recursive: true });
};
      `,
      filename: 'file.js',
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          column: 29,
          data: { name: 'unlinkSync', alternative: '`await unlink()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
const { unlinkSync } = require('fs');
const fsp = require('fs/promises');
exports.cleanup = async (files) => {
  for (const file of files) await fsp.unlink(file);
  await fsp.rm('tmp', { recursive: true });
};
      `,
            },
          ],
        },
      ],
    },
    {
      code: `
import { mkdirSync } from 'node:fs';
const mkdir = (dir: string) => dir;
export async function prepare(dir: string) {
  mkdirSync(mkdir(dir), { recursive: true });
}
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          column: 3,
          data: { name: 'mkdirSync', alternative: '`await mkdir()` from `fs/promises`' },
          suggestions: [],
        },
      ],
    },
    // A memoised read written directly in the async function is still reported (only followed helpers are exempt).
    {
      code: `
import { readFileSync } from 'fs';
let config: unknown;
export async function getConfig() {
  if (!config) config = JSON.parse(readFileSync('config.json', 'utf8'));
  return config;
}
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          column: 36,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
import { readFileSync } from 'fs';
import { readFile } from 'fs/promises';
let config: unknown;
export async function getConfig() {
  if (!config) config = JSON.parse(await readFile('config.json', 'utf8'));
  return config;
}
      `,
            },
          ],
        },
      ],
    },
    // No suggestion: existsSync has no drop-in promise form; not where await cannot be written; not for statSync(throwIfNoEntry).
    {
      code: `
import { existsSync, statSync, readFileSync } from 'node:fs';
export async function loadAll(paths: string[]) {
  const present = paths.filter((p) => existsSync(p));
  const stats = present.map((p) => statSync(p, { throwIfNoEntry: false }));
  return present.map((p) => readFileSync(p, 'utf8'));
}
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 4,
          column: 39,
          data: { name: 'existsSync', alternative: '`await access()` (or `stat()`) from `fs/promises`' },
          suggestions: [],
        },
        {
          messageId: 'blockingCall',
          line: 5,
          column: 36,
          data: { name: 'statSync', alternative: '`await stat()` from `fs/promises`' },
          suggestions: [],
        },
        {
          messageId: 'blockingCall',
          line: 6,
          column: 29,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [],
        },
      ],
    },
    // A worker job: execSync, zlib, a CPU-heavy password hash, Atomics.wait.
    {
      code: `
import { execSync } from 'node:child_process';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
export async function processJob(job: { password: string; payload: Buffer; lock: Int32Array }) {
  const version = execSync('git describe').toString().trim();
  const packed = zlib.gzipSync(job.payload);
  const key = crypto.scryptSync(job.password, 'salt', 64);
  Atomics.wait(job.lock, 0, 0);
  return { version, packed, key };
}
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 6,
          column: 19,
          data: { name: 'execSync', alternative: '`exec()` from `child_process` (with `util.promisify`)' },
          suggestions: [],
        },
        {
          messageId: 'blockingCall',
          line: 7,
          column: 18,
          data: {
            name: 'gzipSync',
            alternative: '`gzip()` from `zlib` (with `util.promisify`) or a stream `pipeline()`',
          },
          suggestions: [],
        },
        {
          messageId: 'blockingCall',
          line: 8,
          column: 15,
          data: { name: 'scryptSync', alternative: '`scrypt()` from `crypto` (with `util.promisify`)' },
          suggestions: [],
        },
        {
          messageId: 'blockingCall',
          line: 9,
          column: 3,
          data: { name: 'Atomics.wait', alternative: '`await Atomics.waitAsync(...).value`' },
          suggestions: [],
        },
      ],
    },
    // Deno.*Sync on the global.
    {
      code: `
export async function handler(req: Request): Promise<Response> {
  const body = Deno.readTextFileSync('./index.html');
  return new Response(body);
}
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          column: 16,
          data: { name: 'Deno.readTextFileSync', alternative: '`await Deno.readTextFile()`' },
          suggestions: [],
        },
      ],
    },
    // A local Deno is not the global: only the name heuristic applies.
    {
      code: `
export async function denoLike(Deno: { readTextFileSync(p: string): string }) {
  return Deno.readTextFileSync('x');
}
      `,
      errors: [{ messageId: 'syncSuffix', line: 3, column: 10, data: { name: 'readTextFileSync' } }],
    },
    // An async emitter callback is async context of its own; sync callbacks inside an async function are its context.
    {
      code: `
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
export function watchConfig(bus: EventEmitter) {
  bus.on('reload', async (path: string) => {
    const text = readFileSync(path, 'utf8');
    return text;
  });
}
export async function warmUp(paths: string[]) {
  return new Promise((resolve) => resolve(paths.map((p) => readFileSync(p))));
}
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 6,
          column: 18,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
export function watchConfig(bus: EventEmitter) {
  bus.on('reload', async (path: string) => {
    const text = await readFile(path, 'utf8');
    return text;
  });
}
export async function warmUp(paths: string[]) {
  return new Promise((resolve) => resolve(paths.map((p) => readFileSync(p))));
}
      `,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 11,
          column: 60,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [],
        },
      ],
    },
    // The name heuristic: a *Sync call of a library.
    {
      code: `
import fse from 'fs-extra';
import { globSync } from 'glob';
import bcrypt from 'bcryptjs';
export async function register(user: { password: string }) {
  const settings = fse.readJsonSync('settings.json');
  const files = globSync('uploads/*');
  const hash = bcrypt.hashSync(user.password, 12);
  return { settings, files, hash };
}
      `,
      errors: [
        { messageId: 'syncSuffix', line: 6, column: 20, data: { name: 'readJsonSync' } },
        { messageId: 'syncSuffix', line: 7, column: 17, data: { name: 'globSync' } },
        { messageId: 'syncSuffix', line: 8, column: 16, data: { name: 'hashSync' } },
      ],
    },
    // Following calls into a plain same-file helper (function declaration, const arrow, this.m()).
    {
      code: `
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
function loadConfig(path: string) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
const gitSha = () => execFileSync('git', ['rev-parse', 'HEAD']).toString();
export class ReleaseService {
  private manifest(dir: string) { return readFileSync(dir + '/package.json', 'utf8'); }
  async release(dir: string) {
    const config = loadConfig(dir + '/release.json');
    const sha = gitSha();
    return [config, sha, this.manifest(dir)];
  }
}
      `,
      errors: [
        { messageId: 'blockingCallee', line: 11, column: 20, data: { callee: 'loadConfig', blockingCall: 'readFileSync' } },
        { messageId: 'blockingCallee', line: 12, column: 17, data: { callee: 'gitSha', blockingCall: 'execFileSync' } },
        { messageId: 'blockingCallee', line: 13, column: 26, data: { callee: 'this.manifest', blockingCall: 'readFileSync' } },
      ],
    },
    // Typed: a method of a class of this file called on an instance (not through this).
    {
      code: `
import { readFileSync } from 'node:fs';
class TemplateStore {
  load(name: string) { return readFileSync(\`views/\${name}.html\`, 'utf8'); }
}
const store = new TemplateStore();
export async function render(name: string) {
  return store.load(name);
}
      `,
      typed: [{ messageId: 'blockingCallee', line: 8, column: 10, data: { callee: 'store.load', blockingCall: 'readFileSync' } }],
      untyped: [],
    },
    // followCalls depth: one hop by default, two with followCalls: 2.
    {
      code: `
import { readFileSync } from 'node:fs';
function readRaw(path: string) { return readFileSync(path, 'utf8'); }
function loadConfig(path: string) { return JSON.parse(readRaw(path)); }
export async function boot() { return loadConfig('app.json'); }
      `,
      options: [{ followCalls: 2 }],
      errors: [{ messageId: 'blockingCallee', line: 5, column: 39, data: { callee: 'loadConfig', blockingCall: 'readFileSync' } }],
    },
    // A blocking call takes priority over the name heuristic and over followed calls.
    {
      code: `
import { readFileSync } from 'node:fs';
function loadSync(path: string) { return readFileSync(path, 'utf8'); }
export async function boot() { return loadSync('app.json'); }
      `,
      errors: [{ messageId: 'blockingCallee', line: 4, column: 39, data: { callee: 'loadSync', blockingCall: 'readFileSync' } }],
    },
    // Busy-wait forms, reported at the loop's test.
    {
      code: `
export async function throttle(ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {}
  const start = performance.now();
  do { /* spin */ } while (performance.now() - start < ms);
  const deadline = process.hrtime.bigint() + BigInt(ms) * 1_000_000n;
  for (let spins = 0; process.hrtime.bigint() < deadline; spins++);
}
      `,
      errors: [
        { messageId: 'busyWait', line: 4, column: 10 },
        { messageId: 'busyWait', line: 6, column: 28 },
        { messageId: 'busyWait', line: 8, column: 23 },
      ],
    },
    // additionalApis: a module function and a Class#method one hop from its constructor.
    {
      code: `
import Database from 'better-sqlite3';
import { renderSync } from 'sass';
export async function saveOrder(order: { id: string }) {
  const db = new Database('orders.db');
  db.exec('BEGIN');
  const css = renderSync({ file: 'a.scss' });
  return css;
}
      `,
      options: [
        {
          additionalApis: [
            { module: 'better-sqlite3', names: ['Database#exec'], alternative: 'a worker thread' },
            { module: 'sass', names: ['renderSync'], alternative: '`await compileAsync()`' },
          ],
          checkSyncSuffix: false,
        },
      ],
      errors: [
        { messageId: 'blockingCall', line: 6, column: 3, data: { name: 'Database#exec', alternative: 'a worker thread' } },
        { messageId: 'blockingCall', line: 7, column: 15, data: { name: 'renderSync', alternative: '`await compileAsync()`' } },
      ],
    },
    // Typed only: a re-export under another name, and typed followCalls into another file of the program.
    {
      code: `
import { readText, nodeFs } from './src/utils/fs-wrapper';
import { loadConfig, parseConfig } from './src/utils/config';
export async function start(path: string) {
  const raw = readText(path, 'utf8');
  const again = nodeFs.readFileSync(path, 'utf8');
  return [parseConfig(raw), loadConfig(path), again];
}
      `,
      typed: [
        {
          messageId: 'blockingCall',
          line: 5,
          column: 15,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [],
        },
        {
          messageId: 'blockingCall',
          line: 6,
          column: 17,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [],
        },
        { messageId: 'blockingCallee', line: 7, column: 29, data: { callee: 'loadConfig', blockingCall: 'readFileSync' } },
      ],
      untyped: [{ messageId: 'syncSuffix', line: 6, column: 17, data: { name: 'readFileSync' } }],
    },
    // Typed followCalls: memoised helpers of another file are not reported; two hops need followCalls: 2.
    {
      code: `
import { readSettingsOnce, loadTemplate, loadConfigDeep, scheduleFlush, SettingsStore, type Reader } from './src/sync-in-async/settings';
export async function page(store: SettingsStore, reader: Reader) {
  readSettingsOnce('s.json');
  loadTemplate('home');
  scheduleFlush('log.txt');
  reader.read('x');
  store.read('y');
  return loadConfigDeep('deep.json');
}
      `,
      options: [{ followCalls: 2 }],
      typed: [
        { messageId: 'blockingCallee', line: 8, column: 3, data: { callee: 'store.read', blockingCall: 'readFileSync' } },
        { messageId: 'blockingCallee', line: 9, column: 10, data: { callee: 'loadConfigDeep', blockingCall: 'readFileSync' } },
      ],
      untyped: [],
    },
    // additionalApis Class#method, typed: the receiver's type is that class of that module (two hops from the
    // constructor, which the untyped one-hop origin does not reach).
    {
      code: `
import Database from 'sync-sqlite';
const db = new Database('jobs.db');
const insert = db.prepare('INSERT INTO jobs VALUES (?)');
export async function enqueue(job: string) {
  insert.run(job);
  db.exec('VACUUM');
}
      `,
      options: [
        {
          additionalApis: [
            { module: 'sync-sqlite', names: ['Statement#run', 'Database#exec'], alternative: 'a worker thread' },
          ],
        },
      ],
      typed: [
        { messageId: 'blockingCall', line: 6, column: 3, data: { name: 'Statement#run', alternative: 'a worker thread' } },
        { messageId: 'blockingCall', line: 7, column: 3, data: { name: 'Database#exec', alternative: 'a worker thread' } },
      ],
      untyped: [
        { messageId: 'blockingCall', line: 7, column: 3, data: { name: 'Database#exec', alternative: 'a worker thread' } },
      ],
    },
    // allow with a file specifier is checked only with types.
    {
      code: `
import { readFileSync } from 'node:fs';
export async function readBanner() { return readFileSync('banner.txt', 'utf8'); }
      `,
      options: [{ allow: [{ from: 'lib', name: 'readFileSync' }] }],
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          column: 45,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function readBanner() { return await readFile('banner.txt', 'utf8'); }
      `,
            },
          ],
        },
      ],
    },
    // Odd syntax inside async code: optional call, computed member, class field arrow, await using, async generator.
    {
      code: `
import fs from 'node:fs';
export class Uploader {
  onFile = async (p: string) => fs['readFileSync'](p);
  async *chunks(p: string) {
    await using _lock = { async [Symbol.asyncDispose]() {} };
    yield fs.readFileSync?.(p);
  }
}
      `,
      errors: [
        {
          messageId: 'blockingCall',
          line: 4,
          column: 33,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
import fs from 'node:fs';
export class Uploader {
  onFile = async (p: string) => await fs.promises.readFile(p);
  async *chunks(p: string) {
    await using _lock = { async [Symbol.asyncDispose]() {} };
    yield fs.readFileSync?.(p);
  }
}
      `,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 7,
          column: 11,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [],
        },
      ],
    },
    // JSX in an async server component.
    {
      code: `
import { readFileSync } from 'node:fs';
export default async function Post({ slug }: { slug: string }) {
  return <article>{readFileSync(\`posts/\${slug}.md\`, 'utf8')}</article>;
}
      `,
      filename: 'file.tsx',
      errors: [
        {
          messageId: 'blockingCall',
          line: 4,
          column: 20,
          data: { name: 'readFileSync', alternative: '`await readFile()` from `fs/promises`' },
          suggestions: [
            {
              messageId: 'useAsyncAlternative',
              output: `
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export default async function Post({ slug }: { slug: string }) {
  return <article>{await readFile(\`posts/\${slug}.md\`, 'utf8')}</article>;
}
      `,
            },
          ],
        },
      ],
    },
  ],
});

describe('no-sync-in-async options schema', () => {
  const lint = (options: unknown): Linter.LintMessage[] => lintWithOptions('no-sync-in-async', rule, [options]);

  it('accepts the documented options', () => {
    expect(
      lint({
        allow: ['readFileSync', { from: 'package', package: 'fs', name: ['existsSync'] }],
        additionalApis: [{ module: 'better-sqlite3', names: ['Statement#run'], alternative: 'a worker' }],
        checkSyncSuffix: false,
        followCalls: 3,
      }),
    ).toEqual([]);
  });

  it.each([
    [{ followCalls: 9 }],
    [{ followCalls: -1 }],
    [{ followCalls: 1.5 }],
    [{ bogus: 1 }],
    [{ checkSyncSuffix: 'yes' }],
    [{ allow: [{ from: 'npm', name: 'x' }] }],
    [{ additionalApis: [{ module: 'x', names: [] , alternative: 'y' }] }],
    [{ additionalApis: [{ module: 'x', names: ['a'] }] }],
  ])('rejects %j', (options) => {
    expect(() => lint(options)).toThrow(/guard\/no-sync-in-async/);
  });
});
