import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { containsAbortCheck } from '../analysis/abort-handling.js';
import { isFunctionNode } from '../analysis/async-context.js';
import { awaitedHow, isMapCallbackOfAwaitedCombinator } from '../analysis/awaited-calls.js';
import { getSignalAnalysis, unwrap, walk, type SignalInfo } from '../analysis/signals.js';
import { createRule } from '../utils/create-rule.js';

export type Options = [];
export type MessageIds = 'abortedSignalInCleanup' | 'useFreshSignal' | 'dropSignal';

export default createRule<Options, MessageIds>({
  name: 'no-aborted-signal-in-cleanup',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow cleanup calls that are given the signal whose abort they clean up after',
      recommended: { recommended: true },
      requiresTypeChecking: false,
      typeAware: true,
    },
    hasSuggestions: true,
    messages: {
      abortedSignalInCleanup:
        'This cleanup call is given the same signal as the code it cleans up after; once that signal is aborted the call rejects at once and the cleanup never runs. Give it its own budget such as `AbortSignal.timeout(ms)`, or no signal.',
      useFreshSignal: 'Give the cleanup its own budget: `AbortSignal.timeout(5_000)`.',
      dropSignal: 'Give the cleanup no signal.',
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const analysis = getSignalAnalysis(context);
    const reported = new Set<TSESTree.Node>();

    return {
      TryStatement(statement) {
        const branches: TSESTree.Node[] = [
          ...(statement.finalizer ? [statement.finalizer] : []),
          ...(statement.handler ? abortBranches(statement.handler.body) : []),
        ].filter((branch) => containsAwait(branch));
        // Cheap filter first: no awaited cleanup, nothing to ask about signals.
        if (branches.length === 0) return;
        const protectedSignals = signalsOf(statement.block);
        if (protectedSignals.length === 0) return;
        for (const branch of branches) checkCleanup(branch, protectedSignals);
      },
    };

    /** The signals given to calls of the protected code (not in nested functions that run later). */
    function signalsOf(block: TSESTree.BlockStatement): SignalInfo[] {
      const found: SignalInfo[] = [];
      walk(block, (node) => {
        if (isFunctionNode(node)) return isMapCallbackOfAwaitedCombinator(node);
        if (node.type === AST_NODE_TYPES.CallExpression) {
          found.push(...analysis.signalsGivenTo(node).filter((info) => info.keys.size > 0));
        }
        return true;
      });
      return found;
    }

    function checkCleanup(branch: TSESTree.Node, protectedSignals: readonly SignalInfo[]): void {
      walk(branch, (node) => {
        if (isFunctionNode(node)) return isMapCallbackOfAwaitedCombinator(node);
        if (node.type !== AST_NODE_TYPES.CallExpression || awaitedHow(node) === undefined) return true;
        const same = analysis
          .signalsGivenTo(node)
          .find((info) => protectedSignals.some((signal) => analysis.sameSignal(signal, info)));
        if (same && !reported.has(node)) {
          reported.add(node);
          report(node, same);
        }
        return true;
      });
    }

    function report(call: TSESTree.CallExpression, info: SignalInfo): void {
      const target = editableSignal(call, info);
      context.report({
        node: call,
        messageId: 'abortedSignalInCleanup',
        suggest: target
          ? [
              { messageId: 'useFreshSignal', fix: (fixer) => replaceSignal(fixer, target) },
              { messageId: 'dropSignal', fix: (fixer) => dropSignal(fixer, target) },
            ]
          : [],
      });
    }

    /** The argument or property that carries the signal, when it is written in the call itself. */
    function editableSignal(
      call: TSESTree.CallExpression,
      info: SignalInfo,
    ): TSESTree.Property | TSESTree.CallExpressionArgument | undefined {
      if (info.text !== undefined) return undefined;
      const node = info.node;
      if (call.arguments.includes(node as TSESTree.CallExpressionArgument)) return node as TSESTree.CallExpressionArgument;
      const property = node.parent;
      if (
        property?.type === AST_NODE_TYPES.Property &&
        property.value === node &&
        call.arguments.some((argument) => unwrap(argument) === property.parent)
      ) {
        return property;
      }
      return undefined;
    }

    function replaceSignal(
      fixer: TSESLint.RuleFixer,
      target: TSESTree.Property | TSESTree.CallExpressionArgument,
    ): TSESLint.RuleFix {
      const fresh = 'AbortSignal.timeout(5_000)';
      if (target.type === AST_NODE_TYPES.Property) {
        return target.shorthand
          ? fixer.replaceText(target, `${sourceCode.getText(target.key)}: ${fresh}`)
          : fixer.replaceText(target.value, fresh);
      }
      return fixer.replaceText(target, fresh);
    }

    function dropSignal(
      fixer: TSESLint.RuleFixer,
      target: TSESTree.Property | TSESTree.CallExpressionArgument,
    ): TSESLint.RuleFix {
      const before = sourceCode.getTokenBefore(target);
      const after = sourceCode.getTokenAfter(target);
      if (after?.value === ',') return fixer.removeRange([target.range[0], after.range[1] + (sourceCode.text[after.range[1]] === ' ' ? 1 : 0)]);
      if (before?.value === ',') return fixer.removeRange([before.range[0], target.range[1]]);
      return fixer.remove(target);
    }
  },
});

function containsAwait(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (child) => {
    if (found || (isFunctionNode(child) && !isMapCallbackOfAwaitedCombinator(child))) return false;
    if (child.type === AST_NODE_TYPES.AwaitExpression || (child.type === AST_NODE_TYPES.ForOfStatement && child.await)) found = true;
    return !found;
  });
  return found;
}

/**
 * The branches of a catch taken when an explicit abort check finds the signal aborted:
 * `if (signal.aborted) { ... }`, `if (err.name === 'AbortError') { ... }`, or the `else` of
 * `if (!signal.aborted)`. Code reached only when the check fails is not cleanup.
 */
function abortBranches(body: TSESTree.BlockStatement): TSESTree.Statement[] {
  const branches: TSESTree.Statement[] = [];
  walk(body, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.IfStatement && containsAbortCheck(node.test)) {
      const negated = node.test.type === AST_NODE_TYPES.UnaryExpression && node.test.operator === '!';
      const branch = negated ? node.alternate : node.consequent;
      if (branch && !(node.test.type === AST_NODE_TYPES.LogicalExpression && node.test.operator === '||')) branches.push(branch);
    }
    return true;
  });
  return branches;
}
