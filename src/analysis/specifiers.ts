/**
 * Untyped reading of typescript-eslint's `TypeOrValueSpecifier`: only `{ from: 'package' }`
 * specifiers can be checked without types, and they are matched by import — a callee imported
 * (named, default or as a namespace member) from that package under one of the names.
 * String, `file` and `lib` specifiers need the type checker and never match here.
 */
import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberName } from './ast.js';

/** Does `callee` name a value imported from a package that a `from: 'package'` specifier lists? */
export function calleeMatchesPackageSpecifier(
  sourceCode: Readonly<TSESLint.SourceCode>,
  callee: TSESTree.Node,
  specifiers: readonly TypeOrValueSpecifier[],
): boolean {
  const packages = specifiers.filter(
    (specifier): specifier is Extract<TypeOrValueSpecifier, { from: 'package' }> =>
      typeof specifier === 'object' && specifier.from === 'package',
  );
  if (packages.length === 0) return false;
  let node = callee;
  if (node.type === AST_NODE_TYPES.ChainExpression) node = node.expression;
  let memberPath: string | undefined;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    memberPath = memberName(node);
    node = node.object;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const def = variable?.defs[0];
  if (def?.type !== TSESLint.Scope.DefinitionType.ImportBinding || def.parent.type !== AST_NODE_TYPES.ImportDeclaration) {
    return false;
  }
  const source = def.parent.source.value.replace(/^node:/u, '');
  const specifier = def.node;
  if (specifier.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return false;
  let imported: string | undefined;
  if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
    imported =
      specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
  }
  // A named import called directly; or a member of a default/namespace import.
  const names =
    memberPath === undefined
      ? [imported, specifier.local.name].filter((name): name is string => name !== undefined)
      : imported === undefined
        ? [memberPath]
        : [];
  return packages.some((entry) => {
    const wantedPackage = entry.package.replace(/^node:/u, '');
    if (source !== wantedPackage && !source.startsWith(`${wantedPackage}/`)) return false;
    const wanted = Array.isArray(entry.name) ? entry.name : [entry.name];
    return names.some((name) => wanted.includes(name));
  });
}
