import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { containsAbortCheck, isAbortCheckNode } from '../../analysis/abort-handling.js';
import {
  getEnclosingFunction,
  runsSynchronouslyInParent,
  type FunctionNode,
} from '../../analysis/async-context.js';
import { awaitedHow, isCallbackOfAwaitedCall, isMapCallbackOfAwaitedCombinator } from '../../analysis/awaited-calls.js';
import { isInFinally, statementExits, throwsOrReturns } from '../../analysis/exits.js';
import {
  getSignalAnalysis,
  unwrap,
  type ExternalSignal,
  type SignalInfo,
} from '../../analysis/signals.js';
import { getTypeInfo } from '../../analysis/type-info.js';
import { createRule } from '../../utils/create-rule.js';
import { isSleepHelperCall, isSleepPromise } from './sleep.js';
import { tableSlot, typedSlot, type SignalSlot } from './slots.js';

export type Options = [];
export type MessageIds = 'missingSignal' | 'unlinkedSignal' | 'unabortableSleep' | 'forwardSignal' | 'linkSignals';

type Variable = TSESLint.Scope.Variable;

export default createRule<Options, MessageIds>({
  name: 'require-signal-forwarding',
  meta: {
    type: 'problem',
    docs: {
      description: "Require the caller's AbortSignal to be handed on to the calls an async function awaits",
      recommended: { recommended: true },
      requiresTypeChecking: false,
      typeAware: true,
    },
    hasSuggestions: true,
    messages: {
      missingSignal:
        '`{{callee}}` can take an AbortSignal but is not given `{{signal}}`; pass it on so that cancelling the caller cancels this call too.',
      unlinkedSignal:
        "This call is given a local signal that is not linked to the caller's signal; combine them with `AbortSignal.any([...])` so that cancelling the caller cancels this call too.",
      unabortableSleep:
        "This sleep cannot observe the caller's AbortSignal and keeps a cancelled operation waiting; use `setTimeout(ms, undefined, { signal })` from `timers/promises`.",
      forwardSignal: 'Pass the signal to this call.',
      linkSignals: "Combine the local signal with the caller's signal using `AbortSignal.any([...])`.",
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const analysis = getSignalAnalysis(context);
    const types = getTypeInfo(context);
    const externalsCache = new Map<FunctionNode, readonly ExternalSignal[]>();

    return {
      CallExpression(call) {
        const owner = ownerOf(call);
        if (!owner) return;
        if (isSleepHelperCall(sourceCode, types, call)) {
          checkSleep(call, owner);
          return;
        }
        checkCall(call, owner);
      },
      NewExpression(node) {
        if (!isSleepPromise(sourceCode, node)) return;
        const owner = ownerOf(node);
        if (owner) checkSleep(node, owner);
      },
    };

    function checkCall(call: TSESTree.CallExpression, owner: FunctionNode): void {
      const externals = externalsOf(owner);
      if (externals.length === 0 || isExempt(call, owner, externals)) return;
      const roots = rootsOf(externals);
      if (call.arguments.some((argument) => analysis.mentionsAny(argument, roots))) return;
      const given = analysis.signalsGivenTo(call);
      if (given.length > 0) {
        const unlinked = given.find((info) => isUnlinkedLocal(info, roots));
        if (unlinked && given.every((info) => info.kind === 'local')) {
          reportUnlinked(call, unlinked, externals[0]);
        }
        return;
      }
      const slot = slotOf(call);
      if (!slot) return;
      const signal = externals[0];
      if (!signal) return;
      context.report({
        node: call,
        messageId: 'missingSignal',
        data: { callee: slot.callee, signal: signal.text },
        suggest: slot.index === undefined ? [] : [{ messageId: 'forwardSignal', fix: (fixer) => forwardFix(fixer, call, slot, signal) }],
      });
    }

    function checkSleep(node: TSESTree.CallExpression | TSESTree.NewExpression, owner: FunctionNode): void {
      const externals = externalsOf(owner);
      if (externals.length === 0 || isExempt(node, owner, externals)) return;
      context.report({ node, messageId: 'unabortableSleep' });
    }

    /** The async (or promise-returning) function a call is awaited or returned in. */
    function ownerOf(node: TSESTree.Node): FunctionNode | undefined {
      const how = awaitedHow(node);
      if (!how) return undefined;
      let fn = getEnclosingFunction(node);
      while (fn && !fn.async) {
        if (how === 'return' && (isMapCallbackOfAwaitedCombinator(fn) || runsSynchronouslyInParent(fn))) {
          fn = getEnclosingFunction(fn);
          continue;
        }
        return how === 'return' ? fn : undefined;
      }
      return fn;
    }

    function externalsOf(owner: FunctionNode): readonly ExternalSignal[] {
      let externals = externalsCache.get(owner);
      if (!externals) {
        externals = analysis.externalSignalsOf(
          owner,
          (inner) => runsSynchronouslyInParent(inner) || isMapCallbackOfAwaitedCombinator(inner) || isCallbackOfAwaitedCall(inner),
        );
        externalsCache.set(owner, externals);
      }
      return externals;
    }

    function rootsOf(externals: readonly ExternalSignal[]): Set<Variable> {
      const roots = new Set<Variable>();
      for (const external of externals) {
        for (const root of analysis.rootVariables(external.info.node)) roots.add(root);
      }
      return roots;
    }

    /** Cleanup, abort branches and branches where the signal is absent are not reported. */
    function isExempt(node: TSESTree.Node, owner: FunctionNode, externals: readonly ExternalSignal[]): boolean {
      if (isInFinally(node)) return true;
      const roots = rootsOf(externals);
      let child: TSESTree.Node = node;
      for (let parent = node.parent; parent && parent !== owner; child = parent, parent = parent.parent) {
        if (
          parent.type === AST_NODE_TYPES.CatchClause &&
          containsAbortCheck(parent.body, node.range[0]) &&
          !leavesWhenAbortedBefore(parent.body, node)
        ) {
          return true;
        }
        if (
          (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) &&
          child !== parent.test &&
          isExemptBranch(parent, child === parent.consequent, roots)
        ) {
          return true;
        }
      }
      return false;
    }

    /** A branch of a test on the signal: the absent branch, the aborted branch, or any branch of a test we cannot read. */
    function isExemptBranch(
      test: TSESTree.IfStatement | TSESTree.ConditionalExpression,
      inConsequent: boolean,
      roots: ReadonlySet<Variable>,
    ): boolean {
      if (!analysis.mentionsAny(test.test, roots)) return false;
      let core = unwrap(test.test);
      let negated = false;
      while (core.type === AST_NODE_TYPES.UnaryExpression && core.operator === '!') {
        negated = !negated;
        core = unwrap(core.argument);
      }
      if (isAbortCheckNode(core)) {
        // The aborted branch is cleanup; the other branch runs while the signal is live.
        return inConsequent !== negated;
      }
      if (core.type === AST_NODE_TYPES.Identifier || core.type === AST_NODE_TYPES.MemberExpression) {
        // `if (signal)`: the signal is absent in the other branch.
        return inConsequent === negated;
      }
      if (core.type === AST_NODE_TYPES.BinaryExpression && ['==', '===', '!=', '!=='].includes(core.operator)) {
        const other = isNullish(core.left) ? core.left : core.right;
        if (isNullish(other)) {
          const equal = core.operator.startsWith('=') !== negated;
          return inConsequent === equal;
        }
      }
      return true;
    }

    /**
     * The slot a call leaves for a signal: typed from its signatures (falling back on the
     * table when the types say nothing); untyped from the table.
     */
    function slotOf(call: TSESTree.CallExpression): SignalSlot | null | undefined {
      if (types) {
        if (call.arguments.some((argument) => carriesSignalProperty(argument))) return null;
        const slot = typedSlot(types, sourceCode, call);
        if (slot !== undefined) return slot;
      }
      return tableSlot(sourceCode, call);
    }

    function carriesSignalProperty(argument: TSESTree.CallExpressionArgument): boolean {
      if (!types || argument.type === AST_NODE_TYPES.SpreadElement) return false;
      if (unwrap(argument).type === AST_NODE_TYPES.ObjectExpression) return false;
      const type = types.getType(argument);
      return type !== undefined && analysis.typeHasSignalProperty(type);
    }

    /** A local signal (timeout or controller of the function) with no link to an external one. */
    function isUnlinkedLocal(info: SignalInfo, roots: ReadonlySet<Variable>): boolean {
      if (info.kind !== 'local') return false;
      if (info.local === 'timeout') return true;
      const controller = info.controller;
      if (!controller) return false;
      for (const reference of controller.references) {
        if (reference.init) continue;
        const identifier = reference.identifier;
        const member = identifier.parent;
        if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return false;
        const name = member.computed ? undefined : (member.property as TSESTree.Identifier).name;
        if (name === 'signal') {
          const statement = enclosingCallOrStatement(member);
          if (statement && analysis.mentionsAny(statement, roots)) return false;
          continue;
        }
        if (name === 'abort' && isInTimerCallback(member)) continue;
        return false;
      }
      return true;
    }

    function reportUnlinked(call: TSESTree.CallExpression, info: SignalInfo, external: ExternalSignal | undefined): void {
      context.report({
        node: call,
        messageId: 'unlinkedSignal',
        // `AbortSignal.any` throws on `undefined`: offered only for a signal that is always there.
        suggest:
          external && !external.optional
            ? [
                {
                  messageId: 'linkSignals',
                  fix: (fixer) =>
                    fixer.replaceText(info.node, `AbortSignal.any([${external.text}, ${sourceCode.getText(info.node)}])`),
                },
              ]
            : [],
      });
    }

    function forwardFix(
      fixer: TSESLint.RuleFixer,
      call: TSESTree.CallExpression,
      slot: SignalSlot,
      signal: ExternalSignal,
    ): TSESLint.RuleFix {
      const index = slot.index ?? 0;
      // Signal parameters take `AbortSignal | undefined`: a `null` is turned into `undefined`.
      const signalText = signal.nullable === true ? `${signal.text} ?? undefined` : signal.text;
      const value =
        slot.kind === 'parameter'
          ? signalText
          : slot.property === signalText
            ? `{ ${signalText} }`
            : `{ ${slot.property}: ${signalText} }`;
      const given = call.arguments[index];
      if (given && slot.kind === 'options') {
        const object = unwrap(given) as TSESTree.ObjectExpression;
        const entry = slot.property === signalText ? signalText : `${slot.property}: ${signalText}`;
        const last = object.properties.at(-1);
        if (!last) return fixer.replaceText(object, `{ ${entry} }`);
        return fixer.insertTextAfter(last, `, ${entry}`);
      }
      const fillers = Array.from({ length: index - call.arguments.length }, () => 'undefined');
      const text = [...fillers, value].join(', ');
      const lastArgument = call.arguments.at(-1);
      if (lastArgument) return fixer.insertTextAfter(lastArgument, `, ${text}`);
      const closing = sourceCode.getLastToken(call);
      return fixer.insertTextBefore(closing ?? call, text);
    }
  },
});

/**
 * Does the catch body leave, when the signal is aborted, before `node`: an earlier
 * `if (signal.aborted) throw err;` (or `if (signal.aborted || attempt > 3) return;`), or
 * `signal.throwIfAborted()`? Then `node` runs only while the signal is live (a retry's
 * backoff), and is not cleanup.
 */
function leavesWhenAbortedBefore(body: TSESTree.BlockStatement, node: TSESTree.Node): boolean {
  for (const statement of body.body) {
    if (statement.range[1] > node.range[0]) return false;
    if (
      statement.type === AST_NODE_TYPES.IfStatement &&
      isTrueWhenAborted(statement.test) &&
      statementExits(statement.consequent, throwsOrReturns) === 'always'
    ) {
      return true;
    }
    if (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.CallExpression &&
      statement.expression.callee.type === AST_NODE_TYPES.MemberExpression &&
      !statement.expression.callee.computed &&
      statement.expression.callee.property.type === AST_NODE_TYPES.Identifier &&
      statement.expression.callee.property.name === 'throwIfAborted'
    ) {
      return true;
    }
  }
  return false;
}

/** Is `test` true whenever the signal is aborted: an abort check, or an `||` with one? */
function isTrueWhenAborted(test: TSESTree.Expression): boolean {
  const core = unwrap(test);
  if (core.type === AST_NODE_TYPES.LogicalExpression && core.operator === '||') {
    return isTrueWhenAborted(core.left) || isTrueWhenAborted(core.right);
  }
  return isAbortCheckNode(core);
}

function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
    (node.type === AST_NODE_TYPES.Literal && node.value === null)
  );
}

/** The call or statement that holds a `controller.signal` read. */
function enclosingCallOrStatement(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression) return current;
    if (current.type.endsWith('Statement') || current.type === AST_NODE_TYPES.VariableDeclarator) return current;
  }
  return undefined;
}

/** Is `node` inside a callback given to `setTimeout` (the controller's own timeout)? */
function isInTimerCallback(node: TSESTree.Node): boolean {
  const fn = getEnclosingFunction(node);
  const call = fn?.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'setTimeout';
}
