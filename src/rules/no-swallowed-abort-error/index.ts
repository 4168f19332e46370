import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  containsAbortCheck,
  errorNamesOf,
  handlerPathEnds,
  swallowsAbort,
  type HandlerFacts,
  type PathEnd,
} from '../../analysis/abort-handling.js';
import { memberName } from '../../analysis/ast.js';
import { getEnclosingFunction, isFunctionNode } from '../../analysis/async-context.js';
import { awaitedHow, isMapCallbackOfAwaitedCombinator } from '../../analysis/awaited-calls.js';
import { getSignalAnalysis, unwrap, walk, type SignalInfo } from '../../analysis/signals.js';
import { createRule } from '../../utils/create-rule.js';
import {
  containsLeave,
  enclosingLoop,
  expressionHandles,
  firstAwaitedCall,
  isInScopeAt,
  isNameable,
  isRunInPlace,
  isThrowIfAborted,
  leavesAtOnce,
  receiverChain,
  rejectionHandlerOf,
  type Loop,
} from './syntax.js';

const { DefinitionType } = TSESLint.Scope;

export type Options = [];
export type MessageIds = 'swallowedAbort' | 'retryLoop' | 'addThrowIfAborted' | 'addAbortRethrow';

export default createRule<Options, MessageIds>({
  name: 'no-swallowed-abort-error',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow handlers that catch the abort of the caller's AbortSignal and carry on",
      recommended: { recommended: true },
      requiresTypeChecking: false,
      typeAware: true,
    },
    hasSuggestions: true,
    messages: {
      swallowedAbort:
        "This handler can receive the abort of the caller's signal and neither re-throws it nor stops; re-throw it (or check for the abort and leave) so that cancellation is not swallowed.",
      retryLoop:
        "This retry loop catches the abort of the caller's signal and tries again after cancellation; re-throw the abort (or check the signal and leave the loop).",
      addThrowIfAborted: 'Insert `{{signal}}.throwIfAborted();` at the start of the handler.',
      addAbortRethrow: "Re-throw the error first when it is an 'AbortError'.",
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const analysis = getSignalAnalysis(context);

    return {
      CatchClause(clause) {
        const tryStatement = clause.parent;
        const signals = abortSourcesOfTry(tryStatement.block);
        if (signals.length === 0) return;
        const error = clause.param?.type === AST_NODE_TYPES.Identifier ? clause.param : undefined;
        const ends = handlerPathEnds(clause.body.body, factsFor(signals, error, errorNamesOf(clause.body, error)));
        if (!swallowsAbort(ends)) return;
        const loop = enclosingLoop(tryStatement);
        if (loop && observesAbort(loop, signals)) return;
        if (ends.has('through') && !ends.has('unhandled') && continuationStops(tryStatement, signals)) return;
        const messageId = loop && ends.has('through') ? 'retryLoop' : 'swallowedAbort';
        const keyword = sourceCode.getFirstToken(clause);
        context.report({
          ...(clause.param ? { node: clause.param } : { node: clause, loc: keyword?.loc ?? clause.loc }),
          messageId,
          suggest: suggestions(clause.body, signals, error),
        });
      },
      CallExpression(call) {
        const handler = rejectionHandlerOf(call);
        if (!handler) return;
        const receiver = (call.callee as TSESTree.MemberExpression).object;
        const chain = receiverChain(receiver);
        if (!chain) return;
        const signals = chain.flatMap((link) => externalSignalsGivenTo(link));
        if (signals.length === 0) return;
        const first = handler.params[0];
        const error = first?.type === AST_NODE_TYPES.Identifier ? first : undefined;
        const facts = factsFor(signals, error, errorNamesOf(handler.body, error));
        const ends: Set<PathEnd> =
          handler.body.type === AST_NODE_TYPES.BlockStatement
            ? handlerPathEnds(handler.body.body, facts)
            : new Set([expressionHandles(handler.body, facts) ? 'handled' : 'unhandled']);
        if (!swallowsAbort(ends)) return;
        context.report({
          node: handler,
          loc: ASTUtils.getFunctionHeadLocation(handler, sourceCode),
          messageId: 'swallowedAbort',
          suggest: handler.body.type === AST_NODE_TYPES.BlockStatement ? suggestions(handler.body, signals, error) : [],
        });
      },
    };

    /**
     * The external signals whose abort a `try` block can throw: awaited calls given one
     * (`await`, `for await`, `await using`, also through an awaited `Promise.all`), and
     * `signal.throwIfAborted()`. Returned calls without `await` are not caught there.
     */
    function abortSourcesOfTry(block: TSESTree.BlockStatement): SignalInfo[] {
      const owner = getEnclosingFunction(block);
      const found: SignalInfo[] = [];
      walk(block, (node) => {
        if (isFunctionNode(node)) return isMapCallbackOfAwaitedCombinator(node) || isRunInPlace(node);
        if (node.type !== AST_NODE_TYPES.CallExpression) return true;
        if (isThrowIfAborted(node)) {
          const info = analysis.classify((node.callee as TSESTree.MemberExpression).object);
          if (info.kind === 'external') found.push(info);
          return true;
        }
        const how = awaitedHow(node);
        if ((how === 'await' || (how === 'return' && getEnclosingFunction(node) !== owner)) && !neverRejectsWithAbort(node)) {
          found.push(...externalSignalsGivenTo(node));
        }
        return true;
      });
      return found;
    }

    /**
     * A function of the same file that takes the signal only to stop waiting: it reads
     * `.aborted` and adds or removes `'abort'` listeners, and neither throws nor rejects
     * (`settledOrAborted(p, signal)` resolves on abort). Its call does not throw the abort.
     */
    function neverRejectsWithAbort(call: TSESTree.CallExpression): boolean {
      if (call.callee.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = analysis.variableOf(call.callee)?.defs[0];
      if (definition?.type !== DefinitionType.FunctionName || definition.node.type !== AST_NODE_TYPES.FunctionDeclaration) return false;
      const fn = definition.node;
      const index = call.arguments.findIndex((argument) => analysis.isSignalLike(argument));
      const parameter = fn.params[index];
      if (index < 0 || parameter?.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = analysis.variableOf(parameter);
      if (!variable) return false;
      const quiet = variable.references.every((reference) => {
        const member = reference.identifier.parent;
        // Presence tests: `if (!signal)`, `signal && ...`, `signal == null`.
        if (
          (member.type === AST_NODE_TYPES.UnaryExpression && member.operator === '!') ||
          (member.type === AST_NODE_TYPES.IfStatement && member.test === reference.identifier) ||
          member.type === AST_NODE_TYPES.LogicalExpression ||
          (member.type === AST_NODE_TYPES.BinaryExpression && ['==', '===', '!=', '!=='].includes(member.operator))
        ) {
          return true;
        }
        if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
        const name = memberName(member);
        return name === 'aborted' || name === 'addEventListener' || name === 'removeEventListener';
      });
      if (!quiet) return false;
      let rejects = false;
      walk(fn.body, (node) => {
        if (rejects) return false;
        if (node.type === AST_NODE_TYPES.ThrowStatement) rejects = true;
        if (node.type === AST_NODE_TYPES.Identifier && node.name === 'reject') rejects = true;
        return !rejects;
      });
      return !rejects;
    }

    function externalSignalsGivenTo(call: TSESTree.CallExpression): SignalInfo[] {
      return analysis.signalsGivenTo(call).filter((info) => info.kind === 'external');
    }

    function factsFor(
      signals: readonly SignalInfo[],
      error: TSESTree.Identifier | undefined,
      errorNames?: ReadonlySet<string>,
    ): HandlerFacts {
      const isSame = (info: SignalInfo): boolean => signals.some((signal) => analysis.sameSignal(signal, info));
      return {
        error,
        isRetryWithSignal: (node) => {
          const expression = unwrap(node);
          let call: TSESTree.Node = expression;
          // `retry().then(...)`: the chain's head is the call.
          while (call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression) {
            const name = memberName(call.callee);
            if (name !== 'then' && name !== 'catch' && name !== 'finally') break;
            call = unwrap(call.callee.object);
          }
          return call.type === AST_NODE_TYPES.CallExpression && analysis.signalsGivenTo(call).some(isSame);
        },
        isSameSignal: (node) => isSame(analysis.classify(node)),
        variableOf: (identifier) => analysis.variableOf(identifier),
        ...(errorNames ? { errorNames } : {}),
      };
    }

    /** After the `try`: is the next awaited call given the same signal, or `signal.throwIfAborted()`? */
    function continuationStops(tryStatement: TSESTree.TryStatement, signals: readonly SignalInfo[]): boolean {
      const parent = tryStatement.parent;
      if (parent.type !== AST_NODE_TYPES.BlockStatement && parent.type !== AST_NODE_TYPES.Program) return false;
      const body = parent.body as readonly TSESTree.Node[];
      const facts = factsFor(signals, undefined);
      for (const statement of body.slice(body.indexOf(tryStatement) + 1)) {
        if (
          statement.type === AST_NODE_TYPES.ExpressionStatement &&
          isThrowIfAborted(unwrap(statement.expression)) &&
          facts.isSameSignal(((unwrap(statement.expression) as TSESTree.CallExpression).callee as TSESTree.MemberExpression).object)
        ) {
          return true;
        }
        // `if (signal.aborted) break;` right after the try: the abort is observed there.
        if (statement.type === AST_NODE_TYPES.IfStatement && containsAbortCheck(statement.test) && leavesAtOnce(statement.consequent)) {
          return true;
        }
        const awaited = firstAwaitedCall(statement);
        if (awaited) return facts.isRetryWithSignal(awaited);
        if (containsLeave(statement)) return false;
      }
      return false;
    }

    /** A loop whose condition, or whose body's first statement, checks the signal and leaves. */
    function observesAbort(loop: Loop, signals: readonly SignalInfo[]): boolean {
      if (loop.test && containsAbortCheck(loop.test)) return true;
      const body = loop.body;
      const first = body.type === AST_NODE_TYPES.BlockStatement ? body.body[0] : body;
      if (!first) return false;
      if (first.type === AST_NODE_TYPES.ExpressionStatement) {
        const expression = unwrap(first.expression);
        return isThrowIfAborted(expression) && factsFor(signals, undefined).isSameSignal((expression.callee as TSESTree.MemberExpression).object);
      }
      if (first.type === AST_NODE_TYPES.IfStatement && containsAbortCheck(first.test)) return leavesAtOnce(first.consequent);
      return false;
    }

    function suggestions(
      body: TSESTree.BlockStatement,
      signals: readonly SignalInfo[],
      error: TSESTree.Identifier | undefined,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const brace = sourceCode.getFirstToken(body);
      if (!brace) return [];
      const firstStatement = body.body[0];
      const indent = firstStatement
        ? ' '.repeat(firstStatement.loc.start.column)
        : ' '.repeat((sourceCode.lines[body.loc.start.line - 1]?.search(/\S/u) ?? 0) + 2);
      const signal = signals.find((info) => isNameable(unwrap(info.node)) && isInScopeAt(unwrap(info.node), body));
      if (signal) {
        const node = unwrap(signal.node);
        const text = signal.text ?? sourceCode.getText(node);
        const optional = signal.text !== undefined || analysis.isNullable(node) || isOptionalInText(node);
        const call = `${text}${optional ? '?.' : '.'}throwIfAborted();`;
        return [
          {
            messageId: 'addThrowIfAborted',
            data: { signal: text },
            fix: (fixer) => fixer.insertTextAfter(brace, `\n${indent}${call}`),
          },
        ];
      }
      if (!error) return [];
      return [
        {
          messageId: 'addAbortRethrow',
          fix: (fixer) =>
            fixer.insertTextAfter(
              brace,
              `\n${indent}if (${error.name} instanceof Error && ${error.name}.name === 'AbortError') throw ${error.name};`,
            ),
        },
      ];
    }

    /** Untyped: `options.signal` may be absent; a plain signal parameter is taken as given. */
    function isOptionalInText(signal: TSESTree.Expression): boolean {
      if (analysis.types) return false;
      if (signal.type !== AST_NODE_TYPES.Identifier) return true;
      const definition = analysis.variableOf(signal)?.defs[0];
      const name = definition?.name;
      const isPlainParameter = definition?.type === DefinitionType.Parameter && name?.type === AST_NODE_TYPES.Identifier && isFunctionNode(name.parent);
      return !isPlainParameter || name.optional;
    }
  },
});
