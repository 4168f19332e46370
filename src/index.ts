/**
 * The plugin object: `meta`, `rules` and flat `configs` that reference the plugin itself.
 *
 * ```js
 * // eslint.config.js
 * import { defineConfig } from 'eslint/config';
 * import asyncGuard from 'eslint-plugin-async-guard';
 * export default defineConfig(asyncGuard.configs.recommended);
 * ```
 */
import { createRequire } from 'node:module';

import type { ESLint, Linter, Rule } from 'eslint';

import { buildConfigs, PLUGIN_NAMESPACE, type ConfigName } from './configs/index.js';
import { rules, type RuleId } from './rules/index.js';

const packageJson = createRequire(import.meta.url)('../package.json') as {
  name: string;
  version: string;
};

/** The published type, in ESLint's own terms, so the plugin fits `defineConfig` as it is. */
export interface AsyncGuardPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<RuleId, Rule.RuleModule>;
  configs: Record<ConfigName, Linter.Config>;
}

/**
 * typescript-eslint's rule type (which the rules are written against) and ESLint's describe the
 * same objects but do not unify, as typescript-eslint documents for its own plugin; the rule
 * table is handed to ESLint's type at this one boundary.
 */
function asEslintRules(table: typeof rules): Record<RuleId, Rule.RuleModule> {
  return table as unknown as Record<RuleId, Rule.RuleModule>;
}

const configs = {} as Record<ConfigName, Linter.Config>;

const plugin: AsyncGuardPlugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace: PLUGIN_NAMESPACE },
  rules: asEslintRules(rules),
  configs,
};

Object.assign(configs, buildConfigs(plugin, rules));

export default plugin;
export type { ConfigName, RuleId };
