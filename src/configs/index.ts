/**
 * The flat configs, built from the rules' own `meta.docs.recommended`, never from
 * hand-written lists. Each references the plugin object it belongs to.
 */
import type { ESLint, Linter } from 'eslint';

import type { AnyAsyncGuardRule } from '../rules/index.js';
import { buildTypescriptEslintCompatConfig } from './typescript-eslint-compat.js';

export const PLUGIN_NAMESPACE = 'async-guard';

export type ConfigName = 'recommended' | 'strict' | 'all' | 'typescript-eslint-compat';

/**
 * Builds every config for `plugin`, whose rules are `rules`. `typescript-eslint-compat` turns
 * none of our rules on: it adjusts typescript-eslint's rules so no problem is reported twice.
 */
export function buildConfigs(
  plugin: ESLint.Plugin,
  rules: Readonly<Record<string, AnyAsyncGuardRule>>,
): Record<ConfigName, Linter.Config> {
  const entries = Object.entries(rules);
  const config = (
    name: ConfigName,
    pick: (rule: AnyAsyncGuardRule) => Linter.RuleEntry | undefined,
  ): Linter.Config => {
    const ruleEntries: Linter.RulesRecord = {};
    for (const [id, rule] of entries) {
      const entry = pick(rule);
      if (entry !== undefined) ruleEntries[`${PLUGIN_NAMESPACE}/${id}`] = entry;
    }
    return {
      name: `${PLUGIN_NAMESPACE}/${name}`,
      plugins: { [PLUGIN_NAMESPACE]: plugin },
      rules: ruleEntries,
    };
  };

  return {
    recommended: config('recommended', (rule) =>
      rule.meta.docs?.recommended?.recommended ? 'error' : undefined,
    ),
    strict: config('strict', (rule) => {
      const strictOptions = rule.meta.docs?.recommended?.strict;
      return strictOptions && strictOptions.length > 0 ? ['error', ...strictOptions] : 'error';
    }),
    all: config('all', () => 'error'),
    'typescript-eslint-compat': buildTypescriptEslintCompatConfig(),
  };
}
