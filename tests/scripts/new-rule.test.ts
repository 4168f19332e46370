import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { addToRegistry, isValidRuleId, render } from '../../scripts/new-rule.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('new-rule scaffold', () => {
  it('adds an import and an entry above the marker of the registry', () => {
    const registry = [
      "import type { TSESLint } from '@typescript-eslint/utils';",
      "import noSyncInAsync from './no-sync-in-async.js';",
      '',
      'export const rules = {',
      "  'no-sync-in-async': noSyncInAsync,",
      '  // new-rule: insert above',
      '};',
    ].join('\n');
    expect(addToRegistry(registry, 'no-leaked-timers')).toBe(
      [
        "import type { TSESLint } from '@typescript-eslint/utils';",
        "import noSyncInAsync from './no-sync-in-async.js';",
        "import noLeakedTimers from './no-leaked-timers.js';",
        '',
        'export const rules = {',
        "  'no-sync-in-async': noSyncInAsync,",
        "  'no-leaked-timers': noLeakedTimers,",
        '  // new-rule: insert above',
        '};',
      ].join('\n'),
    );
  });

  it('keeps the real registry insertable', () => {
    const registry = readFileSync(path.join(root, 'src/rules/index.ts'), 'utf8');
    expect(addToRegistry(registry, 'x-y')).toContain("'x-y': xY,");
  });

  it('fills every template with the rule id and leaves no placeholder', () => {
    for (const template of ['rule.ts.txt', 'rule.test.ts.txt', 'rule.md.txt']) {
      const text = readFileSync(path.join(root, 'scripts/templates', template), 'utf8');
      const rendered = render(text, 'no-leaked-timers');
      expect(rendered).toContain('no-leaked-timers');
      expect(rendered).not.toContain('__RULE_ID__');
    }
  });

  it('accepts kebab-case ids only', () => {
    expect(isValidRuleId('no-leaked-timers')).toBe(true);
    expect(isValidRuleId('NoLeaked')).toBe(false);
    expect(isValidRuleId('../x')).toBe(false);
    expect(isValidRuleId(undefined)).toBe(false);
  });

  it('renders a rule module that loads, with its docs URL', async () => {
    // Render into a scratch copy of src/ so the real tree is untouched, then load the rendered rule.
    const scratch = mkdtempSync(path.join(tmpdir(), 'new-rule-'));
    cpSync(path.join(root, 'src'), path.join(scratch, 'src'), { recursive: true });
    mkdirSync(path.join(scratch, 'tests/rules'), { recursive: true });
    const read = (template: string) =>
      render(readFileSync(path.join(root, 'scripts/templates', template), 'utf8'), 'scaffold-probe');
    writeFileSync(path.join(scratch, 'src/rules/scaffold-probe.ts'), read('rule.ts.txt'));
    const module = (await import(path.join(scratch, 'src/rules/scaffold-probe.ts'))) as {
      default: { meta: { docs: { url: string } } };
    };
    expect(module.default.meta.docs.url).toMatch(/docs\/rules\/scaffold-probe\.md$/);
  });
});
