/**
 * `voidCallback`: an async (or promise-returning) function handed to a callee that ignores its
 * result, so its rejection is unhandled. Typed: a parameter whose declared return type is
 * `void`; untyped (and typed, where the callee has no usable type): the known callees.
 * `new Promise` executors, `setInterval` and `'data'` handlers are left to other rules.
 */
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import * as tsutils from 'ts-api-utils';
import ts from 'typescript';

import { memberName, staticName } from '../../analysis/ast.js';
import type { FunctionNode } from '../../analysis/async-context.js';
import { functionCannotReject, isGlobalName, isPromiseLikeType } from '../../analysis/promises.js';
import type { PartState } from './types.js';

const EMITTER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const GLOBAL_CALLBACK_TIMERS = new Set(['setTimeout', 'setImmediate', 'queueMicrotask']);
/** DOM-style handler properties: `ws.onmessage`, `req.onerror`. */
const HANDLER_PROPERTY = /^on[a-z]+$/u;

type Verdict = 'ignored' | 'used' | 'unknown';

export function voidCallbackListeners(state: PartState): TSESLint.RuleListener {
  const { context, oracle, typeInfo } = state;
  const sourceCode = context.sourceCode;

  return {
    'ArrowFunctionExpression, FunctionExpression'(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression) {
      if (fn.generator || !mayReturnPromise(fn)) return;
      const parent = fn.parent;
      const call =
        (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
        parent.arguments.includes(fn)
          ? parent
          : undefined;
      if (!call && !isHandlerPropertyAssignment(fn)) return;
      if (call && isLeftToOtherRules(call, fn)) return;
      if (functionCannotReject(fn)) return;
      const verdict = call ? callVerdict(call, fn) : typedVerdict(fn) === 'used' ? 'used' : 'ignored';
      // The callee's parameter type is usually resolved already; the body's type often is not.
      if (verdict !== 'ignored' || (!fn.async && !oracle.returnsPromise(fn))) return;
      context.report({
        loc: ASTUtils.getFunctionHeadLocation(fn, sourceCode),
        messageId: 'voidCallback',
      });
    },
  };

  /** Typed: the parameter's declared type, unless another overload uses the result; else the known callees. */
  function callVerdict(call: TSESTree.CallExpression | TSESTree.NewExpression, fn: FunctionNode): Verdict {
    const verdict = typedVerdict(fn);
    if (verdict === 'ignored') return anOverloadUsesResult(call, fn) ? 'used' : 'ignored';
    if (verdict === 'unknown' && call.type === AST_NODE_TYPES.CallExpression) return knownCallee(call, fn);
    return verdict;
  }

  /** Cheap filter: async, a return type annotation, or an arrow whose expression body may be a promise. */
  function mayReturnPromise(fn: FunctionNode): boolean {
    return (
      fn.async ||
      fn.returnType !== undefined ||
      (fn.type === AST_NODE_TYPES.ArrowFunctionExpression &&
        fn.body.type !== AST_NODE_TYPES.BlockStatement &&
        mayBePromiseExpression(fn.body))
    );
  }

  /** `new Promise(async …)` (no-async-promise-executor), `setInterval` and `'data'` handlers (no-unbounded-concurrency). */
  function isLeftToOtherRules(call: TSESTree.CallExpression | TSESTree.NewExpression, fn: FunctionNode): boolean {
    if (call.type === AST_NODE_TYPES.NewExpression) {
      return isGlobalName(sourceCode, call.callee, 'Promise') && call.arguments[0] === fn;
    }
    const callee = call.callee;
    const name = staticName(callee);
    if (name === 'setInterval') return true;
    const event = call.arguments[0];
    return (
      name !== undefined &&
      EMITTER_METHODS.has(name) &&
      event?.type === AST_NODE_TYPES.Literal &&
      event.value === 'data'
    );
  }

  /** Typed: does the parameter (or property) the function is given to declare a `void` return? */
  function typedVerdict(fn: FunctionNode): Verdict {
    if (!typeInfo) return 'unknown';
    const tsNode = typeInfo.tsNode(fn);
    if (!tsNode) return 'unknown';
    let contextual: ts.Type | undefined;
    try {
      contextual = parameterTypeOfResolvedCall(fn) ?? typeInfo.checker.getContextualType(tsNode as ts.Expression);
    } catch {
      return 'unknown';
    }
    if (!contextual) return 'unknown';
    const signatures = tsutils
      .unionConstituents(typeInfo.checker.getApparentType(contextual))
      .flatMap((part) => part.getCallSignatures());
    if (signatures.length === 0) return 'unknown';
    const returnTypes = signatures.map((signature) => signature.getReturnType());
    if (returnTypes.every((type) => tsutils.isTypeFlagSet(type, ts.TypeFlags.Void))) return 'ignored';
    if (returnTypes.some((type) => isPromiseLikeType(typeInfo.program, typeInfo.checker, type, tsNode, { checkThenables: true }))) {
      return 'used';
    }
    if (returnTypes.every((type) => tsutils.isTypeFlagSet(type, ts.TypeFlags.Any))) return 'unknown';
    return 'used';
  }

  /** The declared type of the parameter an argument fills, from the call's resolved (cached) signature. */
  function parameterTypeOfResolvedCall(fn: FunctionNode): ts.Type | undefined {
    const call = fn.parent;
    if (!typeInfo || (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression)) {
      return undefined;
    }
    const tsCall = typeInfo.tsNode(call);
    if (!tsCall || !(ts.isCallExpression(tsCall) || ts.isNewExpression(tsCall))) return undefined;
    const signature = typeInfo.checker.getResolvedSignature(tsCall);
    const index = (call.arguments as readonly TSESTree.Node[]).indexOf(fn);
    const parameter = signature && index >= 0 ? parameterAt(signature, index) : undefined;
    if (!parameter) return undefined;
    const type = typeInfo.checker.getTypeOfSymbolAtLocation(parameter, tsCall);
    // A rest parameter holds an array: the element type is what the function is given to.
    const declaration = parameter.valueDeclaration;
    if (declaration && ts.isParameter(declaration) && declaration.dotDotDotToken) {
      return typeInfo.checker.isArrayType(type) ? typeInfo.checker.getTypeArguments(type as ts.TypeReference)[0] : undefined;
    }
    return type;
  }

  /**
   * Typed: does another overload of the callee accept a promise-returning function at this
   * argument (mocha's `it(title, fn: Func | AsyncFunc)` resolves to `Func`, yet awaits `AsyncFunc`)?
   */
  function anOverloadUsesResult(call: TSESTree.CallExpression | TSESTree.NewExpression, fn: FunctionNode): boolean {
    if (!typeInfo) return false;
    const { checker } = typeInfo;
    const tsCall = typeInfo.tsNode(call);
    const calleeType = typeInfo.getType(call.callee);
    if (!tsCall || !calleeType) return false;
    const index = (call.arguments as readonly TSESTree.Node[]).indexOf(fn);
    const signatures = tsutils
      .unionConstituents(calleeType)
      .flatMap((part) =>
        call.type === AST_NODE_TYPES.NewExpression ? part.getConstructSignatures() : part.getCallSignatures(),
      );
    if (signatures.length < 2) return false;
    return signatures.some((signature) => {
      const parameter = parameterAt(signature, index);
      if (!parameter) return false;
      const type = checker.getApparentType(checker.getTypeOfSymbolAtLocation(parameter, tsCall));
      return tsutils
        .unionConstituents(type)
        .flatMap((part) => part.getCallSignatures())
        .some((inner) => !tsutils.isTypeFlagSet(inner.getReturnType(), ts.TypeFlags.Void));
    });
  }

  /** Untyped: the callees RULES.md lists as ignoring their callback's result. */
  function knownCallee(call: TSESTree.CallExpression, fn: FunctionNode): Verdict {
    const callee = call.callee.type === AST_NODE_TYPES.ChainExpression ? call.callee.expression : call.callee;
    const index = (call.arguments as readonly TSESTree.Node[]).indexOf(fn);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      return GLOBAL_CALLBACK_TIMERS.has(callee.name) && index === 0 && isGlobalName(sourceCode, callee, callee.name)
        ? 'ignored'
        : 'unknown';
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return 'unknown';
    const method = memberName(callee);
    if (method === 'forEach' && index === 0) return 'ignored';
    if (method !== undefined && EMITTER_METHODS.has(method) && index === 1 && call.arguments.length === 2) return 'ignored';
    if (method === 'addEventListener' && index === 1) return 'ignored';
    if (method === 'nextTick' && index === 0 && isGlobalName(sourceCode, callee.object, 'process')) return 'ignored';
    return 'unknown';
  }

  function isHandlerPropertyAssignment(fn: FunctionNode): boolean {
    const parent = fn.parent;
    if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== fn || parent.operator !== '=') return false;
    if (parent.left.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = memberName(parent.left);
    return name !== undefined && HANDLER_PROPERTY.test(name);
  }
}

/** The parameter a signature gives the argument at `index` (the rest parameter past the end). */
function parameterAt(signature: ts.Signature, index: number): ts.Symbol | undefined {
  const { parameters } = signature;
  if (index < parameters.length) return parameters[index];
  const last = parameters.at(-1);
  const declaration = last?.valueDeclaration;
  return declaration && ts.isParameter(declaration) && declaration.dotDotDotToken ? last : undefined;
}

/** Expressions whose value can be a new promise: calls, `new`, a variable, or a choice between them. */
function mayBePromiseExpression(node: TSESTree.Expression): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return true;
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return mayBePromiseExpression(node.expression);
    case AST_NODE_TYPES.ConditionalExpression:
      return mayBePromiseExpression(node.consequent) || mayBePromiseExpression(node.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      return mayBePromiseExpression(node.left) || mayBePromiseExpression(node.right);
    case AST_NODE_TYPES.SequenceExpression: {
      const last = node.expressions.at(-1);
      return last !== undefined && mayBePromiseExpression(last);
    }
    default:
      return false;
  }
}
