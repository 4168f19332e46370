// Whole-plugin checks: rules, tests and docs match one to one; metadata is complete and honest;
// defaults pass their own schema and junk options are rejected; configs agree with metadata.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { rules, type AnyAsyncGuardRule } from '../src/rules/index.js';
import { DOCS_BASE_URL } from '../src/utils/create-rule.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const ruleEntries: [string, AnyAsyncGuardRule][] = Object.entries(rules);
const ruleIds = ruleEntries.map(([id]) => id);

/** Rule ids by their source: `src/rules/<id>.ts` or `src/rules/<id>/index.ts`. */
function ruleSources(): string[] {
  return readdirSync(path.join(root, 'src/rules'), { withFileTypes: true })
    .filter((entry) =>
      entry.isDirectory()
        ? existsSync(path.join(root, 'src/rules', entry.name, 'index.ts'))
        : entry.name.endsWith('.ts') && entry.name !== 'index.ts',
    )
    .map((entry) => entry.name.replace(/\.ts$/, ''))
    .sort();
}

function lintWith(ruleId: string, options: unknown[]): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify('async function f() {}', [
    {
      plugins: { 'async-guard': plugin },
      rules: { [`async-guard/${ruleId}`]: ['error', ...options] },
    },
  ]);
}

describe('the plugin object', () => {
  it('takes its name and version from package.json', () => {
    expect(plugin.meta).toEqual({
      name: packageJson.name,
      version: packageJson.version,
      namespace: 'async-guard',
    });
  });

  it('publishes the rule table', () => {
    expect(plugin.rules).toBe(rules);
  });

  it('has a rule for every source file in src/rules, and no other', () => {
    expect([...ruleIds].sort()).toEqual(ruleSources());
  });
});

describe.each(ruleEntries)('rule %s', (id, rule) => {
  it('has a doc page and a test file', () => {
    expect(existsSync(path.join(root, 'docs/rules', `${id}.md`))).toBe(true);
    const tests = readdirSync(path.join(root, 'tests/rules')).filter(
      (file) => file === `${id}.test.ts` || file.startsWith(`${id}.`) || file === id,
    );
    expect(tests.length).toBeGreaterThan(0);
  });

  it('has complete metadata', () => {
    const docs = rule.meta.docs;
    expect(docs?.url).toBe(`${DOCS_BASE_URL}${id}.md`);
    expect(docs?.description).toMatch(/^(Disallow|Require|Enforce|Prefer) /);
    expect(docs?.requiresTypeChecking).toBe(false);
    expect(docs?.typeAware).toBe(true);
    expect(rule.meta.fixable).toBeUndefined();
    expect(rule.meta.schema).toBeDefined();
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
  });

  it('accepts its own default options', () => {
    const defaults = rule.meta.defaultOptions ?? [];
    expect(lintWith(id, [...defaults]).filter((message) => message.fatal)).toEqual([]);
  });

  it('rejects unknown options', () => {
    if (!Array.isArray(rule.meta.schema) || rule.meta.schema.length === 0) {
      expect(() => lintWith(id, [{ notAnOption: true }])).toThrow(/should NOT have more than 0 items|Value/);
      return;
    }
    expect(() => lintWith(id, [{ notAnOption: true }])).toThrow(/additional properties/i);
  });

  it('documents every option in its schema', () => {
    const schema = Array.isArray(rule.meta.schema) ? rule.meta.schema : [];
    for (const item of schema as { properties?: Record<string, { description?: string }> }[]) {
      for (const [name, property] of Object.entries(item.properties ?? {})) {
        expect(property.description, `${id} option ${name}`).toBeTruthy();
      }
    }
  });
});

describe('configs', () => {
  it('are named, and those that turn our rules on reference the plugin itself', () => {
    for (const [name, config] of Object.entries(plugin.configs)) {
      expect(config.name).toBe(`async-guard/${name}`);
      if (name === 'typescript-eslint-compat') {
        expect(config.plugins).toBeUndefined();
        expect(Object.keys(config.rules ?? {}).every((id) => id.startsWith('@typescript-eslint/'))).toBe(true);
      } else {
        expect(config.plugins?.['async-guard']).toBe(plugin);
      }
    }
  });

  it('recommended holds exactly the rules whose metadata recommends them, at error', () => {
    const expected = Object.fromEntries(
      ruleEntries
        .filter(([, rule]) => rule.meta.docs?.recommended?.recommended)
        .map(([id]) => [`async-guard/${id}`, 'error']),
    );
    expect(plugin.configs.recommended.rules).toEqual(expected);
  });

  it('strict holds every rule, with the strict options of its metadata', () => {
    const expected = Object.fromEntries(
      ruleEntries.map(([id, rule]) => {
        const strict = rule.meta.docs?.recommended?.strict;
        return [`async-guard/${id}`, strict?.length ? ['error', ...strict] : 'error'];
      }),
    );
    expect(plugin.configs.strict.rules).toEqual(expected);
  });

  it('all holds every rule at its defaults', () => {
    expect(plugin.configs.all.rules).toEqual(
      Object.fromEntries(ruleIds.map((id) => [`async-guard/${id}`, 'error'])),
    );
  });

  it('strict options pass the rules’ schemas', () => {
    const linter = new Linter({ configType: 'flat' });
    expect(() => linter.verify('const a = 1;', [plugin.configs.strict])).not.toThrow();
  });
});
