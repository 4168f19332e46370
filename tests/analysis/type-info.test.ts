import path from 'node:path';

import parser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { getProgram, getTypeInfo } from '../../src/analysis/type-info.js';
import { fixturesDir } from '../rule-tester.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Lints `code` with a probe rule; `typed` adds typescript-eslint's project service. */
function probe(code: string, mode: 'typed' | 'untyped' | 'espree', onIdentifier: (context: Context, node: TSESTree.Identifier) => void): void {
  const linter = new Linter({ configType: 'flat' });
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create: (context: Context) => ({
      Identifier: (node: TSESTree.Identifier) => {
        onIdentifier(context, node);
      },
    }),
  };
  const languageOptions: Linter.Config['languageOptions'] =
    mode === 'espree'
      ? {}
      : { parser, parserOptions: mode === 'typed' ? { projectService: true, tsconfigRootDir: fixturesDir } : {} };
  const messages = linter.verify(
    code,
    [{ files: ['**/*.*'], languageOptions, plugins: { probe: { rules: { probe: rule as never } } }, rules: { 'probe/probe': 'error' } }],
    path.join(fixturesDir, mode === 'espree' ? 'file.js' : 'file.ts'),
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
}

describe('getTypeInfo', () => {
  it('answers type questions with a program', () => {
    const types: string[] = [];
    probe(`const signal = AbortSignal.timeout(5); export { signal };`, 'typed', (context, node) => {
      const info = getTypeInfo(context);
      expect(getProgram(context)).toBeDefined();
      if (node.name === 'signal' && info) types.push(info.checker.typeToString(info.getType(node) ?? info.checker.getAnyType()));
    });
    expect(types[0]).toBe('AbortSignal');
  });

  it('follows aliases to the declaration', () => {
    const declarations: string[] = [];
    probe(`import { readText } from './src/utils/fs-wrapper'; readText('x');`, 'typed', (context, node) => {
      const symbol = getTypeInfo(context)?.getSymbol(node);
      if (node.name === 'readText' && node.parent.type === AST_NODE_TYPES.CallExpression) declarations.push(symbol?.getName() ?? 'none');
    });
    expect(declarations).toEqual(['readFileSync']);
  });

  it('returns nothing, and never throws, without a program', () => {
    for (const mode of ['untyped', 'espree'] as const) {
      let seen = 0;
      probe(`const x = 1; export default x;`, mode, (context) => {
        seen += 1;
        expect(getProgram(context)).toBeUndefined();
        expect(getTypeInfo(context)).toBeUndefined();
      });
      expect(seen).toBeGreaterThan(0);
    }
  });
});
