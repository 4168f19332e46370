#!/usr/bin/env node
// Scaffolds a rule: `npm run new-rule -- <rule-id>` writes src/rules/<id>.ts, its test and its doc
// page from scripts/templates/, and adds it to the registry in src/rules/index.ts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REGISTRY_MARKER = '  // new-rule: insert above';

/** Fills a template with the rule id. */
export function render(template, ruleId) {
  return template.replaceAll('__RULE_ID__', ruleId);
}

/** Adds the rule's import and registry entry to the text of src/rules/index.ts. */
export function addToRegistry(registry, ruleId) {
  const binding = ruleId.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
  if (!registry.includes(REGISTRY_MARKER)) throw new Error('src/rules/index.ts has lost its insert marker');
  const importLine = `import ${binding} from './${ruleId}.js';\n`;
  const withEntry = registry.replace(REGISTRY_MARKER, `  '${ruleId}': ${binding},\n${REGISTRY_MARKER}`);
  const lastImport = withEntry.lastIndexOf('\nimport ');
  const insertAt = withEntry.indexOf('\n', lastImport + 1) + 1;
  return withEntry.slice(0, insertAt) + importLine + withEntry.slice(insertAt);
}

export function isValidRuleId(ruleId) {
  return typeof ruleId === 'string' && /^[a-z]+(-[a-z]+)*$/.test(ruleId);
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const ruleId = process.argv[2];
  if (!isValidRuleId(ruleId)) {
    console.error('usage: npm run new-rule -- <rule-id>   (kebab-case, e.g. no-leaked-timers)');
    process.exit(1);
  }
  const targets = [
    ['rule.ts.txt', `src/rules/${ruleId}.ts`],
    ['rule.test.ts.txt', `tests/rules/${ruleId}.test.ts`],
    ['rule.md.txt', `docs/rules/${ruleId}.md`],
  ];
  for (const [, target] of targets) {
    if (existsSync(path.join(root, target))) {
      console.error(`${target} exists already`);
      process.exit(1);
    }
  }
  for (const [template, target] of targets) {
    const text = readFileSync(path.join(root, 'scripts/templates', template), 'utf8');
    writeFileSync(path.join(root, target), render(text, ruleId));
    console.log(`wrote ${target}`);
  }
  const registryPath = path.join(root, 'src/rules/index.ts');
  writeFileSync(registryPath, addToRegistry(readFileSync(registryPath, 'utf8'), ruleId));
  console.log('added it to src/rules/index.ts; next: fill in the TODOs, then `npm run docs`');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
