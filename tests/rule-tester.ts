/**
 * Runs one rule's cases twice: typed (typescript-eslint's project service over
 * `tests/fixtures/tsconfig.json`) and untyped (the same parser without a program, as a
 * JavaScript user or a TypeScript user without `projectService` has it).
 *
 * A valid case is valid in both modes. An invalid case lists `errors` for both modes, or
 * `typed` / `untyped` to say what one mode reports instead; an empty list means that mode
 * reports nothing (for example, a re-export only the type checker can see through).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import parser from '@typescript-eslint/parser';
import {
  RuleTester,
  type InvalidTestCase,
  type RunTests,
  type TestCaseError,
  type ValidTestCase,
} from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export type Mode = 'typed' | 'untyped';

export interface DualInvalidCase<MessageIds extends string, Options extends readonly unknown[]>
  extends Omit<InvalidTestCase<MessageIds, Options>, 'errors'> {
  /** What both modes report, unless `typed` or `untyped` says otherwise. */
  readonly errors?: readonly TestCaseError<MessageIds>[];
  /** What the typed run reports; `[]` means the case is valid with types. */
  readonly typed?: readonly TestCaseError<MessageIds>[];
  /** What the untyped run reports; `[]` means the case is valid without types. */
  readonly untyped?: readonly TestCaseError<MessageIds>[];
}

export interface DualRunTests<MessageIds extends string, Options extends readonly unknown[]> {
  readonly valid: readonly (string | ValidTestCase<Options>)[];
  readonly invalid: readonly DualInvalidCase<MessageIds, Options>[];
}

export const typedRuleTester = new RuleTester({
  languageOptions: {
    parser,
    parserOptions: {
      projectService: true,
      tsconfigRootDir: fixturesDir,
    },
  },
});

export const untypedRuleTester = new RuleTester({
  languageOptions: { parser },
});

/** The cases one mode runs: an invalid case with no errors in that mode becomes valid. */
export function casesForMode<MessageIds extends string, Options extends readonly unknown[]>(
  tests: DualRunTests<MessageIds, Options>,
  mode: Mode,
): RunTests<MessageIds, Options> {
  const valid: (string | ValidTestCase<Options>)[] = [...tests.valid];
  const invalid: InvalidTestCase<MessageIds, Options>[] = [];
  for (const testCase of tests.invalid) {
    const { errors: both, typed, untyped, ...rest } = testCase;
    const errors = (mode === 'typed' ? typed : untyped) ?? both;
    if (errors === undefined) {
      throw new Error(`Test case has no errors for the ${mode} run:\n${testCase.code}`);
    }
    if (errors.length === 0) {
      const { output: _output, ...validCase } = rest;
      valid.push(validCase);
    } else {
      invalid.push({ ...rest, errors });
    }
  }
  return { valid, invalid };
}

/** Runs the cases typed, then untyped. */
export function testRule<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<MessageIds, Options>,
  tests: DualRunTests<MessageIds, Options>,
): void {
  typedRuleTester.run(`${name} (typed)`, rule, casesForMode(tests, 'typed'));
  untypedRuleTester.run(`${name} (untyped)`, rule, casesForMode(tests, 'untyped'));
}

/**
 * Lints `code` (untyped) with one rule configured at `error` with `options`, so schema tests
 * can see what ESLint does with them: an invalid option makes `verify` throw.
 */
export function lintWithOptions(
  name: string,
  rule: TSESLint.RuleModule<string, readonly unknown[]>,
  options: readonly unknown[],
  code = 'export {};',
): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser },
        plugins: { 'async-guard': { rules: { [name]: rule as never } } },
        rules: { [`async-guard/${name}`]: ['error', ...options] as Linter.RuleEntry },
      },
    ],
    'file.ts',
  );
}
