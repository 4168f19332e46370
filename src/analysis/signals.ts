/**
 * Abort signals (RULES.md, "Signals"): which expressions are AbortSignal-like, which of them
 * come from outside the function (external) and which are made in it (local), whether two
 * expressions are the same signal, and which signals a call is given.
 *
 * Typed, "AbortSignal-like" is a type (or union member) whose symbol is the `AbortSignal` of
 * the DOM lib or of Node's types. Untyped, it is an expression whose name ends in `signal` or
 * `Signal` that the code uses as an abort signal somewhere (passes as `{ signal }`, reads
 * `.aborted` / `.reason`, calls `throwIfAborted()`, adds an `'abort'` listener, hands it to
 * `AbortSignal.any`) or annotates as `AbortSignal`; process signals such as `'SIGTERM'` are
 * often named `signal` too, and are not abort signals.
 *
 * A signal is described by its access path: a root variable and at most a few property
 * names (`options.signal` → `options` + `['signal']`). Local constants are followed to their
 * initialiser (`const { signal } = options` is `options.signal`), so two expressions are the
 * same signal when their paths meet.
 */
import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import { memberName, skipTypeWrappers } from './ast.js';
import { getEnclosingFunction, isFunctionNode, type FunctionNode } from './async-context.js';
import { getTypeInfo, type TypeInfo } from './type-info.js';

const { DefinitionType } = TSESLint.Scope;

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Variable = TSESLint.Scope.Variable;

export type SignalKind = 'external' | 'local' | 'unknown';

/** What one signal expression is. */
export interface SignalInfo {
  readonly node: TSESTree.Node;
  readonly kind: SignalKind;
  /** Identity keys: two signals are the same signal when their keys meet. */
  readonly keys: ReadonlySet<string>;
  /** For a local signal: `AbortSignal.timeout(ms)` or a controller of the function. */
  readonly local?: 'timeout' | 'controller';
  /** For a local controller's signal: the controller's variable. */
  readonly controller?: Variable;
  /** For a signal held by an options object (`options` given whole): how to name it (`options.signal`). */
  readonly text?: string;
}

/** A root variable (or `this`) and the property names read below it. */
interface AccessPath {
  readonly root: Variable | 'this';
  readonly path: readonly string[];
}

const MAX_EXTERNAL_DEPTH = 2;
const OPTIONS_NAME = /(?:options|opts|init|config|settings|params|args)$/iu;
const SIGNAL_NAME = /(?:^s|S)ignal$/u;
const ABORT_MEMBERS: ReadonlySet<string> = new Set(['aborted', 'reason', 'throwIfAborted', 'onabort']);
const LISTENER_METHODS: ReadonlySet<string> = new Set(['addEventListener', 'removeEventListener']);

/** Does a name read like a signal's (`signal`, `externalSignal`, `abortSignal`)? */
export function isSignalName(name: string): boolean {
  return SIGNAL_NAME.test(name);
}

// ---------------------------------------------------------------------------------------
// Types

/** Is `symbol` the `AbortSignal` of the DOM lib or of Node's types? */
function isLibAbortSymbol(symbol: ts.Symbol | undefined, name: string): boolean {
  if (symbol?.getName() !== name) return false;
  const declarations = symbol.getDeclarations() ?? [];
  return declarations.some((declaration) => {
    const file = declaration.getSourceFile().fileName.replace(/\\/gu, '/');
    return /\/typescript\/lib\/lib\.[^/]*\.d\.ts$/u.test(file) || file.includes('/@types/node/');
  });
}

/** Is `type`, or a member of the union it is, the lib `AbortSignal`? */
export function isAbortSignalType(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => isLibAbortSymbol(part.getSymbol() ?? part.aliasSymbol, 'AbortSignal'));
}

/** Is `type`, or a member of the union it is, the lib `AbortController`? */
export function isAbortControllerType(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => isLibAbortSymbol(part.getSymbol(), 'AbortController'));
}

/** Per program (keyed on its checker), per mode, per type: the answers of `signalPropertyOf`. */
const signalPropertyCache = new WeakMap<ts.TypeChecker, Map<string, WeakMap<ts.Type, string | null>>>();

/**
 * The name of a public property of `type` (or of a non-nullish union member) whose type is
 * AbortSignal-like (`signal`, `abortSignal`), if there is one.
 */
export function signalPropertyOf(
  type: ts.Type,
  checker: ts.TypeChecker,
  optionalOnly = false,
): string | undefined {
  // Cached per program (its checker) and type: option types are asked about again and again.
  let perChecker = signalPropertyCache.get(checker);
  if (!perChecker) {
    perChecker = new Map();
    signalPropertyCache.set(checker, perChecker);
  }
  const mode = String(optionalOnly);
  let perType = perChecker.get(mode);
  if (!perType) {
    perType = new WeakMap();
    perChecker.set(mode, perType);
  }
  const cached = perType.get(type);
  if (cached !== undefined) return cached ?? undefined;
  const found = findSignalProperty(type, checker, optionalOnly);
  perType.set(type, found ?? null);
  return found;
}

function findSignalProperty(type: ts.Type, checker: ts.TypeChecker, optionalOnly: boolean): string | undefined {
  const parts = type.isUnion() ? type.types : [type];
  for (const part of parts) {
    if ((part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0) continue;
    if (isAbortSignalType(part) || isAbortControllerType(part)) continue;
    if ((part.flags & ts.TypeFlags.Object) === 0 && !part.isIntersection()) continue;
    for (const property of checker.getPropertiesOfType(part)) {
      if (!isPublicProperty(property)) continue;
      if (optionalOnly && (property.flags & ts.SymbolFlags.Optional) === 0) continue;
      const declaration = property.valueDeclaration ?? property.getDeclarations()?.[0];
      if (!declaration) continue;
      const propertyType = checker.getTypeOfSymbol(property);
      if (isAbortSignalType(propertyType)) return property.getName();
    }
  }
  return undefined;
}

/**
 * An options bag rather than a domain object: no methods (a `Request`, an `IncomingMessage`
 * or a stream carries a signal of its own, and has methods).
 */
function isOptionsLike(type: ts.Type, checker: ts.TypeChecker): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.every(
    (part) =>
      (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) !== 0 ||
      checker.getPropertiesOfType(part).every((property) => (property.flags & ts.SymbolFlags.Method) === 0),
  );
}

function isPublicProperty(symbol: ts.Symbol): boolean {
  if (symbol.getName().startsWith('#')) return false;
  for (const declaration of symbol.getDeclarations() ?? []) {
    const flags = ts.getCombinedModifierFlags(declaration);
    if ((flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// The per-file analysis

const analyses = new WeakMap<TSESTree.Program, SignalAnalysis>();

/** The signal analysis of the file being linted (cached per file). */
export function getSignalAnalysis(context: Context): SignalAnalysis {
  let analysis = analyses.get(context.sourceCode.ast);
  if (!analysis) {
    analysis = new SignalAnalysis(context.sourceCode, getTypeInfo(context));
    analyses.set(context.sourceCode.ast, analysis);
  }
  return analysis;
}

export class SignalAnalysis {
  private readonly evidence = new Map<string, boolean>();

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    readonly types: TypeInfo | undefined,
  ) {}

  /** The variable an identifier refers to, if the scope manager knows it. */
  variableOf(identifier: TSESTree.Identifier): Variable | undefined {
    try {
      return ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Is `node` an AbortSignal-like expression? Typed: its type. Untyped (or when the type
   * says nothing, as `any`): a signal-like name with abort use somewhere in the file.
   */
  isSignalLike(node: TSESTree.Node, depth = 0): boolean {
    const expression = unwrap(node);
    if (isAbortSignalFactory(expression)) return true;
    if (this.types) {
      const type = this.types.getType(expression);
      if (type && (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) === 0) {
        return isAbortSignalType(type);
      }
    }
    const access = this.accessPath(expression);
    if (!access || depth > 6) return false;
    if (access.root !== 'this') {
      // A local constant: a factory, a controller's signal, or an alias of a signal.
      const definition = access.root.defs[0];
      if (definition?.type === DefinitionType.Variable && definition.node.init && isConstLike(access.root)) {
        const init = unwrap(definition.node.init);
        const fullPath = [...(patternPath(definition.name) ?? ['?']), ...access.path];
        if (isNewAbortController(init)) return fullPath.length === 1 && fullPath[0] === 'signal';
        if (fullPath.length === 0 && this.isSignalLike(init, depth + 1)) return true;
      }
    }
    const name = this.effectiveName(expression, access);
    if (name === undefined || !isSignalName(name)) return false;
    return this.hasAbortEvidence(access);
  }

  /** The name a value goes by: its own, or the key it was destructured from (`{ signal: s }`). */
  private effectiveName(expression: TSESTree.Expression, access: AccessPath): string | undefined {
    if (access.path.length === 0 && access.root !== 'this') {
      const binding = access.root.defs[0]?.name;
      const path = binding ? patternPath(binding) : undefined;
      const key = path?.at(-1);
      if (key !== undefined) return key;
    }
    return nameOf(expression);
  }

  /**
   * What the signal `node` is: external (from outside the function), local
   * (`AbortSignal.timeout`, a controller of the function) or unknown. Call only on an
   * expression that `isSignalLike`.
   */
  classify(node: TSESTree.Node, depth = 0): SignalInfo {
    const expression = unwrap(node);
    const unknown: SignalInfo = { node, kind: 'unknown', keys: new Set() };
    if (depth > 6) return unknown;
    if (isStaticCall(expression, 'AbortSignal', 'timeout')) {
      return { node, kind: 'local', local: 'timeout', keys: new Set([`@${String(expression.range[0])}`]) };
    }
    if (isStaticCall(expression, 'AbortSignal', 'any')) return this.classifyAny(node, expression, depth);
    if (expression.type === AST_NODE_TYPES.LogicalExpression || expression.type === AST_NODE_TYPES.ConditionalExpression) {
      const parts =
        expression.type === AST_NODE_TYPES.LogicalExpression
          ? [expression.left, expression.right]
          : [expression.consequent, expression.alternate];
      const infos = parts.map((part) => this.classify(part, depth + 1));
      const keys = new Set(infos.flatMap((info) => [...info.keys]));
      const external = infos.find((info) => info.kind === 'external');
      return { node, kind: external ? 'external' : 'unknown', keys };
    }
    const access = this.accessPath(expression);
    if (!access) return unknown;
    return this.classifyAccess(node, access, depth);
  }

  private classifyAny(node: TSESTree.Node, call: TSESTree.CallExpression, depth: number): SignalInfo {
    const list = call.arguments[0];
    const keys = new Set<string>([`@${String(call.range[0])}`]);
    if (list?.type !== AST_NODE_TYPES.ArrayExpression) return { node, kind: 'unknown', keys };
    const infos = list.elements.map((element) =>
      element && element.type !== AST_NODE_TYPES.SpreadElement ? this.classify(element, depth + 1) : undefined,
    );
    for (const info of infos) for (const key of info?.keys ?? []) keys.add(key);
    if (infos.some((info) => info?.kind === 'external')) return { node, kind: 'external', keys };
    if (infos.every((info) => info?.kind === 'local')) return { node, kind: 'local', local: 'timeout', keys };
    return { node, kind: 'unknown', keys };
  }

  private classifyAccess(node: TSESTree.Node, access: AccessPath, depth: number): SignalInfo {
    const unknown: SignalInfo = { node, kind: 'unknown', keys: new Set() };
    if (access.root === 'this') return unknown;
    const variable = access.root;
    const key = keyOf(variable, access.path);
    const definition = variable.defs[0];
    if (!definition || variable.defs.length !== 1) return { ...unknown, keys: new Set([key]) };

    if (definition.type === DefinitionType.Parameter) {
      const binding = definition.name;
      const bindingPath = patternPath(binding);
      if (bindingPath === undefined) return { ...unknown, keys: new Set([key]) };
      const fullPath = [...bindingPath, ...access.path];
      const parameterKey = keyOf(variable, access.path);
      if (fullPath.length > MAX_EXTERNAL_DEPTH) return { ...unknown, keys: new Set([parameterKey]) };
      if (this.isControllerHolder(variable, access.path)) return { ...unknown, keys: new Set([parameterKey]) };
      if (this.isHiddenMember(node)) return { ...unknown, keys: new Set([parameterKey]) };
      return { node, kind: 'external', keys: new Set([parameterKey]) };
    }

    if (definition.type === DefinitionType.Variable) {
      const declarator = definition.node;
      const init = declarator.init;
      if (!init || !isConstLike(variable)) return { ...unknown, keys: new Set([key]) };
      const bindingPath = patternPath(definition.name);
      if (bindingPath === undefined) return { ...unknown, keys: new Set([key]) };
      const fullPath = [...bindingPath, ...access.path];
      const initExpression = unwrap(init);
      if (isNewAbortController(initExpression)) {
        if (fullPath.length === 1 && fullPath[0] === 'signal') {
          return { node, kind: 'local', local: 'controller', controller: variable, keys: new Set([keyOf(variable, ['signal'])]) };
        }
        return unknown;
      }
      if (fullPath.length === 0) {
        const inner = this.classify(initExpression, depth + 1);
        return { ...inner, node, keys: new Set([...inner.keys, key]) };
      }
      const initAccess = this.accessPath(initExpression);
      if (initAccess) {
        const inner = this.classifyAccess(node, { root: initAccess.root, path: [...initAccess.path, ...fullPath] }, depth + 1);
        return { ...inner, keys: new Set([...inner.keys, key]) };
      }
      return { ...unknown, keys: new Set([key]) };
    }
    return { ...unknown, keys: new Set([key]) };
  }

  /** Is the path below a parameter an `AbortController`'s signal (`controller.signal`)? */
  private isControllerHolder(variable: Variable, path: readonly string[]): boolean {
    const definition = variable.defs[0];
    const identifier = definition?.name;
    if (identifier?.type !== AST_NODE_TYPES.Identifier) return false;
    if (this.types && path.length === 1) {
      const type = this.types.getType(identifier);
      if (type && isAbortControllerType(type)) return true;
    }
    if (/controller$|^ac$/iu.test(identifier.name) && path.length === 1) return true;
    // `controllerSignal`: a controller's own signal, handed on by the controller's holder.
    if (/controller/iu.test(identifier.name) && path.length === 0) return true;
    const annotation = identifier.typeAnnotation?.typeAnnotation;
    return (
      annotation?.type === AST_NODE_TYPES.TSTypeReference &&
      annotation.typeName.type === AST_NODE_TYPES.Identifier &&
      annotation.typeName.name === 'AbortController'
    );
  }

  /** Is `node` a member read of a private or protected property (typed)? */
  private isHiddenMember(node: TSESTree.Node): boolean {
    const expression = unwrap(node);
    if (expression.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (expression.property.type === AST_NODE_TYPES.PrivateIdentifier) return true;
    const symbol = this.types?.getSymbol(expression.property);
    return symbol !== undefined && !isPublicProperty(symbol);
  }

  /** The access path of an identifier or static member chain (`options.signal`, `this.signal`). */
  accessPath(node: TSESTree.Node): AccessPath | undefined {
    const path: string[] = [];
    let current = unwrap(node);
    while (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(current);
      if (name === undefined) return undefined;
      path.unshift(name);
      current = unwrap(current.object);
    }
    if (current.type === AST_NODE_TYPES.ThisExpression) return { root: 'this', path };
    if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.variableOf(current);
    return variable ? { root: variable, path } : undefined;
  }

  /**
   * Untyped: is the signal at `access` used as an abort signal anywhere in the file (or
   * annotated `AbortSignal`)? Followed through the variable's references.
   */
  hasAbortEvidence(access: AccessPath): boolean {
    if (access.root === 'this') return false;
    const variable = access.root;
    const cacheKey = keyOf(variable, access.path);
    const cached = this.evidence.get(cacheKey);
    if (cached !== undefined) return cached;
    this.evidence.set(cacheKey, false);
    let found = false;
    for (const definition of variable.defs) {
      if (definition.name.type === AST_NODE_TYPES.Identifier && isAnnotatedAbortSignal(definition.name, access.path)) {
        found = true;
      }
    }
    for (const reference of variable.references) {
      if (found) break;
      let top: TSESTree.Node = reference.identifier;
      let index = 0;
      while (index < access.path.length) {
        const parent = skipUpWrappers(top);
        if (
          parent?.type !== AST_NODE_TYPES.MemberExpression ||
          unwrap(parent.object) !== unwrap(top) ||
          memberName(parent) !== access.path[index]
        ) {
          break;
        }
        top = parent;
        index += 1;
      }
      if (index === access.path.length && isAbortUse(top)) found = true;
    }
    this.evidence.set(cacheKey, found);
    return found;
  }

  /**
   * The signals a call is given: signal arguments, and the signal-named properties of
   * options objects given to it (literal or a local constant initialised with one).
   */
  signalsGivenTo(call: TSESTree.CallExpression | TSESTree.NewExpression): SignalInfo[] {
    const found: SignalInfo[] = [];
    for (const argument of call.arguments) {
      if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
      const expression = unwrap(argument);
      const object = this.objectLiteralOf(expression);
      if (object) {
        // The key says the value is meant as the signal.
        for (const value of signalPropertyValues(object)) found.push(this.classify(value));
        continue;
      }
      if (this.isSignalLike(expression)) {
        found.push(this.classify(expression));
        continue;
      }
      const holder = this.heldSignal(expression);
      if (holder) found.push(holder);
    }
    return found;
  }

  /** An options object that holds a signal (`options` whose `options.signal` is a signal). */
  private heldSignal(expression: TSESTree.Expression): SignalInfo | undefined {
    const access = this.accessPath(expression);
    if (!access || access.root === 'this') return undefined;
    let property: string | undefined;
    const types = this.types;
    const type = types?.getType(expression);
    if (types && type && (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) === 0) {
      // Options bags (no methods) carry a signal for the call; a value whose signal is its own
      // (a request's `req.signal`) is not handing a signal to the call.
      if (!isOptionsLike(type, types.checker)) return undefined;
      property = signalPropertyOf(type, types.checker);
    }
    if (property === undefined && OPTIONS_NAME.test(nameOf(expression) ?? '')) {
      // Untyped, or a type that says too little (`options = {}` in JavaScript): a value named
      // like an options bag (`options`, `init`, `config`) whose `.signal` is used as a signal.
      property = this.hasAbortEvidence({ root: access.root, path: [...access.path, 'signal'] }) ? 'signal' : undefined;
    }
    if (property === undefined) return undefined;
    const info = this.classifyAccess(expression, { root: access.root, path: [...access.path, property] }, 0);
    return { ...info, text: `${this.sourceCode.getText(expression)}.${property}` };
  }

  private objectLiteralOf(expression: TSESTree.Expression): TSESTree.ObjectExpression | undefined {
    if (expression.type === AST_NODE_TYPES.ObjectExpression) return expression;
    if (expression.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.variableOf(expression);
    const definition = variable?.defs[0];
    if (
      variable?.defs.length === 1 &&
      definition?.type === DefinitionType.Variable &&
      definition.node.id === definition.name &&
      definition.node.init &&
      isConstLike(variable)
    ) {
      const init = unwrap(definition.node.init);
      if (init.type === AST_NODE_TYPES.ObjectExpression) return init;
    }
    return undefined;
  }

  /**
   * Does `node` mention one of the variables `roots`, or a local that holds one of them
   * (`const init = { ...options, signal }`, `const s = options.signal`, `const o = options`)?
   * A local computed from them (`const retries = options.retries + 1`) does not hold them.
   */
  mentionsAny(node: TSESTree.Node, roots: ReadonlySet<Variable>): boolean {
    const tainted = new Map<Variable, boolean>();
    const isTainted = (variable: Variable): boolean => {
      if (roots.has(variable)) return true;
      const known = tainted.get(variable);
      if (known !== undefined) return known;
      tainted.set(variable, false);
      let result = false;
      for (const reference of variable.references) {
        const written = reference.writeExpr;
        if (written && this.carries(written, isTainted)) {
          result = true;
          break;
        }
      }
      if (!result) {
        for (const definition of variable.defs) {
          if (definition.type === DefinitionType.Variable && definition.node.init && this.carries(definition.node.init, isTainted)) {
            result = true;
          }
        }
      }
      tainted.set(variable, result);
      return result;
    };
    return this.someIdentifier(node, isTainted);
  }

  /** Does the value of `node` hold a tainted variable's value (not a value computed from it)? */
  private carries(node: TSESTree.Node, isTainted: (variable: Variable) => boolean, depth = 0): boolean {
    if (depth > 8) return false;
    const expression = unwrap(node);
    const next = (child: TSESTree.Node | null | undefined): boolean =>
      child !== null && child !== undefined && this.carries(child, isTainted, depth + 1);
    switch (expression.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = this.variableOf(expression);
        return variable !== undefined && isTainted(variable);
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(expression);
        return name !== undefined && isSignalName(name) && next(expression.object);
      }
      case AST_NODE_TYPES.ObjectExpression:
        return expression.properties.some((property) =>
          property.type === AST_NODE_TYPES.SpreadElement ? next(property.argument) : next(property.value),
        );
      case AST_NODE_TYPES.ArrayExpression:
        return expression.elements.some((element) =>
          element?.type === AST_NODE_TYPES.SpreadElement ? next(element.argument) : next(element),
        );
      case AST_NODE_TYPES.LogicalExpression:
        return next(expression.left) || next(expression.right);
      case AST_NODE_TYPES.ConditionalExpression:
        return next(expression.consequent) || next(expression.alternate);
      case AST_NODE_TYPES.AwaitExpression:
        return next(expression.argument);
      case AST_NODE_TYPES.CallExpression:
        return isStaticCall(expression, 'AbortSignal', 'any') && expression.arguments.some((argument) => next(argument));
      default:
        return false;
    }
  }

  private someIdentifier(node: TSESTree.Node, test: (variable: Variable) => boolean): boolean {
    let hit = false;
    walk(node, (child) => {
      if (hit) return false;
      if (child.type === AST_NODE_TYPES.Identifier) {
        const parent = child.parent;
        if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === child && !parent.computed) return true;
        if (parent.type === AST_NODE_TYPES.Property && parent.key === child && !parent.computed && !parent.shorthand) return true;
        const variable = this.variableOf(child);
        if (variable && test(variable)) hit = true;
      }
      return true;
    });
    return hit;
  }

  /** The variables a signal's identity rests on (its roots and the locals it passes through). */
  rootVariables(node: TSESTree.Node, depth = 0): Set<Variable> {
    const roots = new Set<Variable>();
    if (depth > 6) return roots;
    const expression = unwrap(node);
    if (isStaticCall(expression, 'AbortSignal', 'any')) {
      const list = expression.arguments[0];
      if (list?.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of list.elements) {
          if (element && element.type !== AST_NODE_TYPES.SpreadElement) {
            for (const root of this.rootVariables(element, depth + 1)) roots.add(root);
          }
        }
      }
      return roots;
    }
    const access = this.accessPath(expression);
    if (!access || access.root === 'this') return roots;
    roots.add(access.root);
    const definition = access.root.defs[0];
    if (definition?.type === DefinitionType.Variable && definition.node.init) {
      for (const root of this.rootVariables(definition.node.init, depth + 1)) roots.add(root);
    }
    return roots;
  }

  /** Typed: does a value of `type` carry an AbortSignal-like property (an options object, a `Request`)? */
  typeHasSignalProperty(type: ts.Type): boolean {
    return this.types !== undefined && signalPropertyOf(type, this.types.checker) !== undefined;
  }

  /** Are `a` and `b` the same signal (RULES.md, "Signals": the same signal)? */
  sameSignal(a: SignalInfo, b: SignalInfo): boolean {
    for (const key of a.keys) if (b.keys.has(key)) return true;
    return false;
  }

  /**
   * The external signals a function can see: its own signal-like parameters and signal
   * properties of its parameters, then those of the enclosing functions `crossInto` accepts,
   * each with a source text to name it by.
   */
  externalSignalsOf(fn: FunctionNode, crossInto: (inner: FunctionNode) => boolean): ExternalSignal[] {
    const found: ExternalSignal[] = [];
    let current: FunctionNode | undefined = fn;
    while (current) {
      for (const parameter of current.params) this.collectParameterSignals(parameter, found);
      if (!crossInto(current)) break;
      current = getEnclosingFunction(current);
    }
    return found.filter((signal) => signal.info.kind === 'external');
  }

  private collectParameterSignals(parameter: TSESTree.Parameter, found: ExternalSignal[]): void {
    const target: TSESTree.Node =
      parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
    const binding = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
    if (binding.type === AST_NODE_TYPES.Identifier) {
      if (this.isSignalLike(binding)) {
        found.push({
          text: binding.name,
          info: this.classify(binding),
          optional: binding.optional || this.isNullable(binding),
        });
        return;
      }
      const property = this.signalPropertyName(binding);
      if (property !== undefined) {
        const variable = this.variableOf(binding);
        if (!variable) return;
        const info = this.classifyAccess(binding, { root: variable, path: [property] }, 0);
        const optional = binding.optional || this.isNullable(binding);
        found.push({
          text: `${binding.name}${optional ? '?.' : '.'}${property}`,
          info,
          optional: true,
          nullable: this.propertyIncludesNull(binding, property),
        });
      }
      return;
    }
    if (binding.type === AST_NODE_TYPES.ObjectPattern) {
      for (const identifier of patternIdentifiers(binding)) {
        if (this.isSignalLike(identifier)) {
          found.push({ text: identifier.name, info: this.classify(identifier), optional: true });
        }
      }
    }
  }

  /** The name of a parameter's signal property: typed from its type, untyped from its uses. */
  private signalPropertyName(binding: TSESTree.Identifier): string | undefined {
    if (this.types) {
      const type = this.types.getType(binding);
      if (type && (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) === 0) {
        return signalPropertyOf(type, this.types.checker);
      }
    }
    const annotated = annotatedSignalProperty(binding);
    if (annotated !== undefined) return annotated;
    const variable = this.variableOf(binding);
    if (!variable) return undefined;
    for (const reference of variable.references) {
      const parent = skipUpWrappers(reference.identifier);
      if (parent?.type === AST_NODE_TYPES.MemberExpression && unwrap(parent.object) === reference.identifier) {
        const name = memberName(parent);
        if (name !== undefined && isSignalName(name) && this.hasAbortEvidence({ root: variable, path: [name] })) {
          return name;
        }
      }
    }
    return undefined;
  }

  /** Typed: does the type of `binding.property` include `null`? */
  private propertyIncludesNull(binding: TSESTree.Identifier, property: string): boolean {
    const type = this.types?.getType(binding);
    if (!type || !this.types) return false;
    const symbol = this.types.checker.getPropertyOfType(type.getNonNullableType(), property);
    if (!symbol) return false;
    const propertyType = this.types.checker.getTypeOfSymbol(symbol);
    const parts = propertyType.isUnion() ? propertyType.types : [propertyType];
    return parts.some((part) => (part.flags & ts.TypeFlags.Null) !== 0);
  }

  /** Typed: may the value be `null` or `undefined`? Untyped: `false`. */
  isNullable(node: TSESTree.Node): boolean {
    const type = this.types?.getType(node);
    if (!type?.isUnion()) return false;
    return type.types.some((part) => (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) !== 0);
  }
}

/** An external signal a function can see, with the text that names it there. */
export interface ExternalSignal {
  readonly text: string;
  readonly info: SignalInfo;
  /** May be absent (`signal?: AbortSignal`, `options?.signal`). */
  readonly optional: boolean;
  /** Typed: its type includes `null` (`signal?: AbortSignal | null`), which signal parameters refuse. */
  readonly nullable?: boolean;
}

// ---------------------------------------------------------------------------------------
// Small helpers

/** Strips TypeScript wrappers and optional chains. */
export function unwrap(node: TSESTree.Node): TSESTree.Expression {
  let current = node as TSESTree.Expression;
  for (;;) {
    if (current.type === AST_NODE_TYPES.ChainExpression) {
      current = current.expression;
      continue;
    }
    const stripped = skipTypeWrappers(current);
    if (stripped === current) return current;
    current = stripped;
  }
}

/** The parent of `node` above any wrappers (`x!`, `x as T`, optional chains). */
function skipUpWrappers(node: TSESTree.Node): TSESTree.Node | undefined {
  let current = node;
  let parent = current.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    current = parent;
    parent = current.parent;
  }
  return parent;
}

function nameOf(expression: TSESTree.Expression): string | undefined {
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name;
  if (expression.type === AST_NODE_TYPES.MemberExpression) return memberName(expression);
  return undefined;
}

function keyOf(variable: Variable, path: readonly string[]): string {
  const at = variable.defs[0]?.name.range[0] ?? variable.identifiers[0]?.range[0] ?? -1;
  return `${variable.name}@${String(at)}:${path.join('.')}`;
}

function isConstLike(variable: Variable): boolean {
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}

/** `Name.method(...)`, with `Name` not a local binding's member. */
export function isStaticCall(
  node: TSESTree.Node,
  object: string,
  method: string,
): node is TSESTree.CallExpression {
  const expression = unwrap(node);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(expression.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === object &&
    memberName(callee) === method
  );
}

function isAbortSignalFactory(expression: TSESTree.Expression): boolean {
  return (
    isStaticCall(expression, 'AbortSignal', 'timeout') ||
    isStaticCall(expression, 'AbortSignal', 'any') ||
    isStaticCall(expression, 'AbortSignal', 'abort')
  );
}

export function isNewAbortController(node: TSESTree.Node): boolean {
  const expression = unwrap(node);
  return (
    expression.type === AST_NODE_TYPES.NewExpression &&
    expression.callee.type === AST_NODE_TYPES.Identifier &&
    expression.callee.name === 'AbortController'
  );
}

/** The property path from a destructuring pattern's root down to `binding` (`{ a: { signal } }` → `['a', 'signal']`). */
function patternPath(binding: TSESTree.Node): string[] | undefined {
  const path: string[] = [];
  let current: TSESTree.Node = binding;
  for (;;) {
    const parent = current.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === current) {
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
      const key = parent.key;
      const name =
        !parent.computed && key.type === AST_NODE_TYPES.Identifier
          ? key.name
          : key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string'
            ? key.value
            : undefined;
      if (name === undefined) return undefined;
      path.unshift(name);
      current = parent.parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.ArrayPattern || parent.type === AST_NODE_TYPES.RestElement) return undefined;
    return path;
  }
}

function patternIdentifiers(pattern: TSESTree.ObjectPattern): TSESTree.Identifier[] {
  const found: TSESTree.Identifier[] = [];
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    let value: TSESTree.Node = property.value;
    if (value.type === AST_NODE_TYPES.AssignmentPattern) value = value.left;
    if (value.type === AST_NODE_TYPES.Identifier) found.push(value);
    else if (value.type === AST_NODE_TYPES.ObjectPattern) found.push(...patternIdentifiers(value));
  }
  return found;
}

/**
 * Is the binding annotated so that `path` below it is an `AbortSignal` (`signal?: AbortSignal`,
 * `options: { signal?: AbortSignal }`, `{ signal }: { signal: AbortSignal }`)? Only inline
 * type literals are read: without types, named types are unknown.
 */
function isAnnotatedAbortSignal(identifier: TSESTree.Identifier, path: readonly string[]): boolean {
  let root: TSESTree.Node = identifier;
  const fullPath = [...(patternPath(identifier) ?? []), ...path];
  while (
    root.parent.type === AST_NODE_TYPES.Property ||
    root.parent.type === AST_NODE_TYPES.ObjectPattern ||
    root.parent.type === AST_NODE_TYPES.AssignmentPattern
  ) {
    root = root.parent;
  }
  const annotation =
    'typeAnnotation' in root && root.typeAnnotation?.type === AST_NODE_TYPES.TSTypeAnnotation
      ? root.typeAnnotation.typeAnnotation
      : undefined;
  return annotation !== undefined && annotationAt(annotation, fullPath);
}

/** Untyped: the signal property an inline annotation gives a parameter (`options: { signal?: AbortSignal }`). */
function annotatedSignalProperty(binding: TSESTree.Identifier): string | undefined {
  const annotation = binding.typeAnnotation?.typeAnnotation;
  const parts =
    annotation?.type === AST_NODE_TYPES.TSUnionType || annotation?.type === AST_NODE_TYPES.TSIntersectionType
      ? annotation.types
      : annotation
        ? [annotation]
        : [];
  for (const part of parts) {
    if (part.type !== AST_NODE_TYPES.TSTypeLiteral) continue;
    for (const member of part.members) {
      if (
        member.type === AST_NODE_TYPES.TSPropertySignature &&
        !member.computed &&
        member.key.type === AST_NODE_TYPES.Identifier &&
        member.typeAnnotation &&
        annotationAt(member.typeAnnotation.typeAnnotation, [])
      ) {
        return member.key.name;
      }
    }
  }
  return undefined;
}

function annotationAt(type: TSESTree.TypeNode, path: readonly string[]): boolean {
  const parts = type.type === AST_NODE_TYPES.TSUnionType || type.type === AST_NODE_TYPES.TSIntersectionType ? type.types : [type];
  return parts.some((part) => {
    if (path.length === 0) {
      return (
        part.type === AST_NODE_TYPES.TSTypeReference &&
        part.typeName.type === AST_NODE_TYPES.Identifier &&
        part.typeName.name === 'AbortSignal'
      );
    }
    if (part.type !== AST_NODE_TYPES.TSTypeLiteral) return false;
    return part.members.some(
      (member) =>
        member.type === AST_NODE_TYPES.TSPropertySignature &&
        !member.computed &&
        member.key.type === AST_NODE_TYPES.Identifier &&
        member.key.name === path[0] &&
        member.typeAnnotation !== undefined &&
        annotationAt(member.typeAnnotation.typeAnnotation, path.slice(1)),
    );
  });
}

/** Is `node` (a signal-named expression) used there as an abort signal? */
function isAbortUse(node: TSESTree.Node): boolean {
  const parent = skipUpWrappers(node);
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression && unwrap(parent.object) === unwrap(node)) {
    const name = memberName(parent);
    if (name !== undefined && ABORT_MEMBERS.has(name)) return true;
    if (name !== undefined && LISTENER_METHODS.has(name)) {
      const call = skipUpWrappers(parent);
      const first = call?.type === AST_NODE_TYPES.CallExpression ? call.arguments[0] : undefined;
      return first?.type === AST_NODE_TYPES.Literal && first.value === 'abort';
    }
    return false;
  }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const key = parent.key;
    return !parent.computed && key.type === AST_NODE_TYPES.Identifier && isSignalName(key.name);
  }
  if (parent.type === AST_NODE_TYPES.ArrayExpression) {
    const call = parent.parent;
    return call.type === AST_NODE_TYPES.CallExpression && isStaticCall(call, 'AbortSignal', 'any');
  }
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    const callee = unwrap(parent.callee);
    return callee.type === AST_NODE_TYPES.Identifier && /^(?:addAbortListener|throwIfAborted)$/u.test(callee.name);
  }
  return false;
}

/** The values of an options literal's signal-named properties (`{ signal }`, `{ abortSignal: s }`). */
function signalPropertyValues(object: TSESTree.ObjectExpression): TSESTree.Expression[] {
  const values: TSESTree.Expression[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = property.key;
    const name = key.type === AST_NODE_TYPES.Identifier ? key.name : String(key.value);
    if (isSignalName(name) && property.value.type !== AST_NODE_TYPES.AssignmentPattern) {
      values.push(property.value as TSESTree.Expression);
    }
  }
  return values;
}

/** Visits `node` and its descendants (not into other functions when `visit` returns false for them). */
export function walk(node: TSESTree.Node, visit: (node: TSESTree.Node) => boolean): void {
  if (!visit(node)) return;
  for (const key of Object.keys(node) as (keyof typeof node)[]) {
    if (key === 'parent') continue;
    const value = node[key] as unknown;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, visit);
    } else if (isNode(value)) {
      walk(value, visit);
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export { isFunctionNode };
