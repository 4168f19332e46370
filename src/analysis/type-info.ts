/**
 * Optional type information. Every rule works without it: these helpers return `undefined`
 * when the file has no program (espree, or typescript-eslint without `projectService`) and
 * never throw. `ESLintUtils.getParserServices` throws in those cases and is not used.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

export interface TypeInfo {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** The TypeScript node of an ESTree node, or `undefined` when the map has none. */
  tsNode(node: TSESTree.Node): ts.Node | undefined;
  /** The type of an ESTree node, or `undefined` when it cannot be had. */
  getType(node: TSESTree.Node): ts.Type | undefined;
  /** The symbol an ESTree node refers to (aliases resolved), or `undefined`. */
  getSymbol(node: TSESTree.Node): ts.Symbol | undefined;
}

const cache = new WeakMap<object, TypeInfo | null>();

/** The program of the file being linted, or `undefined` without type information. */
export function getProgram(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): ts.Program | undefined {
  // espree files have no parser services; typescript-eslint without a project has no program.
  const services: Partial<TSESLint.SourceCode['parserServices']> | undefined =
    context.sourceCode.parserServices;
  return services?.program ?? undefined;
}

/** Type helpers for the file being linted, or `undefined` without type information. */
export function getTypeInfo(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): TypeInfo | undefined {
  const ast = context.sourceCode.ast;
  const cached = cache.get(ast);
  if (cached !== undefined) return cached ?? undefined;
  const info = createTypeInfo(context);
  cache.set(ast, info ?? null);
  return info;
}

function createTypeInfo(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): TypeInfo | undefined {
  const program = getProgram(context);
  const services = context.sourceCode.parserServices;
  const map = services?.esTreeNodeToTSNodeMap as
    | { get(node: TSESTree.Node): ts.Node | undefined; has(node: TSESTree.Node): boolean }
    | undefined;
  if (!program || !map) return undefined;
  const checker = program.getTypeChecker();
  const tsNode = (node: TSESTree.Node): ts.Node | undefined => {
    try {
      return map.has(node) ? map.get(node) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    program,
    checker,
    tsNode,
    getType(node) {
      const target = tsNode(node);
      if (!target) return undefined;
      try {
        return checker.getTypeAtLocation(target);
      } catch {
        return undefined;
      }
    },
    getSymbol(node) {
      const target = tsNode(node);
      if (!target) return undefined;
      try {
        const symbol = checker.getSymbolAtLocation(target);
        if (symbol && (symbol.flags & ts.SymbolFlags.Alias) !== 0) {
          return checker.getAliasedSymbol(symbol);
        }
        return symbol;
      } catch {
        return undefined;
      }
    },
  };
}
