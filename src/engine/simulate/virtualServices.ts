import type {
  HTTPMatchRequest,
  HTTPRoute,
  Model,
  StringMatch,
  VirtualServiceResource,
} from '../model';
import { MESH_GATEWAY, isVisibleTo, resolveGatewayRef } from '../model';

/**
 * One http rule as Envoy gets it, after delegation (routing-semantics §2.8.11): a root's own rule,
 * or a delegate's rule merged with the root rule that delegates to it.
 */
export interface EffectiveHttpRule {
  /** The VirtualService that holds the rule: the root, or the delegate for delegated rules. */
  readonly virtualService: VirtualServiceResource;
  /** Index of the rule in that VirtualService's `http`. */
  readonly index: number;
  /** For a delegated rule: the root VirtualService and the index of its rule with `delegate`. */
  readonly root?: { readonly virtualService: VirtualServiceResource; readonly index: number };
  /** The rule with the root's fields filled in (for delegated rules). */
  readonly rule: HTTPRoute;
  /** The match entries (merged with the root's for delegated rules); empty means "match all". */
  readonly matches: readonly EffectiveMatch[];
  /** Envoy's route name base: `<rule>` or `<root>-<delegate>`. */
  readonly name: string | null;
  /** Namespace that short destination hosts resolve in (the delegate's own for delegated rules). */
  readonly hostNamespace: string;
}

/** One match entry with its `gateways` resolved (in the namespace of the VirtualService that wrote them). */
export interface EffectiveMatch {
  readonly match: HTTPMatchRequest;
  /** Index in the rule's `match` list (the delegate's list for delegated rules). */
  readonly index: number;
  /** Resolved `ns/name` gateway names, or `mesh`; undefined when the entry lists none. */
  readonly gateways: readonly string[] | undefined;
}

/** A rule that does not reach Envoy, with why (for the trace). */
export interface SkippedRule {
  readonly virtualService: VirtualServiceResource;
  readonly index: number;
  readonly reason: string;
}

/** The effective rules of a VirtualService and the rules that delegation dropped. */
export interface ExpandedHttpRules {
  readonly rules: readonly EffectiveHttpRule[];
  readonly skipped: readonly SkippedRule[];
}

const expansions = new WeakMap<Model, Map<string, ExpandedHttpRules>>();

/** A VirtualService without hosts is a delegate: reached only through a root's `delegate`. */
export function isDelegate(virtualService: VirtualServiceResource): boolean {
  return (virtualService.spec.hosts ?? []).length === 0;
}

function resolvedGatewayNames(
  gateways: readonly string[] | undefined,
  namespace: string,
): readonly string[] | undefined {
  if (gateways === undefined || gateways.length === 0) return undefined;
  return gateways.map((written) => {
    const reference = resolveGatewayRef(written, namespace);
    return reference.type === 'mesh' ? MESH_GATEWAY : `${reference.namespace}/${reference.name}`;
  });
}

function ownMatches(rule: HTTPRoute, namespace: string): EffectiveMatch[] {
  return (rule.match ?? []).map((match, index) => ({
    match,
    index,
    gateways: resolvedGatewayNames(match.gateways, namespace),
  }));
}

/**
 * The http rules of a VirtualService as Istio merges them (`mergeVirtualServicesIfNeeded`): a rule
 * with `delegate` is replaced in place by the delegate's rules, each narrowed by the root rule's
 * matches; a delegate rule that conflicts with every root match is dropped; a missing delegate, or
 * one not exported to the root's namespace, drops the root rule. Memoised per model.
 */
export function expandHttpRules(
  model: Model,
  virtualService: VirtualServiceResource,
): ExpandedHttpRules {
  let table = expansions.get(model);
  if (table === undefined) {
    table = new Map();
    expansions.set(model, table);
  }
  const cached = table.get(virtualService.key);
  if (cached !== undefined) return cached;
  const rules: EffectiveHttpRule[] = [];
  const skipped: SkippedRule[] = [];
  (virtualService.spec.http ?? []).forEach((rule, index) => {
    const delegate = rule.delegate;
    if (delegate === undefined) {
      rules.push({
        virtualService,
        index,
        rule,
        matches: ownMatches(rule, virtualService.namespace),
        name: rule.name ?? null,
        hostNamespace: virtualService.namespace,
      });
      return;
    }
    const delegateNamespace = delegate.namespace ?? virtualService.namespace;
    const delegateKey = `VirtualService/${delegateNamespace}/${delegate.name ?? ''}`;
    const target = model.byKey.get(delegateKey);
    if (target === undefined || target.kind !== 'VirtualService' || !isDelegate(target)) {
      skipped.push({
        virtualService,
        index,
        reason: `delegate ${delegateNamespace}/${delegate.name ?? ''} not found (a delegate is a VirtualService without hosts): the rule is skipped`,
      });
      return;
    }
    if (!isVisibleTo(target, virtualService.namespace)) {
      skipped.push({
        virtualService,
        index,
        reason: `delegate ${delegateNamespace}/${delegate.name ?? ''} is not exported to ${virtualService.namespace}: the rule is skipped`,
      });
      return;
    }
    const rootMatches = ownMatches(rule, virtualService.namespace);
    (target.spec.http ?? []).forEach((delegateRule, delegateIndex) => {
      const merged = mergeMatches(rootMatches, ownMatches(delegateRule, target.namespace));
      if (merged === undefined) {
        skipped.push({
          virtualService: target,
          index: delegateIndex,
          reason: `its matches are not a narrowing of root ${virtualService.namespace}/${virtualService.name} http[${index}]'s matches: Istio drops it`,
        });
        return;
      }
      rules.push({
        virtualService: target,
        index: delegateIndex,
        root: { virtualService, index },
        rule: inheritRootFields(rule, delegateRule),
        matches: merged,
        name: mergedName(rule.name, delegateRule.name),
        hostNamespace: target.namespace,
      });
    });
  });
  const expanded = { rules, skipped };
  table.set(virtualService.key, expanded);
  return expanded;
}

function mergedName(root: string | undefined, delegate: string | undefined): string | null {
  if (delegate === undefined || delegate === '') return root ?? null;
  return root === undefined || root === '' ? delegate : `${root}-${delegate}`;
}

/** Unset delegate fields take the root rule's (Istio's mergeHTTPRoute; routing-semantics §2.8.11). */
function inheritRootFields(root: HTTPRoute, delegate: HTTPRoute): HTTPRoute {
  return {
    ...delegate,
    rewrite: delegate.rewrite ?? root.rewrite,
    timeout: delegate.timeout ?? root.timeout,
    retries: delegate.retries ?? root.retries,
    fault: delegate.fault ?? root.fault,
    mirror: delegate.mirror ?? root.mirror,
    mirrors: delegate.mirrors ?? root.mirrors,
    mirrorPercent: delegate.mirrorPercent ?? root.mirrorPercent,
    mirrorPercentage: delegate.mirrorPercentage ?? root.mirrorPercentage,
    corsPolicy: delegate.corsPolicy ?? root.corsPolicy,
    headers: delegate.headers ?? root.headers,
    directResponse: delegate.directResponse ?? root.directResponse,
    delegate: undefined,
  };
}

/**
 * Istio's mergeHTTPMatchRequests: every delegate entry must be a narrowing of some root entry;
 * each non-conflicting pair gives one merged entry. Undefined when a delegate entry fits no root entry.
 */
function mergeMatches(
  root: readonly EffectiveMatch[],
  delegate: readonly EffectiveMatch[],
): readonly EffectiveMatch[] | undefined {
  if (root.length === 0) return delegate;
  if (delegate.length === 0) return root;
  const merged: EffectiveMatch[] = [];
  for (const leaf of delegate) {
    let found = false;
    for (const parent of root) {
      if (hasConflict(parent, leaf)) continue;
      merged.push(mergeMatch(parent, leaf));
      found = true;
    }
    if (!found) return undefined;
  }
  return merged.length === 0 ? undefined : merged;
}

function mergeMatch(root: EffectiveMatch, leaf: EffectiveMatch): EffectiveMatch {
  const parent = root.match;
  const child = leaf.match;
  const union = <T>(
    a: Readonly<Record<string, T>> | undefined,
    b: Readonly<Record<string, T>> | undefined,
  ) => (a === undefined && b === undefined ? undefined : { ...a, ...b });
  const name =
    child.name === undefined || child.name === ''
      ? parent.name
      : parent.name === undefined || parent.name === ''
        ? child.name
        : `${parent.name}-${child.name}`;
  const match: HTTPMatchRequest = {
    ...child,
    name,
    uri: child.uri ?? parent.uri,
    scheme: child.scheme ?? parent.scheme,
    method: child.method ?? parent.method,
    authority: child.authority ?? parent.authority,
    headers: union(parent.headers, child.headers),
    withoutHeaders: union(parent.withoutHeaders, child.withoutHeaders),
    queryParams: union(parent.queryParams, child.queryParams),
    port: child.port === undefined || child.port === 0 ? parent.port : child.port,
    sourceLabels: union(parent.sourceLabels, child.sourceLabels),
    sourceNamespace:
      child.sourceNamespace === undefined || child.sourceNamespace === ''
        ? parent.sourceNamespace
        : child.sourceNamespace,
  };
  return { match, index: leaf.index, gateways: leaf.gateways ?? root.gateways };
}

function hasConflict(root: EffectiveMatch, leaf: EffectiveMatch): boolean {
  const parent = root.match;
  const child = leaf.match;
  for (const field of ['uri', 'scheme', 'method', 'authority'] as const) {
    if (stringMatchConflict(parent[field], child[field])) return true;
  }
  for (const [name, value] of Object.entries(child.headers ?? {})) {
    if (stringMatchConflict(parent.headers?.[name], value)) return true;
  }
  for (const [name, value] of Object.entries(child.withoutHeaders ?? {})) {
    if (stringMatchConflict(parent.withoutHeaders?.[name], value)) return true;
  }
  for (const [name, value] of Object.entries(child.queryParams ?? {})) {
    if (stringMatchConflict(parent.queryParams?.[name], value)) return true;
  }
  if ((parent.ignoreUriCase ?? false) !== (child.ignoreUriCase ?? false)) return true;
  if ((parent.port ?? 0) > 0 && (child.port ?? 0) > 0 && parent.port !== child.port) return true;
  if ((parent.sourceNamespace ?? '') !== '' && child.sourceNamespace !== parent.sourceNamespace)
    return true;
  for (const [name, value] of Object.entries(child.sourceLabels ?? {})) {
    const rootValue = parent.sourceLabels?.[name];
    if (rootValue !== undefined && rootValue !== value) return true;
  }
  const rootGateways = root.gateways ?? [];
  const leafGateways = leaf.gateways ?? [];
  if (rootGateways.length > 0 && leafGateways.length > 0) {
    if (rootGateways.length < leafGateways.length) return true;
    if (leafGateways.some((gateway) => !rootGateways.includes(gateway))) return true;
  }
  return false;
}

/** Istio's stringMatchConflict: the delegate's StringMatch must narrow the root's. */
function stringMatchConflict(
  root: StringMatch | undefined,
  leaf: StringMatch | undefined,
): boolean {
  if (root === undefined || leaf === undefined) return false;
  const nonEmpty = (value: string | undefined) => value !== undefined && value !== '';
  if (
    nonEmpty(root.regex) &&
    (nonEmpty(leaf.regex) || nonEmpty(leaf.prefix) || nonEmpty(leaf.exact))
  )
    return true;
  if (
    nonEmpty(leaf.regex) &&
    (nonEmpty(root.regex) || nonEmpty(root.prefix) || nonEmpty(root.exact))
  )
    return true;
  if (nonEmpty(root.exact)) {
    if (nonEmpty(leaf.prefix)) return true;
    return (leaf.exact ?? '') !== root.exact;
  }
  if (nonEmpty(root.prefix)) {
    const prefix = root.prefix ?? '';
    if (nonEmpty(leaf.prefix)) return !(leaf.prefix ?? '').startsWith(prefix);
    if (nonEmpty(leaf.exact)) return !(leaf.exact ?? '').startsWith(prefix);
  }
  return true;
}
