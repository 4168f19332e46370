#!/usr/bin/env node
// Lints a real repository (fetched outside this repo) with some of our rules, typed by default,
// and prints every report with its source line, the counts and the time each rule took.
//
//   node scripts/lint-corpus.mjs /work/corpus/NAME --rule no-sync-in-async [--rule ...]
//        [--untyped] [--with-tseslint] [--json out.json] [--files 'src/**/*.ts']
//
// Typed mode writes <dir>/tsconfig.async-guard.json (extends the repository's tsconfig, adds this
// repository's @types/node) and lints the files that program includes. Needs `npm run build` first.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { default: plugin } = await import(path.join(root, 'dist/index.js'));

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rule: { type: 'string', multiple: true },
    untyped: { type: 'boolean', default: false },
    'with-tseslint': { type: 'boolean', default: false },
    json: { type: 'string' },
    files: { type: 'string', multiple: true },
    tsconfig: { type: 'string' },
    options: { type: 'string' },
  },
});
const dir = path.resolve(positionals[0] ?? '.');
const ruleIds = values.rule?.length ? values.rule : Object.keys(plugin.rules);
const ruleOptions = values.options ? JSON.parse(values.options) : {};
const patterns = values.files?.length ? values.files : ['**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}'];

let parserOptions = {};
if (!values.untyped) {
  const base = values.tsconfig ?? ['tsconfig.json', 'tsconfig.base.json'].find((f) => existsSync(path.join(dir, f)));
  const config = {
    ...(base ? { extends: `./${base}` } : { include: ['**/*'] }),
    compilerOptions: {
      typeRoots: [path.join(dir, 'node_modules/@types'), path.join(root, 'node_modules/@types')],
      types: ['node'],
      skipLibCheck: true,
      noEmit: true,
      allowJs: true,
      checkJs: false,
    },
  };
  const tsconfigPath = path.join(dir, 'tsconfig.async-guard.json');
  writeFileSync(tsconfigPath, JSON.stringify(config, null, 2));
  parserOptions = { project: tsconfigPath, tsconfigRootDir: dir };
}

const rules = Object.fromEntries(
  ruleIds.map((id) => [`async-guard/${id}`, ruleOptions[id] ? ['error', ruleOptions[id]] : 'error']),
);
if (values['with-tseslint']) rules['@typescript-eslint/no-floating-promises'] = 'error';

const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: true,
  stats: true,
  errorOnUnmatchedPattern: false,
  overrideConfig: [
    { ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/*.d.ts', '**/*.min.js', '**/vendor/**'] },
    {
      files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}'],
      languageOptions: { parser: tseslint.parser, parserOptions, sourceType: 'module' },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { 'async-guard': plugin, '@typescript-eslint': tseslint.plugin },
      rules,
    },
  ],
});

const started = performance.now();
const results = await eslint.lintFiles(patterns);
const elapsed = performance.now() - started;

const counts = {};
const timeByRule = {};
let fatal = 0;
let files = 0;
const reports = [];
for (const result of results) {
  files += 1;
  for (const pass of result.stats?.times?.passes ?? []) {
    for (const [rule, { total }] of Object.entries(pass.rules ?? {})) timeByRule[rule] = (timeByRule[rule] ?? 0) + total;
  }
  const lines = result.source?.split('\n') ?? readFileSync(result.filePath, 'utf8').split('\n');
  for (const message of result.messages) {
    if (message.fatal || !message.ruleId) {
      fatal += 1;
      continue;
    }
    // Directives naming the repository's own plugins ("Definition for rule ... was not found").
    if (!(message.ruleId in rules)) continue;
    counts[message.ruleId] = (counts[message.ruleId] ?? 0) + 1;
    const file = path.relative(dir, result.filePath);
    reports.push({ file, line: message.line, column: message.column, ruleId: message.ruleId, messageId: message.messageId, message: message.message, source: (lines[message.line - 1] ?? '').trim() });
  }
}
for (const r of reports) {
  console.log(`${r.file}:${r.line}:${r.column}  ${r.ruleId} (${r.messageId})\n    ${r.source.slice(0, 160)}\n    ${r.message}`);
}
console.log(`\n${files} files linted in ${(elapsed / 1000).toFixed(1)} s (${values.untyped ? 'untyped' : 'typed'}); ${fatal} files or messages not parsed/included.`);
for (const id of Object.keys(rules)) {
  console.log(`${id}: ${counts[id] ?? 0} reports, ${(timeByRule[id] ?? 0).toFixed(0)} ms`);
}
if (values.json) writeFileSync(values.json, JSON.stringify({ reports, counts, timeByRule, files, fatal }, null, 2));
