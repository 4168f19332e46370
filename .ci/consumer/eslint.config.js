import { defineConfig } from 'eslint/config';
import asyncGuard from 'eslint-plugin-async-guard';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  asyncGuard.configs.recommended,
);
