/**
 * How one reference to a stored promise (or to a local array of promises) is used: path-
 * insensitive, from the scope manager's references (RULES.md, `forgotten`).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberName } from '../../analysis/ast.js';
import { forEachChild, isGlobalName } from '../../analysis/promises.js';

/**
 * - `handler`: a handler is attached here or the value is handed on (awaited, returned,
 *   yielded, `.then/.catch/.finally`, passed to a call);
 * - `escape`: consumed, but nobody can say when it is handled (a closure, an alias, a field, a
 *   literal, an export);
 * - `ignored`: deliberately dropped (`void p`, or `p;`, which the statement part reports);
 * - `reassign`: `p = other` without reading `p`;
 * - `none`: not a consumption (a member read, a test, a comparison, `arr.push`).
 */
export type UseKind = 'handler' | 'escape' | 'ignored' | 'reassign' | 'none';

const RETURNS_FIRST_ARGUMENT = new Set(['assign', 'defineProperty', 'defineProperties', 'freeze']);

/** `Object.assign(x, …)` and its kin return their first argument. */
export function isReturnsFirstArgumentCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  return name !== undefined && RETURNS_FIRST_ARGUMENT.has(name) && isGlobalName(sourceCode, callee.object, 'Object');
}

/** Array members that neither read nor hand on the promises an array holds. */
const ARRAY_NON_CONSUMING = new Set(['push', 'unshift', 'length']);

export function classifyReference(
  sourceCode: Readonly<TSESLint.SourceCode>,
  reference: TSESLint.Scope.Reference,
  declarationScope: TSESLint.Scope.Scope,
  isArray: boolean,
): UseKind {
  const identifier = reference.identifier;
  if (reference.from.variableScope !== declarationScope.variableScope) {
    // Filling an array from a callback (`xs.forEach(x => tasks.push(job(x)))`) consumes nothing.
    const use = isArray && reference.isRead() ? classifyUse(sourceCode, identifier as TSESTree.Identifier, true) : 'escape';
    return use === 'none' ? 'none' : 'escape';
  }
  if (reference.isWrite() && !reference.init) {
    const parent = identifier.parent;
    if (
      parent.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.left === identifier &&
      parent.operator === '=' &&
      !mentions(parent.right, identifier.name)
    ) {
      return 'reassign';
    }
    return 'none';
  }
  if (!reference.isRead()) return 'none';
  return classifyUse(sourceCode, identifier as TSESTree.Identifier, isArray);
}

/** Walks up from a read of the value to the place that uses it. */
export function classifyUse(
  sourceCode: Readonly<TSESLint.SourceCode>,
  start: TSESTree.Expression,
  isArray: boolean,
): UseKind {
  let child: TSESTree.Node = start;
  for (let parent = child.parent; parent.type !== AST_NODE_TYPES.Program; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.LogicalExpression:
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === child) return 'none';
        continue;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions.at(-1) !== child) return 'none';
        continue;
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.YieldExpression:
        return 'handler';
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === child ? 'handler' : 'escape';
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee === child) return 'none';
        if (parent.arguments[0] === child && isReturnsFirstArgumentCall(sourceCode, parent)) continue;
        return 'handler';
      case AST_NODE_TYPES.NewExpression:
        return parent.callee === child ? 'none' : 'handler';
      case AST_NODE_TYPES.MemberExpression:
        return classifyMember(parent, isArray);
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === 'void' ? 'ignored' : 'none';
      case AST_NODE_TYPES.ExpressionStatement:
        return 'ignored';
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.SwitchStatement:
      case AST_NODE_TYPES.UpdateExpression:
        return 'none';
      case AST_NODE_TYPES.ForStatement:
        return parent.test === child ? 'none' : 'escape';
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === child ? 'escape' : 'none';
      default:
        return 'escape';
    }
  }
  return 'escape';
}

function classifyMember(member: TSESTree.MemberExpression, isArray: boolean): UseKind {
  const name = memberName(member);
  const called = member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
  if (isArray) {
    if (name !== undefined && ARRAY_NON_CONSUMING.has(name)) return 'none';
    // `tasks[i] = job()` writes an element.
    if (member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member) return 'none';
    return 'escape';
  }
  if (called && (name === 'then' || name === 'catch' || name === 'finally')) return 'handler';
  // Any other method belongs to a promise subclass (an SDK's `APIPromise.asResponse()`) whose
  // handling nobody can see: consumed.
  return called ? 'escape' : 'none';
}

/** Does `node` mention the identifier `name` anywhere? */
function mentions(node: TSESTree.Node, name: string): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === name;
  let found = false;
  forEachChild(node, (child) => {
    found ||= mentions(child, name);
  });
  return found;
}
