// Options schema: defaults validate, junk is rejected.
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-floating-promises/index.js';
import { lintWithOptions } from '../rule-tester.js';

function lint(options: unknown): Linter.LintMessage[] {
  return lintWithOptions('no-floating-promises', rule, [options], 'async function f() {}\nf();\n');
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
