/**
 * Memoised work (RULES.md, `no-sync-in-async`, `followCalls`): a call whose result is kept
 * the first time and reused afterwards runs once, not per call. Recognised forms:
 *
 * - `cache ??= f()`, `cache ||= f()`;
 * - an assignment (or `map.set(k, …)`) guarded by a test of the same target:
 *   `if (!cache) cache = f()`, `cache ?? (cache = f())`, `if (!map.has(k)) map.set(k, f())`;
 * - an early return before the call that reads a cache: `if (map.has(k)) return map.get(k)`,
 *   `const hit = map.get(k); if (hit) return hit;`, `if (cached) return cached;` (a test that
 *   names a cache, or reads a variable the function assigns later that is declared outside it
 *   or is a `this` member), also one level down in a preceding `if` block.
 *
 * Written twice, over ESTree (this file's functions) and over TypeScript's AST (functions of
 * other files of the program, which typed `followCalls` reaches without an ESTree).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import type { FunctionNode } from './async-context.js';

/** Is `call`, inside `fn`, memoised in one of the recognised forms? */
export function isMemoGuarded(
  call: TSESTree.Node,
  fn: FunctionNode,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const text = (node: TSESTree.Node): string => sourceCode.getText(node);
  let target: string | undefined;
  let child: TSESTree.Node = call;
  for (let current = call.parent; current && current !== fn; current = current.parent) {
    if (target === undefined) {
      if (current.type === AST_NODE_TYPES.AssignmentExpression && current.right === child) {
        if (current.operator === '??=' || current.operator === '||=') return true;
        if (current.operator === '=') target = text(current.left);
      } else if (
        current.type === AST_NODE_TYPES.CallExpression &&
        current.callee.type === AST_NODE_TYPES.MemberExpression &&
        !current.callee.computed &&
        current.callee.property.type === AST_NODE_TYPES.Identifier &&
        current.callee.property.name === 'set' &&
        current.arguments.includes(child as TSESTree.CallExpressionArgument)
      ) {
        target = text(current.callee.object);
      }
    } else if (
      (current.type === AST_NODE_TYPES.IfStatement && current.test !== child && mentions(text(current.test), target)) ||
      (current.type === AST_NODE_TYPES.ConditionalExpression &&
        current.test !== child &&
        mentions(text(current.test), target)) ||
      (current.type === AST_NODE_TYPES.LogicalExpression &&
        current.right === child &&
        mentions(text(current.left), target))
    ) {
      return true;
    }
    if (isStatementList(current)) {
      const index = current.body.indexOf(child as never);
      for (const statement of current.body.slice(0, Math.max(index, 0))) {
        if (isCacheEarlyReturn(statement, fn, sourceCode)) return true;
      }
    }
    child = current;
  }
  return false;
}

function isStatementList(node: TSESTree.Node): node is TSESTree.BlockStatement {
  return node.type === AST_NODE_TYPES.BlockStatement;
}

/** Does `text` mention `target` as a whole identifier or member path? */
function mentions(text: string, target: string): boolean {
  const escaped = target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w$.])${escaped}(?![\\w$])`).test(text);
}

function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) {
    return true;
  }
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body.at(-1);
    return last !== undefined && exits(last);
  }
  return false;
}

function isCacheEarlyReturn(
  statement: TSESTree.Statement,
  fn: FunctionNode,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  if (statement.type !== AST_NODE_TYPES.IfStatement) return false;
  if (!exits(statement.consequent)) {
    // `if (packageCache) { const cached = lookup(packageCache, key); if (cached) return cached; }`
    const inner = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body : [];
    return inner.some((nested) => isCacheEarlyReturn(nested, fn, sourceCode));
  }
  return testLooksLikeMemo(
    sourceCode.getText(statement.test),
    sourceCode.getText(fn),
    sourceCode.text.slice(statement.range[1], fn.range[1]),
  );
}

/**
 * The textual memo test both syntax trees share: the early-return test reads a cache
 * (`.get(`/`.has(`, a name with "cache"), a name in it was just read from a map
 * (`const hit = cache.get(k)`), or it is assigned later on an outer variable or a `this`
 * member (`cached = …`).
 */
function testLooksLikeMemo(testText: string, fnText: string, after: string): boolean {
  if (/\.(?:get|has)\s*\(/.test(testText) || /cache/i.test(testText)) return true;
  for (const name of testText.match(/[\w$]+(?:\.[\w$]+)*/g) ?? []) {
    if (/^\d/.test(name)) continue;
    if (new RegExp(`\\b${escapeRe(name)}\\s*=\\s*[\\w$.]+\\.get\\s*\\(`).test(fnText)) return true;
    if (
      (name.startsWith('this.') || !declaredIn(fnText, name)) &&
      new RegExp(`(^|[^\\w$.])${escapeRe(name)}\\s*=[^=]`).test(after)
    ) {
      return true;
    }
  }
  return false;
}

function declaredIn(fnText: string, name: string): boolean {
  return new RegExp(`\\b(?:const|let|var)\\s+${escapeRe(name)}\\b`).test(fnText);
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `isMemoGuarded` for a call in a TypeScript function of another file. */
export function isMemoGuardedTs(call: ts.Node, fn: ts.SignatureDeclaration): boolean {
  let target: string | undefined;
  let child: ts.Node = call;
  for (let current = call.parent; current !== fn; current = current.parent) {
    if (target === undefined) {
      if (ts.isBinaryExpression(current) && current.right === child) {
        const operator = current.operatorToken.kind;
        if (
          operator === ts.SyntaxKind.QuestionQuestionEqualsToken ||
          operator === ts.SyntaxKind.BarBarEqualsToken
        ) {
          return true;
        }
        if (operator === ts.SyntaxKind.EqualsToken) target = current.left.getText();
      } else if (
        ts.isCallExpression(current) &&
        ts.isPropertyAccessExpression(current.expression) &&
        current.expression.name.text === 'set' &&
        current.arguments.some((argument) => argument === child)
      ) {
        target = current.expression.expression.getText();
      }
    } else if (
      (ts.isIfStatement(current) && current.expression !== child && mentions(current.expression.getText(), target)) ||
      (ts.isConditionalExpression(current) &&
        current.condition !== child &&
        mentions(current.condition.getText(), target)) ||
      (ts.isBinaryExpression(current) &&
        current.right === child &&
        (current.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
          current.operatorToken.kind === ts.SyntaxKind.BarBarToken) &&
        mentions(current.left.getText(), target))
    ) {
      return true;
    }
    if (ts.isBlock(current)) {
      const index = current.statements.findIndex((statement) => statement === child);
      for (const statement of current.statements.slice(0, Math.max(index, 0))) {
        if (isCacheEarlyReturnTs(statement, fn)) return true;
      }
    }
    child = current;
  }
  return false;
}

function exitsTs(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements.at(-1);
    return last !== undefined && exitsTs(last);
  }
  return false;
}

function isCacheEarlyReturnTs(statement: ts.Statement, fn: ts.SignatureDeclaration): boolean {
  if (!ts.isIfStatement(statement)) return false;
  if (!exitsTs(statement.thenStatement)) {
    const inner = ts.isBlock(statement.thenStatement) ? statement.thenStatement.statements : [];
    return inner.some((nested) => isCacheEarlyReturnTs(nested, fn));
  }
  return testLooksLikeMemo(
    statement.expression.getText(),
    fn.getText(),
    fn.getSourceFile().text.slice(statement.end, fn.end),
  );
}
