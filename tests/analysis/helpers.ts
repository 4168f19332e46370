/**
 * Runs a probe over a piece of code inside a real ESLint `Linter`, so analysis helpers are
 * unit-tested on the same `SourceCode` (scope manager included) a rule gets.
 */
import parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

export type Probe = (
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
) => TSESLint.RuleListener;

/** Lints `code` (untyped, TypeScript syntax) with a rule whose listeners are `probe`'s. */
export function runProbe(code: string, probe: Probe, filename = 'file.ts'): void {
  const linter = new Linter({ configType: 'flat' });
  const rule = { meta: { type: 'problem' as const, schema: [] }, create: probe };
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.js'],
        languageOptions: { parser, sourceType: 'module' },
        plugins: { probe: { rules: { probe: rule as never } } },
        rules: { 'probe/probe': 'error' },
      },
    ],
    filename,
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`Could not parse the probe's code: ${fatal.message}`);
}

/** Source text of a node, for readable assertions. */
export function textOf(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  node: TSESTree.Node,
): string {
  return context.sourceCode.getText(node);
}
