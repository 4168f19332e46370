// @ts-check
// Self-lint: typescript-eslint's strict type-checked rules and eslint-plugin-eslint-plugin.
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/', 'coverage/', 'node_modules/', 'tests/fixtures/', 'examples/', 'docs/', '.ci/', '.vitest/'],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    extends: [eslintPlugin.configs['rules-recommended']],
    rules: {
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce|Prefer)' }],
      // createRule adds the URL; tests/plugin.test.ts checks it for every rule.
      'eslint-plugin/require-meta-docs-url': 'off',
      'eslint-plugin/require-meta-schema-default': 'off',
      'eslint-plugin/require-meta-default-options': 'error',
      'eslint-plugin/prefer-message-ids': 'error',
      'eslint-plugin/require-meta-has-suggestions': 'error',
      'eslint-plugin/no-property-in-node': 'error',
    },
  },
  {
    files: ['tests/**/*.ts'],
    extends: [eslintPlugin.configs['tests-recommended']],
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
);
