/** Small AST matchers shared by the analyses and the rules. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/** The static name of a member expression's property (`a.b`, `a['b']`), if it has one. */
export function memberName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) {
    return member.property.name;
  }
  if (member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') {
    return member.property.value;
  }
  if (
    member.property.type === AST_NODE_TYPES.TemplateLiteral &&
    member.property.expressions.length === 0
  ) {
    return member.property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The name an identifier or a static member expression ends in: `f` → `f`, `a.b['c']` → `c`. */
export function staticName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return memberName(node);
  return undefined;
}

/** The name a call's callee ends in: `f()` → `f`, `a.b.c()` → `c`, `a['b']()` → `b`. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  return staticName(call.callee.type === AST_NODE_TYPES.ChainExpression ? call.callee.expression : call.callee);
}

/** Is `node` a call of `object.method(...)` with one of `methods` (optional chaining allowed)? */
export function isMethodCall(
  node: TSESTree.Node,
  methods: ReadonlySet<string> | readonly string[],
): node is TSESTree.CallExpression & { callee: TSESTree.MemberExpression } {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  if (node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(node.callee);
  if (name === undefined) return false;
  return Array.isArray(methods) ? methods.includes(name) : (methods as ReadonlySet<string>).has(name);
}

/** Strips TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) and parentheses' kin. */
export function skipTypeWrappers(node: TSESTree.Expression): TSESTree.Expression {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression
  ) {
    current = current.expression;
  }
  return current;
}
