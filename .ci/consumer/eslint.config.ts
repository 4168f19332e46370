// Not loaded by ESLint here (eslint.config.js is); type-checked to prove the published types fit
// ESLint's defineConfig, for users who write their config in TypeScript.
import { defineConfig } from 'eslint/config';
import asyncGuard from 'eslint-plugin-async-guard';
import tseslint from 'typescript-eslint';

export default defineConfig(
  tseslint.configs.recommended,
  asyncGuard.configs.recommended,
  asyncGuard.configs.strict,
  {
    plugins: { 'async-guard': asyncGuard },
    rules: { 'async-guard/no-sync-in-async': ['error', { followCalls: 2 }] },
  },
);
