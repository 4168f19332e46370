/**
 * Every rule of the plugin, by id. The configs are built from this table and from each
 * rule's own `meta.docs`; `npm run new-rule -- <id>` adds a line here.
 */
import type { TSESLint } from '@typescript-eslint/utils';

import type { AsyncGuardDocs } from '../utils/create-rule.js';
import noAbortedSignalInCleanup from './no-aborted-signal-in-cleanup.js';
import noFloatingPromises from './no-floating-promises/index.js';
import noSwallowedAbortError from './no-swallowed-abort-error/index.js';
import noSyncInAsync from './no-sync-in-async/index.js';
import requireSignalForwarding from './require-signal-forwarding/index.js';

export type AnyAsyncGuardRule = TSESLint.RuleModule<string, readonly unknown[], AsyncGuardDocs>;

export const rules = {
  // 1. Blocking I/O stays off the event loop.
  'no-sync-in-async': noSyncInAsync,
  // 2. Cancellation reaches every task and is never swallowed.
  'require-signal-forwarding': requireSignalForwarding,
  'no-swallowed-abort-error': noSwallowedAbortError,
  'no-aborted-signal-in-cleanup': noAbortedSignalInCleanup,
  // 4. No promise floats.
  'no-floating-promises': noFloatingPromises,
  // new-rule: insert above
} satisfies Record<string, AnyAsyncGuardRule>;

export type RuleId = keyof typeof rules;
