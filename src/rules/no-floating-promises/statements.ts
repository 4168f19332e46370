/**
 * The statement part, with typescript-eslint's semantics: an expression statement whose value
 * is a promise (or an array of them) that is not awaited, returned, given a rejection handler
 * or `void`-ed.
 */
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { canAwaitAt } from '../../analysis/async-context.js';
import { isNonFunctionValue, parsePromiseMethodCall } from '../../analysis/promises.js';
import { isReturnsFirstArgumentCall } from './consumption.js';
import type { MessageIds, PartState } from './types.js';

interface Verdict {
  readonly unhandled: boolean;
  readonly array?: boolean;
  readonly nonFunctionHandler?: boolean;
}

const HANDLED: Verdict = { unhandled: false };

export function statementListeners(state: PartState): TSESLint.RuleListener {
  const { context, options, oracle } = state;
  const sourceCode = context.sourceCode;

  return {
    ExpressionStatement(node) {
      if (node.directive !== undefined) return;
      if (options.ignoreIIFE && isIife(node.expression)) return;
      check(node, skipChain(node.expression));
    },
    // `() => void promise` with `ignoreVoid: false`: the arrow's body is checked as a statement.
    'ArrowFunctionExpression > UnaryExpression.body'(node: TSESTree.UnaryExpression) {
      check(node, node);
    },
  };

  function check(node: TSESTree.Node, expression: TSESTree.Expression): void {
    if (expression.type === AST_NODE_TYPES.CallExpression && state.isKnownSafeCall(expression)) return;
    const verdict = judge(expression);
    if (!verdict.unhandled) return;
    if (verdict.array) {
      context.report({
        node,
        messageId: options.ignoreVoid ? 'floatingPromiseArrayVoid' : 'floatingPromiseArray',
      });
      return;
    }
    const messageId: MessageIds = verdict.nonFunctionHandler
      ? options.ignoreVoid
        ? 'floatingUselessRejectionHandlerVoid'
        : 'floatingUselessRejectionHandler'
      : options.ignoreVoid
        ? 'floatingVoid'
        : 'floating';
    const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
    if (canAwaitAt(node)) {
      suggest.push({ messageId: 'floatingFixAwait', fix: (fixer) => addOperator(fixer, node, expression, 'await') });
    }
    if (options.ignoreVoid && node.type === AST_NODE_TYPES.ExpressionStatement) {
      suggest.push({ messageId: 'floatingFixVoid', fix: (fixer) => addOperator(fixer, node, expression, 'void') });
    }
    context.report({ node, messageId, suggest });
  }

  /** typescript-eslint's walk: which part of the expression holds a promise nobody handles? */
  function judge(node: TSESTree.Expression): Verdict {
    const expression = skipChain(node);
    switch (expression.type) {
      case AST_NODE_TYPES.AssignmentExpression:
        return HANDLED;
      case AST_NODE_TYPES.SequenceExpression:
        return expression.expressions.map(judge).find((verdict) => verdict.unhandled) ?? HANDLED;
      case AST_NODE_TYPES.UnaryExpression:
        if (expression.operator === 'void' && !options.ignoreVoid) return judge(expression.argument);
        break;
      default:
        break;
    }
    if (oracle.isPromiseArray(expression)) return { unhandled: true, array: true };
    if (expression.type === AST_NODE_TYPES.AwaitExpression) return HANDLED;
    if (isReturnsFirstArgumentCall(sourceCode, expression)) return HANDLED;
    if (!oracle.isPromise(expression)) return HANDLED;
    if (expression.type === AST_NODE_TYPES.CallExpression) {
      const method = parsePromiseMethodCall(expression);
      if (method?.kind === 'then' || method?.kind === 'catch') {
        if (method.onRejected === undefined) return { unhandled: true };
        return isRejectionHandler(method.onRejected) ? HANDLED : { unhandled: true, nonFunctionHandler: true };
      }
      if (method?.kind === 'finally') return judge(method.object);
      return { unhandled: true };
    }
    if (expression.type === AST_NODE_TYPES.ConditionalExpression) {
      const alternate = judge(expression.alternate);
      return alternate.unhandled ? alternate : judge(expression.consequent);
    }
    if (expression.type === AST_NODE_TYPES.LogicalExpression) {
      const left = judge(expression.left);
      return left.unhandled ? left : judge(expression.right);
    }
    return { unhandled: true };
  }

  /** Typed: the handler's type has a call signature. Untyped: it is not clearly a non-function. */
  function isRejectionHandler(handler: TSESTree.Expression): boolean {
    const type = state.typeInfo?.getType(handler);
    if (type) return type.getCallSignatures().length > 0;
    return !isNonFunctionValue(handler);
  }

  function addOperator(
    fixer: TSESLint.RuleFixer,
    node: TSESTree.Node,
    expression: TSESTree.Expression,
    operator: 'await' | 'void',
  ): TSESLint.RuleFix | TSESLint.RuleFix[] {
    if (operator === 'await' && expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') {
      return fixer.replaceTextRange([expression.range[0], expression.range[0] + 'void'.length], 'await');
    }
    if (ASTUtils.isParenthesized(expression, sourceCode) || bindsTighterThanUnary(expression)) {
      return fixer.insertTextBefore(node, `${operator} `);
    }
    return [
      fixer.insertTextBefore(node, `${operator} (`),
      fixer.insertTextAfterRange([expression.range[1], expression.range[1]], ')'),
    ];
  }
}

function skipChain(node: TSESTree.Expression): TSESTree.Expression {
  return node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
}

function isIife(expression: TSESTree.Expression): boolean {
  return (
    expression.type === AST_NODE_TYPES.CallExpression &&
    (expression.callee.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      expression.callee.type === AST_NODE_TYPES.FunctionExpression)
  );
}

/** Expressions that need no parentheses after `await ` / `void `. */
function bindsTighterThanUnary(expression: TSESTree.Expression): boolean {
  switch (expression.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.TaggedTemplateExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    default:
      return false;
  }
}
