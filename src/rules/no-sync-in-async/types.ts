import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';

import type { BlockingApi } from '../../knowledge/blocking-apis.js';

export interface AdditionalApi {
  /** Module (package) specifier, without `node:`. */
  readonly module: string;
  /** Functions of the module, or `Class#method` instance methods. */
  readonly names: readonly string[];
  /** The non-blocking alternative the message names. */
  readonly alternative: string;
}

export type Options = [
  {
    allow?: TypeOrValueSpecifier[];
    additionalApis?: AdditionalApi[];
    checkSyncSuffix?: boolean;
    followCalls?: number;
  },
];

export type MessageIds = 'blockingCall' | 'blockingCallee' | 'busyWait' | 'syncSuffix' | 'useAsyncAlternative';

/** What a found blocking call is. */
export interface Blocking {
  /** The name the message shows: `readFileSync`, `Atomics.wait`, `Statement#run`. */
  readonly name: string;
  /** Module or global, when known (`fs`, `Atomics`, `better-sqlite3`). */
  readonly owner: string | undefined;
  readonly alternative: string;
  /** The built-in entry, when the call is one (for the suggestion). */
  readonly api?: BlockingApi;
}

/** Module-origin info of the APIs `findApiCalls` looks for. */
export type SpecInfo =
  | { readonly kind: 'api'; readonly api: BlockingApi }
  | { readonly kind: 'cheap'; readonly name: string }
  | { readonly kind: 'extra'; readonly blocking: Blocking }
  | { readonly kind: 'class'; readonly module: string; readonly extra: AdditionalApi };
