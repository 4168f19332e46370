/**
 * Where a call could take a signal: typed, from the callee's call signatures; untyped, from
 * the table of abortable APIs (module origin).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import { findApiCalls, resultMemberCalls, type ApiSpec } from '../../analysis/module-origin.js';
import { isAbortSignalType, isSignalName, signalPropertyOf, unwrap } from '../../analysis/signals.js';
import type { TypeInfo } from '../../analysis/type-info.js';
import { ABORTABLE_APIS, SIGNAL_PROPERTY, type AbortableApi } from '../../knowledge/abortable-apis.js';

/** A signal slot the call leaves empty. */
export interface SignalSlot {
  /** `'parameter'`: a parameter that is a signal; `'options'`: an options parameter with a signal property. */
  readonly kind: 'parameter' | 'options';
  /** Index of the parameter, or `undefined` when the shape is not known (no suggestion). */
  readonly index: number | undefined;
  /** The options property to set. */
  readonly property: string;
  /** The callee's name for the message. */
  readonly callee: string;
}

const SPECS: readonly ApiSpec<AbortableApi>[] = ABORTABLE_APIS.map((api) => ({
  ...(api.module !== undefined ? { module: api.module } : {}),
  ...(api.global !== undefined ? { global: api.global } : {}),
  path: api.path,
  info: api,
}));

const resultCallCache = new WeakMap<TSESTree.Program, ReadonlyMap<TSESTree.Node, AbortableApi>>();

/** The table's abortable calls of the file (with one hop for result methods), by call node. */
function tableCalls(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlyMap<TSESTree.Node, AbortableApi> {
  const cached = resultCallCache.get(sourceCode.ast);
  if (cached) return cached;
  const calls = new Map<TSESTree.Node, AbortableApi>();
  for (const found of findApiCalls(sourceCode, SPECS).values()) {
    const api = found.info;
    if (api.resultMethod === undefined) {
      calls.set(found.node, api);
      continue;
    }
    for (const member of resultMemberCalls(sourceCode, found.node)) {
      const callee = member.callee as TSESTree.MemberExpression;
      if (!callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === api.resultMethod) {
        calls.set(member, api);
      }
    }
  }
  resultCallCache.set(sourceCode.ast, calls);
  return calls;
}

/** Untyped: the table's slot for this call, when it is a known abortable API left without a signal. */
export function tableSlot(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): SignalSlot | undefined {
  const api = tableCalls(sourceCode).get(call);
  if (!api) return undefined;
  const calleeText = sourceCode.getText(call.callee);
  if (api.optionsIndex === 'last') {
    const last = call.arguments.at(-1);
    if (last && isObjectWithSignal(last)) return undefined;
    return { kind: 'options', index: undefined, property: SIGNAL_PROPERTY, callee: calleeText };
  }
  return optionsSlot(call, api.optionsIndex, SIGNAL_PROPERTY, calleeText, false);
}

/**
 * Typed: a slot of one of the callee's call signatures (all of them) — an unfilled
 * AbortSignal-like parameter, or an options parameter whose type has an AbortSignal-like
 * property, given no object or an object literal without it. `null` means the types were
 * read and say the call takes no signal; `undefined` that the types say nothing.
 */
export function typedSlot(
  types: TypeInfo,
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): SignalSlot | null | undefined {
  const calleeType = types.getType(call.callee);
  if (!calleeType || (calleeType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) return undefined;
  const signatures = calleeType.getNonNullableType().getCallSignatures();
  if (signatures.length === 0) return undefined;
  if (signatures.some((signature) => isBoundedIo(signature))) return null;
  const calleeText = sourceCode.getText(call.callee);
  const hasSpread = call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
  if (hasSpread) return null;
  for (const signature of signatures) {
    const parameters = signature.getParameters();
    for (const [index, parameter] of parameters.entries()) {
      const declaration = parameter.valueDeclaration;
      if (declaration && ts.isParameter(declaration) && declaration.dotDotDotToken) break;
      const type = types.checker.getTypeOfSymbol(parameter);
      if (isAbortSignalType(type)) {
        // `(executionSignal = signal) => ...`: a default stands in for the missing argument.
        if (declaration && ts.isParameter(declaration) && declaration.initializer) continue;
        if (index >= call.arguments.length) {
          return { kind: 'parameter', index, property: parameter.getName(), callee: calleeText };
        }
        continue;
      }
      const property = signalPropertyOf(type, types.checker);
      if (property === undefined) continue;
      const slot = optionsSlot(call, index, property, calleeText, true);
      if (slot) return slot;
    }
  }
  return null;
}

/** The options slot at `index`: missing, or an object literal without the signal. */
function optionsSlot(
  call: TSESTree.CallExpression,
  index: number,
  property: string,
  callee: string,
  typed: boolean,
): SignalSlot | undefined {
  const argument = call.arguments[index];
  if (!argument) return { kind: 'options', index, property, callee };
  const expression = unwrap(argument);
  if (expression.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (isObjectWithSignal(expression)) return undefined;
  if (expression.properties.some((member) => member.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  if (!typed && expression.properties.length > 0 && property !== SIGNAL_PROPERTY) return undefined;
  return { kind: 'options', index, property, callee };
}

function isObjectWithSignal(node: TSESTree.Node): boolean {
  const expression = unwrap(node);
  if (expression.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return expression.properties.some(
    (member) =>
      member.type === AST_NODE_TYPES.SpreadElement ||
      member.computed ||
      (member.key.type === AST_NODE_TYPES.Identifier && isSignalName(member.key.name)) ||
      (member.key.type === AST_NODE_TYPES.Literal && isSignalName(String(member.key.value))),
  );
}

/** Is the signature declared by Node's `fs` or `fs/promises` (bounded local I/O)? */
function isBoundedIo(signature: ts.Signature): boolean {
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (!declaration) return false;
  const file = declaration.getSourceFile().fileName.replace(/\\/gu, '/');
  return /\/@types\/node\/(?:fs|fs\/promises)\.d\.ts$/u.test(file);
}
