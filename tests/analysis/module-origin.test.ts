import { describe, expect, it } from 'vitest';

import { findApiCalls, moduleSpecifiers, resultMemberCalls, type ApiSpec } from '../../src/analysis/module-origin.js';
import { runProbe, textOf } from './helpers.js';

const SPECS: readonly ApiSpec<string>[] = [
  { module: 'fs', path: ['readFileSync'], info: 'fs.readFileSync' },
  { module: 'child_process', path: ['execSync'], info: 'child_process.execSync' },
  { module: 'fs', path: ['createWriteStream'], info: 'fs.createWriteStream' },
  { module: 'p-queue', path: ['default'], info: 'p-queue' },
  { global: 'Atomics', path: ['wait'], info: 'Atomics.wait' },
];

function callsIn(code: string): string[] {
  const found: string[] = [];
  runProbe(code, (context) => ({
    'Program:exit'() {
      for (const call of findApiCalls(context.sourceCode, SPECS).values()) {
        found.push(`${call.info} @ ${textOf(context, call.node)}`);
      }
    },
  }));
  return found.sort();
}

describe('findApiCalls', () => {
  it('follows default, namespace and named imports, with and without node:', () => {
    expect(
      callsIn(`
        import fs from 'fs';
        import * as nfs from 'node:fs';
        import { readFileSync as read } from 'node:fs';
        fs.readFileSync('a'); nfs.readFileSync('b'); read('c');
      `),
    ).toEqual([
      "fs.readFileSync @ fs.readFileSync('a')",
      "fs.readFileSync @ nfs.readFileSync('b')",
      "fs.readFileSync @ read('c')",
    ]);
  });

  it('follows require, destructuring and aliases', () => {
    expect(
      callsIn(`
        const cp = require('child_process');
        const { readFileSync } = require('node:fs');
        const run = cp.execSync;
        cp.execSync('ls'); readFileSync('x'); run('pwd');
      `),
    ).toEqual([
      "child_process.execSync @ cp.execSync('ls')",
      "child_process.execSync @ run('pwd')",
      "fs.readFileSync @ readFileSync('x')",
    ]);
  });

  it('finds globals that are not shadowed, and ignores look-alike local functions', () => {
    expect(
      callsIn(`
        Atomics.wait(view, 0, 0);
        function readFileSync(p: string) { return p; }
        readFileSync('local');
        function shadow(Atomics: { wait(): void }) { Atomics.wait(); }
      `),
    ).toEqual(['Atomics.wait @ Atomics.wait(view, 0, 0)']);
  });

  it('finds constructors of a package default export', () => {
    expect(callsIn(`import PQueue from 'p-queue'; const q = new PQueue();`)).toEqual([
      'p-queue @ new PQueue()',
    ]);
  });
});

describe('resultMemberCalls', () => {
  it('takes one hop from a const initialised by a tracked call', () => {
    const found: string[] = [];
    runProbe(
      `
        import { createWriteStream } from 'fs';
        const out = createWriteStream('log.txt');
        out.write('a'); out.end();
        let other = createWriteStream('b'); other.write('b');
      `,
      (context) => ({
        'Program:exit'() {
          for (const call of findApiCalls(context.sourceCode, SPECS).values()) {
            for (const member of resultMemberCalls(context.sourceCode, call.node)) {
              found.push(textOf(context, member));
            }
          }
        },
      }),
    );
    expect(found).toEqual(["out.write('a')", 'out.end()']);
  });
});

describe('moduleSpecifiers', () => {
  it('adds the node: form for built-in modules only', () => {
    expect(moduleSpecifiers('fs/promises')).toEqual(['fs/promises', 'node:fs/promises']);
    expect(moduleSpecifiers('node:fs')).toEqual(['fs', 'node:fs']);
    expect(moduleSpecifiers('p-queue')).toEqual(['p-queue']);
  });
});
