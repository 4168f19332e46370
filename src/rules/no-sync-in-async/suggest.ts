/**
 * The `useAsyncAlternative` suggestion: `readFileSync(p)` → `await readFile(p)`, written
 * through a binding the file already has where possible (`fs.promises.readFile`, an
 * `fs/promises` import), else adding `import { readFile } from 'node:fs/promises'` to an ES
 * module. CommonJS files without such a binding get no suggestion.
 */
import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberName, skipTypeWrappers } from '../../analysis/ast.js';
import { canAwaitAt } from '../../analysis/async-context.js';
import type { BlockingApi } from '../../knowledge/blocking-apis.js';

const PROMISES_MODULES: ReadonlySet<string> = new Set(['fs/promises', 'node:fs/promises']);
const FS_MODULES: ReadonlySet<string> = new Set(['fs', 'node:fs']);

/** The fixer of the suggestion for `call` of `api`, or `undefined` when no valid rewrite is known. */
export function asyncAlternativeFix(
  call: TSESTree.CallExpression,
  api: BlockingApi,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.ReportFixFunction | undefined {
  const promiseForm = api.promiseForm;
  if (promiseForm === undefined || !canAwaitAt(call) || call.optional) return undefined;
  if (call.parent.type === AST_NODE_TYPES.ChainExpression) return undefined;
  if (call.typeArguments || call.range[0] !== call.callee.range[0]) return undefined;
  if (!argumentsFit(call, api)) return undefined;
  const callee = skipTypeWrappers(call.callee);
  let replacement: string | undefined;
  let addImport: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (callee.optional || memberName(callee) !== api.name || callee.object.type === AST_NODE_TYPES.Super) return undefined;
    replacement = `${sourceCode.getText(callee.object)}.promises.${promiseForm}`;
  } else if (callee.type === AST_NODE_TYPES.Identifier) {
    replacement = existingBinding(call, promiseForm, sourceCode);
    if (replacement === undefined) {
      const fromImport = ASTUtils.findVariable(sourceCode.getScope(call), callee)?.defs.some(
        (def) => def.type === TSESLint.Scope.DefinitionType.ImportBinding,
      );
      if (!fromImport || !isFreeName(call, promiseForm, sourceCode)) return undefined;
      const imports = sourceCode.ast.body.filter(
        (statement): statement is TSESTree.ImportDeclaration => statement.type === AST_NODE_TYPES.ImportDeclaration,
      );
      const last = imports.at(-1);
      if (!last) return undefined;
      const fsImport = imports.find((declaration) => FS_MODULES.has(declaration.source.value)) ?? last;
      const quote = sourceCode.getText(fsImport.source).startsWith('"') ? '"' : "'";
      const specifier = fsImport.source.value.startsWith('node:') ? 'node:fs/promises' : 'fs/promises';
      const semi = sourceCode.getText(last).trimEnd().endsWith(';') ? ';' : '';
      replacement = promiseForm;
      addImport = (fixer) =>
        fixer.insertTextAfter(last, `\nimport { ${promiseForm} } from ${quote}${specifier}${quote}${semi}`);
    }
  } else {
    return undefined;
  }
  const needsParens = needsParentheses(call);
  const text = `${needsParens ? '(' : ''}await ${replacement}`;
  return (fixer) => {
    const fixes = [fixer.replaceText(call.callee, text)];
    if (needsParens) fixes.push(fixer.insertTextAfter(call, ')'));
    if (addImport) fixes.push(addImport(fixer));
    return fixes;
  };
}

/** `statSync(p, { throwIfNoEntry: false })` returns `undefined` where `stat` rejects; a file descriptor is no path. */
function argumentsFit(call: TSESTree.CallExpression, api: BlockingApi): boolean {
  const first = call.arguments[0];
  if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'number') return false;
  if (first?.type === AST_NODE_TYPES.Identifier && /^fd$|Fd$|Descriptor$/.test(first.name)) return false;
  if (api.name === 'statSync' || api.name === 'lstatSync') {
    const options = call.arguments[1];
    if (options === undefined) return true;
    return (
      options.type === AST_NODE_TYPES.ObjectExpression &&
      options.properties.every(
        (property) =>
          property.type === AST_NODE_TYPES.Property &&
          !(property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'throwIfNoEntry'),
      )
    );
  }
  return !call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
}

/** A binding of the file that reaches `fs/promises`' `name`, visible at `call`. */
function existingBinding(
  call: TSESTree.CallExpression,
  name: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): string | undefined {
  const scope = sourceCode.getScope(call);
  const visible = (local: TSESTree.Identifier): boolean => {
    const variable = ASTUtils.findVariable(scope, local.name);
    return variable?.identifiers.includes(local) ?? false;
  };
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.importKind !== 'type') {
      const source = statement.source.value;
      for (const specifier of statement.specifiers) {
        if (!visible(specifier.local)) continue;
        if (PROMISES_MODULES.has(source)) {
          if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
            if (importedName(specifier) === name && specifier.importKind !== 'type') return specifier.local.name;
          } else {
            return `${specifier.local.name}.${name}`;
          }
        } else if (FS_MODULES.has(source)) {
          if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
            if (importedName(specifier) === 'promises' && specifier.importKind !== 'type') {
              return `${specifier.local.name}.${name}`;
            }
          } else {
            return `${specifier.local.name}.promises.${name}`;
          }
        }
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const source = requiredModule(declarator.init);
        if (source === undefined) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier && visible(declarator.id)) {
          if (PROMISES_MODULES.has(source)) return `${declarator.id.name}.${name}`;
          if (FS_MODULES.has(source)) return `${declarator.id.name}.promises.${name}`;
        } else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of declarator.id.properties) {
            if (
              property.type !== AST_NODE_TYPES.Property ||
              property.computed ||
              property.key.type !== AST_NODE_TYPES.Identifier ||
              property.value.type !== AST_NODE_TYPES.Identifier ||
              !visible(property.value)
            ) {
              continue;
            }
            if (PROMISES_MODULES.has(source) && property.key.name === name) return property.value.name;
            if (FS_MODULES.has(source) && property.key.name === 'promises') return `${property.value.name}.${name}`;
          }
        }
      }
    }
  }
  return undefined;
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
}

function requiredModule(init: TSESTree.Expression | null): string | undefined {
  if (
    init?.type === AST_NODE_TYPES.CallExpression &&
    init.callee.type === AST_NODE_TYPES.Identifier &&
    init.callee.name === 'require' &&
    init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof init.arguments[0].value === 'string'
  ) {
    return init.arguments[0].value;
  }
  return undefined;
}

/** Is `name` unbound in the module and at `call`, so a new import of it shadows nothing? */
function isFreeName(call: TSESTree.CallExpression, name: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (ASTUtils.findVariable(sourceCode.getScope(call), name)) return false;
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return false;
  const moduleScope = globalScope.childScopes.find((scope) => scope.type === TSESLint.Scope.ScopeType.module);
  if (moduleScope?.set.has(name) || globalScope.through.some((reference) => reference.identifier.name === name)) {
    return false;
  }
  // A nested scope anywhere in the file may declare it and also read the new import; stay safe.
  return !sourceCode.scopeManager.scopes.some((scope) => scope.set.has(name));
}

/** Does `await call` need parentheses where `call` stands? */
function needsParentheses(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === call;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === call;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === call;
    case AST_NODE_TYPES.BinaryExpression:
      return parent.operator === '**' && parent.left === call;
    case AST_NODE_TYPES.TSNonNullExpression:
      return true;
    default:
      return false;
  }
}
