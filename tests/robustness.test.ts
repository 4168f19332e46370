// Odd syntax must not crash any rule, typed, untyped (typescript-eslint's parser without a
// program) or in plain JavaScript (espree, no parser services at all).
import path from 'node:path';

import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { fixturesDir } from './rule-tester.js';

const TYPESCRIPT_SNIPPETS: Record<string, string> = {
  decorators: `
    function logged(_value: unknown, _context: ClassMethodDecoratorContext) {}
    class Service {
      @logged async load(path: string) { const { readFileSync } = await import('node:fs'); return readFileSync(path); }
    }
  `,
  'using and await using': `
    import { open } from 'node:fs/promises';
    export async function head(path: string, signal?: AbortSignal) {
      await using file = await open(path);
      using timer = { [Symbol.dispose]() {} };
      return file.read({ length: 64, signal } as never);
    }
  `,
  generators: `
    export async function* lines(source: AsyncIterable<string>) { for await (const chunk of source) yield* chunk.split('\\n'); }
    export function* ids() { let i = 0; while (true) yield i++; }
  `,
  'class static blocks': `
    import { readFileSync } from 'node:fs';
    export class Config { static data: string; static { Config.data = readFileSync('c.json', 'utf8'); } }
  `,
  'optional chaining and computed members': `
    export async function run(client?: { jobs?: Record<string, (s?: AbortSignal) => Promise<void>> }, name = 'sync', signal?: AbortSignal) {
      await client?.jobs?.[name]?.(signal);
      await client?.['jobs']?.[\`\${name}Sync\`]?.();
      try { await fetch('http://localhost', { signal }); } catch { /* ignored */ }
    }
  `,
  'promises in every position': `
    declare function save(): Promise<void>;
    export async function f(items: string[], emitter: NodeJS.EventEmitter) {
      const p = save(); items.forEach(async () => { await save(); });
      emitter.on('x', async () => save());
      setTimeout(async () => { await p; }, 1);
      label: for (const i of items) { if (i) continue label; else break label; }
      switch (items.length) { case 0: await save(); break; default: void save(); }
      return [p];
    }
  `,
  'abstract and overloads': `
    export abstract class Base { abstract run(signal: AbortSignal): Promise<void>; }
    export function go(a: string): Promise<void>;
    export function go(a: number): Promise<void>;
    export async function go(_a: unknown) {}
  `,
};

const TSX_SNIPPET = `
  import { readFileSync } from 'node:fs';
  export async function Page({ name }: { name: string }) {
    const text = readFileSync(name, 'utf8');
    return <main onClick={async () => { await fetch('/x'); }}>{text}</main>;
  }
`;

const JAVASCRIPT_SNIPPET = `
  const fs = require('fs');
  class Store { #cache = new Map(); static { this.ready = true; } async get(k) { return this.#cache.get(k) ?? fs.readFileSync(k); } }
  async function* walk(dir) { for await (const entry of await fs.promises.opendir(dir)) yield entry; }
  module.exports = { Store, walk, run: async (signal) => { try { await fetch('x', { signal }); } catch (e) { return e; } } };
`;

const allRules = plugin.configs.all.rules;

function lint(code: string, filename: string, typed: boolean, js = false): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const languageOptions: Linter.Config['languageOptions'] = js
    ? { sourceType: 'commonjs', ecmaVersion: 'latest' }
    : {
        parser,
        parserOptions: typed ? { projectService: true, tsconfigRootDir: fixturesDir } : {},
      };
  return linter.verify(
    code,
    [{ files: ['**/*.*'], languageOptions, plugins: plugin.configs.all.plugins, rules: allRules }],
    filename,
  );
}

function crashes(messages: Linter.LintMessage[]): string[] {
  return messages.filter((message) => message.fatal).map((message) => message.message);
}

describe.each([true, false])('every rule on odd syntax (typed: %s)', (typed) => {
  it.each(Object.entries(TYPESCRIPT_SNIPPETS))('%s', (_name, code) => {
    expect(crashes(lint(code, path.join(fixturesDir, 'file.ts'), typed))).toEqual([]);
  });

  it('JSX', () => {
    expect(crashes(lint(TSX_SNIPPET, path.join(fixturesDir, 'file.tsx'), typed))).toEqual([]);
  });
});

describe('every rule on plain JavaScript (espree, no parser services)', () => {
  it('does not crash', () => {
    expect(crashes(lint(JAVASCRIPT_SNIPPET, path.join(fixturesDir, 'file.js'), false, true))).toEqual([]);
  });
});
