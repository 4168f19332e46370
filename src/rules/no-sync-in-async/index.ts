import { typeOrValueSpecifiersSchema } from '@typescript-eslint/type-utils';
import { ASTUtils, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isThenableType } from 'ts-api-utils';

import { calleeName, memberName, skipTypeWrappers } from '../../analysis/ast.js';
import { getAsyncContext, isFunctionNode } from '../../analysis/async-context.js';
import { getTypeInfo } from '../../analysis/type-info.js';
import { BLOCKING_APIS, CLOCK_READS } from '../../knowledge/blocking-apis.js';
import { createRule } from '../../utils/create-rule.js';
import { createDetector, isOwnModule } from './detect.js';
import { asyncAlternativeFix } from './suggest.js';
import type { MessageIds, Options } from './types.js';

export type { MessageIds, Options } from './types.js';

/** A capital `S` after a lower-case letter: `readJsonSync`, `globSync`, not `fsync` or `Sync`. */
const SYNC_SUFFIX = /[a-z]Sync$/;
/** Predicates about synchronisation, not synchronous variants: `isSync()`, `hasSync()`. */
const SYNC_PREDICATE = /^(?:is|has|can|should|needs|was|will|did|must)Sync$/;

const BUILTIN_NAMES: ReadonlySet<string> = new Set(BLOCKING_APIS.map((api) => api.name));

type Loop = TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.WhileStatement;

export default createRule<Options, MessageIds>({
  name: 'no-sync-in-async',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow synchronous blocking calls and busy-waits inside async code',
      recommended: { recommended: true, strict: [{ followCalls: 2 }] },
      requiresTypeChecking: false,
      typeAware: true,
    },
    hasSuggestions: true,
    messages: {
      blockingCall: '`{{name}}` blocks the event loop inside async code; use {{alternative}} instead.',
      blockingCallee:
        '`{{callee}}` calls `{{blockingCall}}`, which blocks the event loop inside async code; make the helper async or move the blocking call out of the async path.',
      syncSuffix:
        '`{{name}}` is a synchronous call that can block the event loop inside async code; use its asynchronous form.',
      busyWait:
        'This loop spins on the clock and blocks the event loop; use `await setTimeout(ms)` from `timers/promises` instead.',
      useAsyncAlternative: 'Await the `fs/promises` form of the call instead.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: {
            ...typeOrValueSpecifiersSchema,
            description:
              'APIs not to report: a name (`readFileSync`), a qualified name (`fs.readFileSync`) or a TypeOrValueSpecifier.',
          },
          additionalApis: {
            type: 'array',
            description: 'Blocking APIs to add to the built-in table.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['module', 'names', 'alternative'],
              properties: {
                module: { type: 'string', minLength: 1, description: 'The module (package) the APIs come from.' },
                names: {
                  type: 'array',
                  minItems: 1,
                  items: { type: 'string', minLength: 1 },
                  description: 'Functions of the module, or `Class#method` for instance methods.',
                },
                alternative: { type: 'string', minLength: 1, description: 'The non-blocking alternative the message names.' },
              },
            },
          },
          checkSyncSuffix: {
            type: 'boolean',
            description: 'Also report other calls whose name ends in `Sync`.',
          },
          followCalls: {
            type: 'integer',
            minimum: 0,
            maximum: 3,
            description: 'How many calls deep to follow into plain functions that block (0 turns it off).',
          },
        },
      },
    ],
    defaultOptions: [{ allow: [], additionalApis: [], checkSyncSuffix: true, followCalls: 1 }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const types = getTypeInfo(context);
    const followCalls = options.followCalls ?? 1;
    const detector = createDetector(context, types, {
      allow: options.allow ?? [],
      additionalApis: options.additionalApis ?? [],
      followCalls,
    });
    /** Names of functions and methods declared in this file: judged by body, not name. */
    const declaredNames = new Set<string>();
    const suffixCandidates: TSESTree.CallExpression[] = [];

    return {
      CallExpression(call) {
        if (!getAsyncContext(call)) return;
        const blocking = detector.directBlocking(call);
        if (blocking) {
          const fix =
            blocking.api && blocking.fromModuleOrigin
              ? asyncAlternativeFix(call, blocking.api, sourceCode)
              : undefined;
          context.report({
            node: call,
            messageId: 'blockingCall',
            data: { name: blocking.name, alternative: blocking.alternative },
            suggest: fix ? [{ messageId: 'useAsyncAlternative', fix }] : [],
          });
          return;
        }
        const callee = detector.blockingCallee(call);
        if (callee) {
          context.report({
            node: call,
            messageId: 'blockingCallee',
            data: { callee: callee.callee, blockingCall: callee.blockingCall },
          });
          return;
        }
        if (options.checkSyncSuffix !== false && isSyncSuffixCandidate(call)) suffixCandidates.push(call);
      },
      FunctionDeclaration(node) {
        if (node.id) declaredNames.add(node.id.name);
      },
      MethodDefinition(node) {
        addKeyName(node.key, node.computed);
      },
      PropertyDefinition(node) {
        if (node.value && isFunctionNode(skipTypeWrappers(node.value))) addKeyName(node.key, node.computed);
      },
      Property(node) {
        if (isFunctionNode(node.value)) addKeyName(node.key, node.computed);
      },
      VariableDeclarator(node) {
        if (node.id.type === AST_NODE_TYPES.Identifier && node.init && isFunctionNode(skipTypeWrappers(node.init))) {
          declaredNames.add(node.id.name);
        }
      },
      'Program:exit'() {
        for (const call of suffixCandidates) reportSyncSuffix(call);
      },
      'WhileStatement, DoWhileStatement, ForStatement'(loop: Loop) {
        if (!loop.test || !getAsyncContext(loop)) return;
        if (!readsClock(loop.test) || !isIdle(loop.body) || (loop.type === AST_NODE_TYPES.ForStatement && loop.update && !isIdle(loop.update))) {
          return;
        }
        context.report({ node: loop.test, messageId: 'busyWait' });
      },
    };

    function addKeyName(key: TSESTree.Node, computed: boolean): void {
      if (!computed && key.type === AST_NODE_TYPES.Identifier) declaredNames.add(key.name);
      else if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') declaredNames.add(key.value);
    }

    function isSyncSuffixCandidate(call: TSESTree.CallExpression): boolean {
      const name = calleeName(call);
      if (name === undefined || !SYNC_SUFFIX.test(name) || SYNC_PREDICATE.test(name)) return false;
      if (isTreatedAsAsync(call) || detector.isJudgedByBody(call) || detector.isCheapApi(call)) return false;
      // Untyped, a function of the project's own modules is not judged by name (with types it is judged by
      // its body), unless it bears the name of a built-in blocking API: a re-export of `fs`, most likely.
      const source = types ? undefined : detector.importedFrom(call);
      if (source !== undefined && isOwnModule(source) && !BUILTIN_NAMES.has(name)) return false;
      if (types) {
        const type = types.getType(call);
        const tsNode = types.tsNode(call);
        if (type && tsNode && isThenableType(types.checker, tsNode, type)) return false;
      }
      return true;
    }

    function reportSyncSuffix(call: TSESTree.CallExpression): void {
      const name = calleeName(call);
      if (name === undefined || declaredNames.has(name)) return;
      const callee = skipTypeWrappers(call.callee);
      const nameNode = callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : callee;
      if (detector.isAllowed(name, detector.importedFrom(call), nameNode)) return;
      context.report({ node: call, messageId: 'syncSuffix', data: { name } });
    }

    /** Awaited or `.then`-chained: whoever wrote it treats the call as asynchronous. */
    function isTreatedAsAsync(call: TSESTree.CallExpression): boolean {
      let node: TSESTree.Node = call;
      while (
        node.parent.type === AST_NODE_TYPES.ChainExpression ||
        node.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        node.parent.type === AST_NODE_TYPES.TSAsExpression
      ) {
        node = node.parent;
      }
      const parent = node.parent;
      if (parent.type === AST_NODE_TYPES.AwaitExpression) return true;
      return (
        parent.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === node &&
        ['then', 'catch', 'finally'].includes(memberName(parent) ?? '')
      );
    }

    /** Does the loop's condition itself call `Date.now()`, `performance.now()` or `process.hrtime`? */
    function readsClock(test: TSESTree.Expression): boolean {
      let found = false;
      walk(test, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return;
        const callee = skipTypeWrappers(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        let method = memberName(callee);
        let object = callee.object;
        if (
          method === 'bigint' &&
          object.type === AST_NODE_TYPES.MemberExpression &&
          memberName(object) === 'hrtime'
        ) {
          method = 'hrtime';
          object = object.object;
        }
        if (object.type !== AST_NODE_TYPES.Identifier) return;
        const objectName = object.name;
        if (!CLOCK_READS.some(([owner, read]) => owner === objectName && read === method)) return;
        const variable = ASTUtils.findVariable(sourceCode.getScope(node), object);
        if (!variable || variable.defs.length === 0) found = true;
      });
      return found;
    }

    /** Holds no call, `new`, `await` or `yield`: nothing that could let time pass usefully. */
    function isIdle(node: TSESTree.Node): boolean {
      let idle = true;
      walk(node, (inner) => {
        if (
          inner.type === AST_NODE_TYPES.CallExpression ||
          inner.type === AST_NODE_TYPES.NewExpression ||
          inner.type === AST_NODE_TYPES.AwaitExpression ||
          inner.type === AST_NODE_TYPES.YieldExpression ||
          inner.type === AST_NODE_TYPES.TaggedTemplateExpression ||
          (inner.type === AST_NODE_TYPES.ForOfStatement && inner.await)
        ) {
          idle = false;
        }
      });
      return idle;
    }

    function walk(node: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
      visit(node);
      if (isFunctionNode(node)) return;
      for (const key of sourceCode.visitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        for (const item of Array.isArray(child) ? (child as unknown[]) : [child]) {
          if (typeof item === 'object' && item !== null && 'type' in item) walk(item as TSESTree.Node, visit);
        }
      }
    }
  },
});
