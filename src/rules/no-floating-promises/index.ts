import {
  typeMatchesSomeSpecifier,
  typeOrValueSpecifiersSchema,
  valueMatchesSomeSpecifier,
} from '@typescript-eslint/type-utils';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { createPromiseOracle } from '../../analysis/promises.js';
import { calleeMatchesPackageSpecifier } from '../../analysis/specifiers.js';
import { getTypeInfo } from '../../analysis/type-info.js';
import { createRule } from '../../utils/create-rule.js';
import { statementListeners } from './statements.js';
import { storedListeners } from './stored.js';
import type { MessageIds, Options, PartState, RuleOptions } from './types.js';
import { voidCallbackListeners } from './void-callbacks.js';

export type { MessageIds, Options } from './types.js';

const handled =
  'await it, return it, end it with `.catch(handler)` or give `.then` a rejection handler';

export default createRule<Options, MessageIds>({
  name: 'no-floating-promises',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require promises to be awaited or handled: not left as statements, not stored and forgotten, not unhandled across an await, not returned into callbacks that ignore them',
      recommended: { recommended: true },
      requiresTypeChecking: false,
      typeAware: true,
    },
    // eslint-disable-next-line eslint-plugin/require-meta-has-suggestions -- the suggestions are reported from statements.ts
    hasSuggestions: true,
    messages: {
      floating: `This promise is neither awaited nor handled, so its rejection goes unhandled: ${handled}.`,
      floatingVoid: `This promise is neither awaited nor handled, so its rejection goes unhandled: ${handled}, or mark it as deliberately ignored with \`void\`.`,
      floatingPromiseArray:
        'This array of promises is neither awaited nor handled: combine it with `Promise.all`, `Promise.allSettled`, `Promise.any` or `Promise.race` and await the result.',
      floatingPromiseArrayVoid:
        'This array of promises is neither awaited nor handled: combine it with `Promise.all`, `Promise.allSettled`, `Promise.any` or `Promise.race` and await the result, or mark it as deliberately ignored with `void`.',
      floatingUselessRejectionHandler: `This promise's rejection handler is not a function, so rejections go unhandled: ${handled}.`,
      floatingUselessRejectionHandlerVoid: `This promise's rejection handler is not a function, so rejections go unhandled: ${handled}, or mark it as deliberately ignored with \`void\`.`,
      forgotten:
        'This promise is stored but never awaited, returned or handled, so its rejection goes unhandled: await it, pass it to `Promise.all`, or attach a rejection handler.',
      unhandledDuringAwait:
        'This promise has no handler yet while the function awaits something else (or leaves) first; if it rejects meanwhile, the rejection is unhandled even inside `try`: combine the work with `Promise.all`, or attach a handler before that point.',
      voidCallback:
        'This callback returns a promise where its result is ignored, so a rejection inside it goes unhandled: catch errors inside it (wrap the body in `try`/`catch`), or pass a non-async function that handles the promise.',
      floatingFixAwait: 'Add `await`.',
      floatingFixVoid: 'Mark the promise as deliberately ignored with `void`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkStatements: {
            type: 'boolean',
            description:
              "Whether to report promise-valued statements (turn off when typescript-eslint's no-floating-promises stays on).",
          },
          ignoreVoid: { type: 'boolean', description: 'Whether to ignore `void` expressions.' },
          ignoreIIFE: {
            type: 'boolean',
            description: 'Whether to ignore async IIFEs (Immediately Invoked Function Expressions).',
          },
          checkThenables: {
            type: 'boolean',
            description: 'Whether to check all "Thenable"s, not just the built-in Promise type (typed only).',
          },
          allowForKnownSafePromises: {
            ...typeOrValueSpecifiersSchema,
            description: 'Type specifiers that are known to be safe to float.',
          },
          allowForKnownSafeCalls: {
            ...typeOrValueSpecifiersSchema,
            description: 'Type specifiers of functions whose calls are safe to float.',
          },
          checkCallbacks: {
            type: 'boolean',
            description: 'Whether to report async functions passed where the callee ignores their result.',
          },
        },
      },
    ],
    defaultOptions: [
      {
        checkStatements: true,
        ignoreVoid: true,
        ignoreIIFE: false,
        checkThenables: false,
        allowForKnownSafePromises: [],
        allowForKnownSafeCalls: [],
        checkCallbacks: true,
      },
    ],
  },
  create(context, [partial]) {
    const options: RuleOptions = {
      checkStatements: partial.checkStatements ?? true,
      ignoreVoid: partial.ignoreVoid ?? true,
      ignoreIIFE: partial.ignoreIIFE ?? false,
      checkThenables: partial.checkThenables ?? false,
      allowForKnownSafePromises: partial.allowForKnownSafePromises ?? [],
      allowForKnownSafeCalls: partial.allowForKnownSafeCalls ?? [],
      checkCallbacks: partial.checkCallbacks ?? true,
    };
    const typeInfo = getTypeInfo(context);
    const sourceCode = context.sourceCode;
    const safePromises = options.allowForKnownSafePromises;
    const oracle = createPromiseOracle(context, typeInfo, {
      checkThenables: options.checkThenables,
      ...(typeInfo && safePromises.length > 0
        ? { isSafeType: (type) => typeMatchesSomeSpecifier(type, safePromises, typeInfo.program) }
        : {}),
    });
    const state: PartState = { context, options, oracle, typeInfo, isKnownSafeCall };

    const parts = [
      options.checkStatements ? statementListeners(state) : {},
      storedListeners(state),
      options.checkCallbacks ? voidCallbackListeners(state) : {},
    ];
    return mergeListeners(parts);

    /** `allowForKnownSafeCalls` (typed: any specifier; untyped: `from: 'package'` by import), and untyped `allowForKnownSafePromises`. */
    function isKnownSafeCall(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const calls = options.allowForKnownSafeCalls;
      if (typeInfo) {
        if (calls.length === 0) return false;
        const type = typeInfo.getType(node.callee);
        if (!type) return false;
        return (
          valueMatchesSomeSpecifier(node.callee, calls, typeInfo.program, type) ||
          typeMatchesSomeSpecifier(type, calls, typeInfo.program)
        );
      }
      return (
        calleeMatchesPackageSpecifier(sourceCode, node.callee, calls) ||
        calleeMatchesPackageSpecifier(sourceCode, node.callee, safePromises)
      );
    }
  },
});

/** One listener object from several parts; listeners on the same selector run in part order. */
function mergeListeners(parts: readonly TSESLint.RuleListener[]): TSESLint.RuleListener {
  const merged = new Map<string, ((node: never) => void)[]>();
  for (const part of parts) {
    for (const [selector, listener] of Object.entries(part)) {
      if (typeof listener !== 'function') continue;
      const list = merged.get(selector) ?? [];
      list.push(listener);
      merged.set(selector, list);
    }
  }
  return Object.fromEntries(
    [...merged].map(([selector, listeners]) => [
      selector,
      (node: never) => {
        for (const listener of listeners) listener(node);
      },
    ]),
  );
}
