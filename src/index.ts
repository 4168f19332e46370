/**
 * The plugin object: `meta`, `rules` and flat `configs` that reference the plugin itself.
 *
 * ```js
 * // eslint.config.js
 * import asyncGuard from 'eslint-plugin-async-guard';
 * export default [asyncGuard.configs.recommended];
 * ```
 */
import { createRequire } from 'node:module';

import type { TSESLint } from '@typescript-eslint/utils';

import { buildConfigs, PLUGIN_NAMESPACE, type ConfigName } from './configs/index.js';
import { rules } from './rules/index.js';

const packageJson = createRequire(import.meta.url)('../package.json') as {
  name: string;
  version: string;
};

interface AsyncGuardPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

const plugin: AsyncGuardPlugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace: PLUGIN_NAMESPACE },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};

Object.assign(plugin.configs, buildConfigs(plugin, rules));

export default plugin;
export type { ConfigName };
