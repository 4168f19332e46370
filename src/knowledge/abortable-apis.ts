/**
 * APIs that take an `AbortSignal`, as data (RULES.md, `require-signal-forwarding`: the
 * untyped table). Typed, a rule reads the callee's own parameter types instead; this table is
 * what it knows without a type checker, found by module origin.
 */

/** Where an API takes its signal. */
export interface AbortableApi {
  /** Module specifier without `node:`, or `undefined` for a global. */
  readonly module?: string;
  /** A global function (`fetch`). */
  readonly global?: string;
  /** Property path below the module or global (`['setTimeout']`, `['EventEmitter', 'once']`). */
  readonly path: readonly string[];
  /** Qualified name for messages. */
  readonly name: string;
  /**
   * Index of the options parameter that has a `signal` property, or `'last'` when the options
   * come after a variable number of arguments (`pipeline(...streams, options)`).
   */
  readonly optionsIndex: number | 'last';
  /**
   * A method of the API's result rather than the API itself (one hop, RULES.md "Module
   * origin"): `createInterface(...)` → `rl.question(query, { signal })`.
   */
  readonly resultMethod?: string;
}

export const ABORTABLE_APIS: readonly AbortableApi[] = [
  { global: 'fetch', path: [], name: 'fetch', optionsIndex: 1 },
  { module: 'timers/promises', path: ['setTimeout'], name: 'setTimeout', optionsIndex: 2 },
  { module: 'timers/promises', path: ['setInterval'], name: 'setInterval', optionsIndex: 2 },
  { module: 'timers', path: ['promises', 'setTimeout'], name: 'setTimeout', optionsIndex: 2 },
  { module: 'timers', path: ['promises', 'setInterval'], name: 'setInterval', optionsIndex: 2 },
  { module: 'events', path: ['once'], name: 'once', optionsIndex: 2 },
  { module: 'events', path: ['on'], name: 'on', optionsIndex: 2 },
  { module: 'events', path: ['EventEmitter', 'once'], name: 'EventEmitter.once', optionsIndex: 2 },
  { module: 'events', path: ['EventEmitter', 'on'], name: 'EventEmitter.on', optionsIndex: 2 },
  { module: 'stream/promises', path: ['pipeline'], name: 'pipeline', optionsIndex: 'last' },
  { module: 'stream/promises', path: ['finished'], name: 'finished', optionsIndex: 1 },
  { module: 'stream', path: ['promises', 'pipeline'], name: 'pipeline', optionsIndex: 'last' },
  { module: 'stream', path: ['promises', 'finished'], name: 'finished', optionsIndex: 1 },
  {
    module: 'readline/promises',
    path: ['createInterface'],
    name: 'question',
    optionsIndex: 1,
    resultMethod: 'question',
  },
];

/** Property names under which an options object carries its signal (typed mode reads the type). */
export const SIGNAL_PROPERTY = 'signal';

/** Modules whose calls are bounded local I/O: not reported for a missing signal. */
export const BOUNDED_IO_MODULES: readonly string[] = ['fs', 'fs/promises'];
