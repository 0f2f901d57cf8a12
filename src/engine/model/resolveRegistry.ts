import type { Subset, TrafficPolicy } from './istio';
import { indexModel } from './modelIndex';
import { hostSubsetOf, isWildcardHost, namespaceOfServiceHost, resolveHost } from './resolveHost';
import { exportToOf } from './resolveVisibility';
import type {
  DestinationRuleResource,
  Model,
  ServiceEntryResource,
  ServiceResource,
} from './types';

/** What a resolved host names in the service registry. */
export type RegistryEntry =
  | { readonly kind: 'Service'; readonly service: ServiceResource }
  | { readonly kind: 'ServiceEntry'; readonly serviceEntry: ServiceEntryResource };

/**
 * The registry entry of a fully resolved host (resolve it with `resolveHost` first): a Kubernetes
 * Service by its FQDN, else the oldest ServiceEntry listing exactly that host. Lookup is exact
 * (routing-semantics §2.8.2): `api.example.com` does not match a ServiceEntry host `*.example.com`.
 * A ServiceEntry host equal to a Service's FQDN decorates that Service (§4), so the Service wins.
 */
export function lookupRegistryHost(model: Model, host: string): RegistryEntry | undefined {
  const index = indexModel(model);
  const service = index.servicesByFqdn.get(host);
  if (service !== undefined) return { kind: 'Service', service };
  const serviceEntry = index.serviceEntriesByHost.get(host)?.[0];
  if (serviceEntry !== undefined) return { kind: 'ServiceEntry', serviceEntry };
  return undefined;
}

/** The Service or ServiceEntry a registry entry stands for. */
export function registryResource(entry: RegistryEntry): ServiceResource | ServiceEntryResource {
  return entry.kind === 'Service' ? entry.service : entry.serviceEntry;
}

/** The port numbers a Service or ServiceEntry exposes, in written order. */
export function exposedPorts(resource: ServiceResource | ServiceEntryResource): number[] {
  const numbers: number[] = [];
  if (resource.kind === 'Service') {
    for (const port of resource.spec.ports ?? []) {
      if (port.port !== undefined) numbers.push(port.port);
    }
  } else {
    for (const port of resource.spec.ports ?? []) {
      if (port.number !== undefined) numbers.push(port.number);
    }
  }
  return numbers;
}

/** The ports of a registry entry (Service ports or ServiceEntry ports), as numbers. */
export function registryPorts(entry: RegistryEntry): number[] {
  return exposedPorts(registryResource(entry));
}

/** Istio's root configuration namespace in a default install. */
export const ROOT_NAMESPACE = 'istio-system';

/** The DestinationRules that apply to a host as seen from one namespace, merged (§3.2). */
export interface DestinationRuleLookup {
  /** The DR host that matched (the most specific one), resolved. */
  readonly host: string;
  /** The merged DestinationRules, in creation order. */
  readonly destinationRules: readonly DestinationRuleResource[];
  /** Their subsets, concatenated; for a repeated name the first wins. */
  readonly subsets: readonly Subset[];
  /** The first top-level traffic policy among them. */
  readonly trafficPolicy?: TrafficPolicy;
}

/** DestinationRules of one pool by resolved host, split as Istio keeps them (`consolidatedDestRules`). */
interface HostPool {
  readonly specific: Map<string, DestinationRuleResource[]>;
  readonly wildcard: Map<string, DestinationRuleResource[]>;
}

/** Istio's `destinationRuleIndex`, built once per model, plus the answers already given. */
interface DestinationRuleIndex {
  /** Per namespace, the rules its own proxies look at first (exported to `*`, `.`, itself, or by default). */
  readonly namespaceLocal: Map<string, HostPool>;
  /** Per namespace, the rules it exports beyond itself (all but the private-only ones). */
  readonly exportedByNamespace: Map<string, HostPool>;
  /** The root namespace's private-only rules: the first pool of a proxy in the root namespace. */
  readonly rootNamespaceLocal: HostPool;
  readonly lookups: Map<string, DestinationRuleLookup | undefined>;
}

const destinationRuleIndexes = new WeakMap<Model, DestinationRuleIndex>();

function newPool(): HostPool {
  return { specific: new Map(), wildcard: new Map() };
}

function addToPool(
  pools: Map<string, HostPool>,
  namespace: string,
  host: string,
  rule: DestinationRuleResource,
): void {
  let pool = pools.get(namespace);
  if (pool === undefined) {
    pool = newPool();
    pools.set(namespace, pool);
  }
  addToHostPool(pool, host, rule);
}

function addToHostPool(pool: HostPool, host: string, rule: DestinationRuleResource): void {
  const byHost = isWildcardHost(host) ? pool.wildcard : pool.specific;
  const rules = byHost.get(host);
  if (rules === undefined) byHost.set(host, [rule]);
  else rules.push(rule);
}

/**
 * The exportTo Istio indexes a rule by: its own list, except that a rule with a workloadSelector is
 * never exported (`setDestinationRules` gives it `.`).
 */
function indexedExportTo(rule: DestinationRuleResource): readonly string[] {
  return rule.spec.workloadSelector === undefined ? (exportToOf(rule) ?? []) : ['.'];
}

/** Istio's `isPrivateOnly`: exported to `.` or to its own namespace alone. */
function isPrivateOnly(rule: DestinationRuleResource): boolean {
  const exportTo = indexedExportTo(rule);
  return exportTo.length === 1 && (exportTo[0] === '.' || exportTo[0] === rule.namespace);
}

/** Whether Istio puts a rule in its namespace's local pool: no exportTo, or `*`, `.` or the namespace. */
function isNamespaceLocal(rule: DestinationRuleResource): boolean {
  const exportTo = indexedExportTo(rule);
  return (
    exportTo.length === 0 ||
    exportTo.some((entry) => entry === '*' || entry === '.' || entry === rule.namespace)
  );
}

/**
 * Istio's visibility test for an exported pool (`getExportedDestinationRuleFromNamespace`): no
 * exportTo, `*`, or the client's namespace by name. `.` does not count there: a proxy only meets
 * its own namespace's private rules in its local pool.
 */
function isExportedTo(rule: DestinationRuleResource, namespace: string): boolean {
  const exportTo = indexedExportTo(rule);
  return exportTo.length === 0 || exportTo.includes('*') || exportTo.includes(namespace);
}

function destinationRuleIndex(model: Model): DestinationRuleIndex {
  const cached = destinationRuleIndexes.get(model);
  if (cached !== undefined) return cached;
  const index: DestinationRuleIndex = {
    namespaceLocal: new Map(),
    exportedByNamespace: new Map(),
    rootNamespaceLocal: newPool(),
    lookups: new Map(),
  };
  // model.destinationRules is in creation order, so every pool list is too (Istio sorts the same way).
  for (const rule of model.destinationRules) {
    if (rule.spec.host === undefined) continue;
    const host = resolveHost(rule.spec.host, rule.namespace, model.clusterDomain);
    if (isNamespaceLocal(rule)) addToPool(index.namespaceLocal, rule.namespace, host, rule);
    if (!isPrivateOnly(rule)) addToPool(index.exportedByNamespace, rule.namespace, host, rule);
    else if (rule.namespace === ROOT_NAMESPACE) addToHostPool(index.rootNamespaceLocal, host, rule);
  }
  destinationRuleIndexes.set(model, index);
  return index;
}

/**
 * Istio's `MostSpecificHostMatch` over one pool: the rules written for exactly `host`, else those of
 * the longest wildcard host that covers it.
 */
function mostSpecificRules(
  pool: HostPool | undefined,
  host: string,
): readonly DestinationRuleResource[] {
  if (pool === undefined) return [];
  const exact = (isWildcardHost(host) ? pool.wildcard : pool.specific).get(host);
  if (exact !== undefined) return exact;
  let best: string | undefined;
  for (const ruleHost of pool.wildcard.keys()) {
    if (hostSubsetOf(host, ruleHost) && (best === undefined || ruleHost.length > best.length))
      best = ruleHost;
  }
  return best === undefined ? [] : (pool.wildcard.get(best) ?? []);
}

function mergeRules(
  rules: readonly DestinationRuleResource[],
  clusterDomain: string | undefined,
): DestinationRuleLookup | undefined {
  const first = rules[0];
  if (first === undefined) return undefined;
  const subsets: Subset[] = [];
  const names = new Set<string>();
  for (const rule of rules) {
    for (const subset of rule.spec.subsets ?? []) {
      // Istio merges rules for one host: subsets are concatenated and the first of a name wins.
      if (subset.name !== undefined && names.has(subset.name)) continue;
      if (subset.name !== undefined) names.add(subset.name);
      subsets.push(subset);
    }
  }
  const trafficPolicy = rules.find((rule) => rule.spec.trafficPolicy !== undefined)?.spec
    .trafficPolicy;
  return {
    host: resolveHost(first.spec.host ?? '', first.namespace, clusterDomain),
    destinationRules: rules,
    subsets,
    ...(trafficPolicy === undefined ? {} : { trafficPolicy }),
  };
}

/**
 * The namespace Istio looks in for a host's own rules (step 2 of §3.2): a Service FQDN's namespace,
 * else the namespace of the oldest ServiceEntry with that host.
 */
function registryNamespaceOf(model: Model, host: string): string | undefined {
  return (
    namespaceOfServiceHost(host, model.clusterDomain) ??
    indexModel(model).serviceEntriesByHost.get(host)?.[0]?.namespace
  );
}

function lookUpDestinationRules(
  model: Model,
  host: string,
  proxyNamespace: string,
): DestinationRuleLookup | undefined {
  const index = destinationRuleIndex(model);
  const local =
    proxyNamespace === ROOT_NAMESPACE
      ? index.rootNamespaceLocal
      : index.namespaceLocal.get(proxyNamespace);
  const own = mostSpecificRules(local, host);
  if (own.length > 0) return mergeRules(own, model.clusterDomain);
  const exportedFrom = (namespace: string | undefined): DestinationRuleLookup | undefined => {
    if (namespace === undefined) return undefined;
    const chosen = mostSpecificRules(index.exportedByNamespace.get(namespace), host);
    // The most specific host decides the step: when its rules are hidden, the step has nothing.
    if (!chosen.some((rule) => isExportedTo(rule, proxyNamespace))) return undefined;
    return mergeRules(chosen, model.clusterDomain);
  };
  return exportedFrom(registryNamespaceOf(model, host)) ?? exportedFrom(ROOT_NAMESPACE);
}

/**
 * The DestinationRules a proxy in `proxyNamespace` uses for a resolved `host`, as Istio's
 * PushContext.destinationRule picks them (routing-semantics §3.2): (1) the rules of the proxy's own
 * namespace, but for a proxy in the root namespace (istio-system, where ingress gateways run) only
 * the root namespace's private ones (exportTo `.`); (2) the rules the host's namespace (a Service
 * FQDN's, or the ServiceEntry's) exports to the proxy's; (3) the rules istio-system exports to it.
 * In each pool the most specific host wins and its rules merge (subsets concatenated, the first of a
 * name wins; the first traffic policy); a most specific rule not exported to the proxy ends that
 * step. Indexed and memoised per model; undefined when no rule applies.
 */
export function destinationRulesFor(
  model: Model,
  host: string,
  proxyNamespace: string,
): DestinationRuleLookup | undefined {
  const { lookups } = destinationRuleIndex(model);
  const key = `${proxyNamespace}\u0000${host}`;
  if (lookups.has(key)) return lookups.get(key);
  const found = lookUpDestinationRules(model, host, proxyNamespace);
  lookups.set(key, found);
  return found;
}

/**
 * Every DestinationRule whose host covers `host`, in any namespace and whatever its exportTo: those
 * written for exactly that host, then the wildcard ones that contain it (each in creation order).
 */
export function destinationRulesCovering(model: Model, host: string): DestinationRuleResource[] {
  const index = indexModel(model);
  const found = [...(index.destinationRulesByHost.get(host) ?? [])];
  for (const rule of index.wildcardDestinationRules) {
    const ruleHost = resolveHost(rule.spec.host ?? '', rule.namespace, model.clusterDomain);
    if (ruleHost !== host && hostSubsetOf(host, ruleHost)) found.push(rule);
  }
  return found;
}
