import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type { TSESLint } from '@typescript-eslint/utils';

import type { PromiseOracle } from '../../analysis/promises.js';
import type { TypeInfo } from '../../analysis/type-info.js';

export interface RuleOptions {
  checkStatements: boolean;
  ignoreVoid: boolean;
  ignoreIIFE: boolean;
  checkThenables: boolean;
  allowForKnownSafePromises: TypeOrValueSpecifier[];
  allowForKnownSafeCalls: TypeOrValueSpecifier[];
  checkCallbacks: boolean;
}

export type Options = [Partial<RuleOptions>];

export type MessageIds =
  | 'floating'
  | 'floatingVoid'
  | 'floatingPromiseArray'
  | 'floatingPromiseArrayVoid'
  | 'floatingUselessRejectionHandler'
  | 'floatingUselessRejectionHandlerVoid'
  | 'forgotten'
  | 'unhandledDuringAwait'
  | 'voidCallback'
  | 'floatingFixAwait'
  | 'floatingFixVoid';

export type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/** What every part of the rule shares for one file. */
export interface PartState {
  readonly context: Context;
  readonly options: RuleOptions;
  readonly oracle: PromiseOracle;
  readonly typeInfo: TypeInfo | undefined;
  /** Is this call one of `allowForKnownSafeCalls` (or, untyped, a known safe promise by import)? */
  readonly isKnownSafeCall: (node: import('@typescript-eslint/utils').TSESTree.Node) => boolean;
}
