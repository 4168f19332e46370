import path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import {
  buildTypescriptEslintCompatConfig,
  TYPESCRIPT_ESLINT_COMPAT_NAME,
} from '../../src/configs/typescript-eslint-compat.js';
import noFloatingPromises from '../../src/rules/no-floating-promises/index.js';
import { fixturesDir } from '../rule-tester.js';

describe('typescript-eslint-compat config', () => {
  it('turns typescript-eslint no-floating-promises off and narrows no-misused-promises, and none of ours on', () => {
    const config = buildTypescriptEslintCompatConfig();
    expect(config.name).toBe(TYPESCRIPT_ESLINT_COMPAT_NAME);
    expect(config.rules).toEqual({
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    });
    expect(Object.keys(config.rules ?? {}).some((id) => id.startsWith('async-guard/'))).toBe(false);
  });

  it('after typescript-eslint type-checked configs, each problem is reported once', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = `
      async function save(_id: string): Promise<void> {}
      export function run(ids: string[], pending: Promise<void>) {
        save('a');
        ids.forEach(async (id) => {
          await save(id);
        });
        if (pending) console.log('still a misused promise');
      }
    `;
    const messages = linter.verify(
      code,
      [
        ...tseslint.configs.recommendedTypeChecked.map((entry) => ({ ...entry, files: ['**/*.ts'] })),
        {
          files: ['**/*.ts'],
          languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fixturesDir } },
          plugins: { 'async-guard': { rules: { 'no-floating-promises': noFloatingPromises as never } } },
          rules: { 'async-guard/no-floating-promises': 'error' },
        },
        { ...buildTypescriptEslintCompatConfig(), files: ['**/*.ts'] },
      ],
      path.join(fixturesDir, 'file.ts'),
    );
    const found = messages.filter((message) => message.ruleId !== '@typescript-eslint/no-unused-vars').map((message) => `${message.ruleId ?? 'fatal'}:${message.line}:${message.messageId ?? message.message}`);
    expect(found.sort()).toEqual(
      [
        'async-guard/no-floating-promises:4:floatingVoid',
        'async-guard/no-floating-promises:5:voidCallback',
        '@typescript-eslint/no-misused-promises:8:conditional',
      ].sort(),
    );
  });
});
