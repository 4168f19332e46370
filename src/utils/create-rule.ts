import { ESLintUtils } from '@typescript-eslint/utils';

/** Where the rule pages live; `docs/rules/<id>.md` ships in the package too. */
export const DOCS_BASE_URL =
  'https://github.com/eslint-plugin-async-guard/eslint-plugin-async-guard/blob/main/docs/rules/';

/**
 * The plugin's own `meta.docs` fields, beside ESLint's `description` and `url`.
 *
 * - `recommended`: typescript-eslint's per-config shape. `recommended: true` puts the rule in
 *   the `recommended` config; `strict` holds the options the `strict` config sets.
 * - `requiresTypeChecking`: always `false`. To typescript-eslint users `true` means "throws
 *   without types", and no rule of ours does.
 * - `typeAware`: the rule is more precise with type information.
 */
export interface AsyncGuardDocs {
  recommended?: {
    recommended?: true;
    strict?: readonly unknown[];
  };
  requiresTypeChecking: false;
  typeAware?: boolean;
  /** Set by `createRule` from the rule's name; a rule never writes it. */
  url?: never;
}

export const createRule = ESLintUtils.RuleCreator<AsyncGuardDocs>(
  (name) => `${DOCS_BASE_URL}${name}.md`,
);

/** The rule module type every rule file's default export has. */
export type AsyncGuardRule = ReturnType<typeof createRule>;
