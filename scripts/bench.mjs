#!/usr/bin/env node
// Rule timings on a generated corpus of service code, typed and untyped, next to typescript-eslint's
// no-floating-promises and ESLint core's no-unused-vars as yardsticks. Speed is measured here,
// never in a timed test.  Usage: npm run bench [-- --files 300 --runs 3]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { default: plugin } = await import(path.join(root, 'dist/index.js'));
const { values } = parseArgs({
  options: { files: { type: 'string', default: '200' }, runs: { type: 'string', default: '3' } },
});
const fileCount = Number(values.files);
const runs = Number(values.runs);

/** One generated module: a mix of correct and incorrect async service code. */
function moduleSource(i) {
  return `
import { readFileSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventEmitter } from 'node:events';

export interface Job${i} { id: string; payload: unknown; attempts: number }
const bus${i} = new EventEmitter();

export async function loadConfig${i}(path: string): Promise<unknown> {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
  return JSON.parse(await readFile(path + '.default', 'utf8'));
}

export async function fetchWithRetry${i}(url: string, signal?: AbortSignal): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, { signal });
    } catch (error) {
      if (signal?.aborted || attempt > 3) throw error;
      await sleep(2 ** attempt * 100);
    }
  }
}

export async function processAll${i}(jobs: Job${i}[]): Promise<void> {
  const started = jobs.map(async (job) => handle${i}(job));
  await Promise.all(started);
  bus${i}.emit('done', jobs.length);
  const pending = save${i}(jobs[0]);
  await sleep(10);
  await pending;
}

async function handle${i}(job: Job${i}): Promise<void> {
  job.attempts += 1;
  await sleep(1);
}

async function save${i}(job: Job${i} | undefined): Promise<void> {
  if (!job) return;
  await sleep(1);
}

export function start${i}(): void {
  bus${i}.on('job', async (job: Job${i}) => { await handle${i}(job); });
  void processAll${i}([]);
  processAll${i}([]).catch(() => undefined);
}
`;
}

const dir = mkdtempSync(path.join(tmpdir(), 'async-guard-bench-'));
mkdirSync(path.join(dir, 'src'));
for (let i = 0; i < fileCount; i++) writeFileSync(path.join(dir, 'src', `m${i}.ts`), moduleSource(i));
writeFileSync(
  path.join(dir, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
      skipLibCheck: true, lib: ['ES2023', 'DOM'], types: ['node'], typeRoots: [path.join(root, 'node_modules/@types')],
    },
    include: ['src/**/*.ts'],
  }),
);

const ours = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`async-guard/${id}`, 'error']));

async function timeRun(typed) {
  const rules = { ...ours, 'no-unused-vars': 'error' };
  if (typed) rules['@typescript-eslint/no-floating-promises'] = 'error';
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    stats: true,
    cache: false,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: typed ? { projectService: true, tsconfigRootDir: dir } : {},
        },
        plugins: { 'async-guard': plugin, '@typescript-eslint': tseslint.plugin },
        rules,
      },
    ],
  });
  const started = performance.now();
  const results = await eslint.lintFiles(['src/**/*.ts']);
  const wall = performance.now() - started;
  const perRule = {};
  let parse = 0;
  let reports = 0;
  for (const result of results) {
    reports += result.messages.length;
    const times = result.stats?.times;
    for (const pass of times?.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [rule, { total }] of Object.entries(pass.rules ?? {})) perRule[rule] = (perRule[rule] ?? 0) + total;
    }
  }
  return { wall, parse, perRule, reports };
}

for (const typed of [false, true]) {
  const samples = [];
  for (let run = 0; run < runs; run++) samples.push(await timeRun(typed));
  const best = (pick) => Math.min(...samples.map(pick));
  console.log(`\n${typed ? 'typed' : 'untyped'}: ${fileCount} files, best of ${runs} runs`);
  console.log(`  wall ${best((s) => s.wall).toFixed(0)} ms, parse ${best((s) => s.parse).toFixed(0)} ms, ${samples[0].reports} reports`);
  const rules = Object.keys(samples[0].perRule).sort();
  const yardstick = best((s) => s.perRule['no-unused-vars'] ?? 0) || 1;
  for (const rule of rules) {
    const ms = best((s) => s.perRule[rule] ?? 0);
    console.log(`  ${rule.padEnd(46)} ${ms.toFixed(1).padStart(8)} ms  (${(ms / yardstick).toFixed(2)}× no-unused-vars)`);
  }
}
rmSync(dir, { recursive: true, force: true });
