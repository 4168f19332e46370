import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  BLOCKING_APIS,
  CHEAP_SYNC_APIS,
  apiPath,
  denoAlternative,
  qualifiedName,
} from '../../src/knowledge/blocking-apis.js';

const typesDir = path.dirname(createRequire(import.meta.url).resolve('@types/node/package.json'));
const declarations = (file: string): string => readFileSync(path.join(typesDir, file), 'utf8');

/** Names of `export function x` / `function x` / `export const x:` declarations ending in `Sync`. */
function syncNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/(?:function|const)\s+([a-zA-Z0-9]+Sync)\b\s*[(:<]/g)) {
    if (match[1]) names.add(match[1]);
  }
  return names;
}

const namesOf = (module: string): Set<string> =>
  new Set(BLOCKING_APIS.filter((api) => api.module === module && api.path === undefined).map((api) => api.name));

describe('BLOCKING_APIS', () => {
  it('has every *Sync function of fs that @types/node declares', () => {
    const missing = [...syncNames(declarations('fs.d.ts'))].filter((name) => !namesOf('fs').has(name));
    expect(missing).toEqual([]);
  });

  it('has every *Sync function of zlib, and the three blocking ones of child_process', () => {
    const zlib = [...syncNames(declarations('zlib.d.ts'))].filter((name) => !namesOf('zlib').has(name));
    expect(zlib).toEqual([]);
    expect([...namesOf('child_process')].sort()).toEqual(['execFileSync', 'execSync', 'spawnSync']);
  });

  it('lists the CPU-heavy crypto functions, and none of the cheap ones', () => {
    expect([...namesOf('crypto')]).toEqual(
      expect.arrayContaining([
        'pbkdf2Sync',
        'scryptSync',
        'generateKeyPairSync',
        'generateKeySync',
        'generatePrimeSync',
        'checkPrimeSync',
      ]),
    );
    for (const { name } of CHEAP_SYNC_APIS) expect(namesOf('crypto').has(name)).toBe(false);
  });

  it('offers a promise form only where fs/promises has a function of that name', () => {
    const promises = declarations('fs/promises.d.ts');
    for (const api of BLOCKING_APIS) {
      if (api.promiseForm === undefined) continue;
      expect(api.module).toBe('fs');
      expect(promises).toMatch(new RegExp(`function ${api.promiseForm}\\(`));
    }
    const safe = new Set(BLOCKING_APIS.filter((api) => api.promiseForm).map((api) => api.name));
    for (const name of ['readFileSync', 'writeFileSync', 'readdirSync', 'statSync', 'mkdirSync', 'rmSync']) {
      expect(safe.has(name)).toBe(true);
    }
    for (const name of ['existsSync', 'openSync', 'globSync', 'readSync', 'mkdtempDisposableSync']) {
      expect(safe.has(name)).toBe(false);
    }
  });

  it('names an alternative for every entry, and has no duplicates', () => {
    const seen = new Set<string>();
    for (const api of BLOCKING_APIS) {
      expect(api.alternative).toMatch(/`/);
      const key = qualifiedName(api);
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it('qualifies names by module or global', () => {
    const realpathNative = BLOCKING_APIS.find((api) => api.path !== undefined);
    expect(realpathNative && apiPath(realpathNative)).toEqual(['realpathSync', 'native']);
    expect(realpathNative && qualifiedName(realpathNative)).toBe('fs.realpathSync.native');
    const wait = BLOCKING_APIS.find((api) => api.global === 'Atomics');
    expect(wait && qualifiedName(wait)).toBe('Atomics.wait');
    expect(denoAlternative('readTextFileSync')).toBe('`await Deno.readTextFile()`');
  });
});
