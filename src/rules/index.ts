/**
 * Every rule of the plugin, by id. The configs are built from this table and from each
 * rule's own `meta.docs`; `npm run new-rule -- <id>` adds a line here.
 */
import type { TSESLint } from '@typescript-eslint/utils';

import type { AsyncGuardDocs } from '../utils/create-rule.js';
import noFloatingPromises from './no-floating-promises/index.js';
import noSyncInAsync from './no-sync-in-async/index.js';

export type AnyAsyncGuardRule = TSESLint.RuleModule<string, readonly unknown[], AsyncGuardDocs>;

export const rules = {
  'no-sync-in-async': noSyncInAsync,
  'no-floating-promises': noFloatingPromises,
  // new-rule: insert above
} satisfies Record<string, AnyAsyncGuardRule>;

export type RuleId = keyof typeof rules;
