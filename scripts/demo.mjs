#!/usr/bin/env node
// Lints examples/ with the recommended config, typed, through ESLint's own API and formatter.
// Exits 0 when the lint ran (the examples are full of findings on purpose), 2 when it could not run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');

try {
  const { default: asyncGuard } = await import(path.join(root, 'dist/index.js'));
  const eslint = new ESLint({
    cwd: examples,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { projectService: true, tsconfigRootDir: examples },
        },
      },
      asyncGuard.configs.recommended,
    ],
  });
  const results = await eslint.lintFiles(['src/**/*.ts']);
  const formatter = await eslint.loadFormatter('stylish');
  const text = await formatter.format(results);
  process.stdout.write(text || 'No problems found.\n');

  const byRule = new Map();
  for (const result of results) {
    for (const message of result.messages) {
      const key = message.ruleId ?? '(parse error)';
      byRule.set(key, (byRule.get(key) ?? 0) + 1);
    }
  }
  console.log('Findings by rule:');
  for (const id of Object.keys(asyncGuard.rules).map((name) => `async-guard/${name}`)) {
    console.log(`  ${id.padEnd(44)} ${byRule.get(id) ?? 0}`);
  }
  if (byRule.has('(parse error)')) console.log(`  parse errors: ${byRule.get('(parse error)')}`);
} catch (error) {
  console.error('The demo could not run:', error);
  process.exitCode = 2;
}
