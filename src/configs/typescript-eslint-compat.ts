/**
 * `async-guard/typescript-eslint-compat` (RULES.md, "Configs"): placed after typescript-eslint's
 * type-checked configs, it keeps one problem from being reported twice.
 *
 * - `@typescript-eslint/no-floating-promises` is turned off: `async-guard/no-floating-promises`
 *   reports everything it does, with the same options and message ids.
 * - `@typescript-eslint/no-misused-promises` keeps its other checks, but no longer checks
 *   callbacks passed as arguments (`checksVoidReturn.arguments: false`): our `voidCallback`
 *   covers them, without reporting callbacks that cannot reject.
 *
 * It turns none of our rules on. Users who keep typescript-eslint's rule set
 * `checkStatements: false` on ours instead.
 */
import type { Linter } from 'eslint';

/** Spelled out (not imported from `./index.js`, which will import this file). */
export const TYPESCRIPT_ESLINT_COMPAT_NAME = 'async-guard/typescript-eslint-compat';

/** The rule entries of the config, for tests and docs. */
export const typescriptEslintCompatRules: Readonly<Linter.RulesRecord> = Object.freeze({
  '@typescript-eslint/no-floating-promises': 'off',
  '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }] as Linter.RuleEntry,
});

/**
 * The config. It names no plugin: typescript-eslint's config, placed before it, registers the
 * `@typescript-eslint` plugin these rules belong to.
 */
export function buildTypescriptEslintCompatConfig(): Linter.Config {
  return {
    name: TYPESCRIPT_ESLINT_COMPAT_NAME,
    rules: { ...typescriptEslintCompatRules },
  };
}
