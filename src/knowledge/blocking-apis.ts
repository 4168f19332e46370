/**
 * Synchronous APIs that block the event loop (checklist item 1), with the non-blocking
 * alternative each report names. Data only: this file imports nothing of ours.
 *
 * `promiseForm` marks the entries whose `fs/promises` function takes the same arguments
 * and resolves to the same value, so `readFileSync(p)` may be rewritten as
 * `await readFile(p)` (the `useAsyncAlternative` suggestion). Checked one by one against
 * `@types/node`'s `fs/promises.d.ts`: the `fd`-based functions (`openSync` returns a number,
 * `open` a `FileHandle`), `existsSync` (no promise form), `globSync` (the promise `glob` is an
 * async iterator) and `mkdtempDisposableSync` (a different disposable) have none.
 */

export interface BlockingApi {
  /** Module specifier without `node:` (`fs`), or absent for a global. */
  readonly module?: string;
  /** Global object the function hangs off (`Atomics`, `Deno`). */
  readonly global?: string;
  /** The function's name (`readFileSync`, `wait`). */
  readonly name: string;
  /** Property path below the module or global, when it is not just `[name]`. */
  readonly path?: readonly string[];
  /** The non-blocking alternative, as the message shows it (Markdown code spans). */
  readonly alternative: string;
  /** The same-arguments, same-result function of `fs/promises`, when there is one. */
  readonly promiseForm?: string;
}

/** `fs` functions whose `fs/promises` counterpart of the same name (without `Sync`) is a drop-in. */
const FS_WITH_PROMISE_FORM = [
  'accessSync',
  'appendFileSync',
  'chmodSync',
  'chownSync',
  'copyFileSync',
  'cpSync',
  'lchmodSync',
  'lchownSync',
  'linkSync',
  'lstatSync',
  'lutimesSync',
  'mkdirSync',
  'mkdtempSync',
  'opendirSync',
  'readFileSync',
  'readdirSync',
  'readlinkSync',
  'realpathSync',
  'renameSync',
  'rmSync',
  'rmdirSync',
  'statSync',
  'statfsSync',
  'symlinkSync',
  'truncateSync',
  'unlinkSync',
  'utimesSync',
  'writeFileSync',
] as const;

/** `fs` functions on file descriptors: the promise API works on a `FileHandle` instead. */
const FS_FD_FUNCTIONS = [
  'closeSync',
  'fchmodSync',
  'fchownSync',
  'fdatasyncSync',
  'fstatSync',
  'fsyncSync',
  'ftruncateSync',
  'futimesSync',
  'openSync',
  'readSync',
  'readvSync',
  'writeSync',
  'writevSync',
] as const;

const withoutSync = (name: string): string => name.slice(0, -'Sync'.length);

const FS_APIS: readonly BlockingApi[] = [
  ...FS_WITH_PROMISE_FORM.map(
    (name): BlockingApi => ({
      module: 'fs',
      name,
      alternative: `\`await ${withoutSync(name)}()\` from \`fs/promises\``,
      promiseForm: withoutSync(name),
    }),
  ),
  ...FS_FD_FUNCTIONS.map(
    (name): BlockingApi => ({
      module: 'fs',
      name,
      alternative: `a \`FileHandle\` from \`await open()\` of \`fs/promises\``,
    }),
  ),
  { module: 'fs', name: 'existsSync', alternative: '`await access()` (or `stat()`) from `fs/promises`' },
  { module: 'fs', name: 'globSync', alternative: '`for await` over `glob()` from `fs/promises`' },
  {
    module: 'fs',
    name: 'mkdtempDisposableSync',
    alternative: '`await using` with `mkdtempDisposable()` from `fs/promises`',
  },
  {
    module: 'fs',
    name: 'native',
    path: ['realpathSync', 'native'],
    alternative: '`await realpath()` from `fs/promises`',
  },
];

const CHILD_PROCESS_APIS: readonly BlockingApi[] = [
  { module: 'child_process', name: 'execSync', alternative: '`exec()` from `child_process` (with `util.promisify`)' },
  {
    module: 'child_process',
    name: 'execFileSync',
    alternative: '`execFile()` from `child_process` (with `util.promisify`)',
  },
  { module: 'child_process', name: 'spawnSync', alternative: '`spawn()` from `child_process`' },
];

const ZLIB_SYNC = [
  'brotliCompressSync',
  'brotliDecompressSync',
  'deflateRawSync',
  'deflateSync',
  'gunzipSync',
  'gzipSync',
  'inflateRawSync',
  'inflateSync',
  'unzipSync',
  'zstdCompressSync',
  'zstdDecompressSync',
] as const;

const ZLIB_APIS: readonly BlockingApi[] = ZLIB_SYNC.map(
  (name): BlockingApi => ({
    module: 'zlib',
    name,
    alternative: `\`${withoutSync(name)}()\` from \`zlib\` (with \`util.promisify\`) or a stream \`pipeline()\``,
  }),
);

/** The CPU-heavy key derivation and key generation functions of `crypto`. */
const CRYPTO_SYNC = [
  'argon2Sync',
  'checkPrimeSync',
  'generateKeyPairSync',
  'generateKeySync',
  'generatePrimeSync',
  'pbkdf2Sync',
  'scryptSync',
] as const;

const CRYPTO_APIS: readonly BlockingApi[] = CRYPTO_SYNC.map(
  (name): BlockingApi => ({
    module: 'crypto',
    name,
    alternative: `\`${withoutSync(name)}()\` from \`crypto\` (with \`util.promisify\`)`,
  }),
);

/** `Deno.*Sync` functions; any other `Deno.xSync` is found by name, with the same shape of alternative. */
export const DENO_SYNC_NAMES: readonly string[] = [
  'chmodSync',
  'chownSync',
  'copyFileSync',
  'createSync',
  'linkSync',
  'lstatSync',
  'makeTempDirSync',
  'makeTempFileSync',
  'mkdirSync',
  'openSync',
  'readDirSync',
  'readFileSync',
  'readLinkSync',
  'readTextFileSync',
  'realPathSync',
  'removeSync',
  'renameSync',
  'statSync',
  'symlinkSync',
  'truncateSync',
  'utimeSync',
  'writeFileSync',
  'writeTextFileSync',
];

/** The alternative a `Deno.<name>` blocking call's message names. */
export function denoAlternative(name: string): string {
  return `\`await Deno.${withoutSync(name)}()\``;
}

const GLOBAL_APIS: readonly BlockingApi[] = [
  { global: 'Atomics', name: 'wait', alternative: '`await Atomics.waitAsync(...).value`' },
  ...DENO_SYNC_NAMES.map((name): BlockingApi => ({ global: 'Deno', name, alternative: denoAlternative(name) })),
];

/** Every built-in blocking API. */
export const BLOCKING_APIS: readonly BlockingApi[] = [
  ...FS_APIS,
  ...CHILD_PROCESS_APIS,
  ...ZLIB_APIS,
  ...CRYPTO_APIS,
  ...GLOBAL_APIS,
];

/** The property path of an entry below its module or global. */
export function apiPath(api: BlockingApi): readonly string[] {
  return api.path ?? [api.name];
}

/** `fs.readFileSync`, `Atomics.wait`, `fs.realpathSync.native`: the qualified name `allow` matches. */
export function qualifiedName(api: BlockingApi): string {
  return [api.module ?? api.global, ...apiPath(api)].join('.');
}

/**
 * Node functions whose name ends in `Sync` but that do not block in any way that matters:
 * the `syncSuffix` name heuristic leaves them alone. `randomFillSync` fills a buffer from
 * the entropy pool, `hkdfSync` is one HMAC pass.
 */
export const CHEAP_SYNC_APIS: readonly { readonly module: string; readonly name: string }[] = [
  { module: 'crypto', name: 'hkdfSync' },
  { module: 'crypto', name: 'randomFillSync' },
];

/** The clock reads that make an empty loop a busy-wait: `object.method` (`process.hrtime` also as `.bigint`). */
export const CLOCK_READS: readonly (readonly [string, string])[] = [
  ['Date', 'now'],
  ['performance', 'now'],
  ['process', 'hrtime'],
];
