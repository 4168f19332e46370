// Options schema: defaults validate, junk is rejected.
import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-floating-promises/index.js';

function lint(options: unknown): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    'async function f() {}\nf();\n',
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser },
        plugins: { 'async-guard': { rules: { 'no-floating-promises': rule as never } } },
        rules: { 'async-guard/no-floating-promises': ['error', options] as Linter.RuleEntry },
      },
    ],
    'file.ts',
  );
}

describe('no-floating-promises options', () => {
  it('accepts its defaults and every documented option', () => {
    const [defaults] = rule.meta.defaultOptions ?? [];
    expect(lint(defaults).map((message) => message.messageId)).toEqual(['floatingVoid']);
    expect(
      lint({
        checkStatements: true,
        ignoreVoid: false,
        ignoreIIFE: true,
        checkThenables: true,
        allowForKnownSafePromises: ['SafePromise', { from: 'lib', name: 'PromiseLike' }],
        allowForKnownSafeCalls: [{ from: 'package', name: ['it', 'describe'], package: 'node:test' }],
        checkCallbacks: false,
      }).map((message) => message.messageId),
    ).toEqual(['floating']);
  });

  it.each([
    [{ bogus: 1 }],
    [{ ignoreVoid: 'yes' }],
    [{ allowForKnownSafeCalls: [{ from: 'package', name: 'it' }] }],
    [{ allowForKnownSafePromises: [42] }],
    [{ checkCallbacks: null }],
  ])('rejects %j', (options) => {
    expect(() => lint(options)).toThrow(/Key "async-guard\/no-floating-promises"/u);
  });
});
