import { resolveHost, serviceFqdn } from './resolveHost';
import type {
  DestinationRuleResource,
  Model,
  ResourceKey,
  ServiceEntryResource,
  ServiceResource,
  WorkloadResource,
} from './types';

/**
 * Lookup tables over one Model, built once per model on first use (the model is immutable) so the
 * resolvers and the topology run in time linear in the design, not quadratic.
 */
export interface ModelIndex {
  /** Services by `name.namespace.svc.cluster.local`. */
  readonly servicesByFqdn: ReadonlyMap<string, ServiceResource>;
  /** Services per namespace, in creation order. */
  readonly servicesByNamespace: ReadonlyMap<string, readonly ServiceResource[]>;
  /** ServiceEntries per host as written, in creation order. */
  readonly serviceEntriesByHost: ReadonlyMap<string, readonly ServiceEntryResource[]>;
  /** Workloads per namespace, in creation order. */
  readonly workloadsByNamespace: ReadonlyMap<string, readonly WorkloadResource[]>;
  /** Workloads per pod label `key=value`, across namespaces, in creation order. */
  readonly workloadsByLabel: ReadonlyMap<string, readonly WorkloadResource[]>;
  /** DestinationRules per resolved host (wildcards included as written), in creation order. */
  readonly destinationRulesByHost: ReadonlyMap<string, readonly DestinationRuleResource[]>;
  /** DestinationRules whose resolved host is a wildcard, in creation order. */
  readonly wildcardDestinationRules: readonly DestinationRuleResource[];
  /** Number of model diagnostics per resource. */
  readonly diagnosticCounts: ReadonlyMap<ResourceKey, number>;
  /** Memo tables for per-resource answers (gateway pods, services...), keyed by purpose then key. */
  readonly memo: Map<string, Map<ResourceKey, unknown>>;
}

const indexes = new WeakMap<Model, ModelIndex>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** The label index key of one `key=value` pair. */
export function labelPair(key: string, value: string): string {
  return `${key}=${value}`;
}

/** The lookup tables of a model (built on first use, then cached for that model object). */
export function indexModel(model: Model): ModelIndex {
  const cached = indexes.get(model);
  if (cached !== undefined) return cached;

  const servicesByFqdn = new Map<string, ServiceResource>();
  const servicesByNamespace = new Map<string, ServiceResource[]>();
  for (const service of model.services) {
    servicesByFqdn.set(serviceFqdn(service.name, service.namespace, model.clusterDomain), service);
    push(servicesByNamespace, service.namespace, service);
  }
  const serviceEntriesByHost = new Map<string, ServiceEntryResource[]>();
  for (const serviceEntry of model.serviceEntries) {
    for (const host of new Set(serviceEntry.spec.hosts ?? [])) {
      push(serviceEntriesByHost, host, serviceEntry);
    }
  }
  const workloadsByNamespace = new Map<string, WorkloadResource[]>();
  const workloadsByLabel = new Map<string, WorkloadResource[]>();
  for (const workload of model.workloads) {
    push(workloadsByNamespace, workload.namespace, workload);
    for (const [key, value] of Object.entries(workload.spec.podLabels)) {
      push(workloadsByLabel, labelPair(key, value), workload);
    }
  }
  const destinationRulesByHost = new Map<string, DestinationRuleResource[]>();
  const wildcardDestinationRules: DestinationRuleResource[] = [];
  for (const destinationRule of model.destinationRules) {
    const host = destinationRule.spec.host;
    if (host === undefined) continue;
    const resolved = resolveHost(host, destinationRule.namespace, model.clusterDomain);
    push(destinationRulesByHost, resolved, destinationRule);
    if (resolved.startsWith('*')) wildcardDestinationRules.push(destinationRule);
  }
  const diagnosticCounts = new Map<ResourceKey, number>();
  for (const diagnostic of model.diagnostics) {
    if (diagnostic.resource === undefined) continue;
    diagnosticCounts.set(diagnostic.resource, (diagnosticCounts.get(diagnostic.resource) ?? 0) + 1);
  }

  const index: ModelIndex = {
    servicesByFqdn,
    servicesByNamespace,
    serviceEntriesByHost,
    workloadsByNamespace,
    workloadsByLabel,
    destinationRulesByHost,
    wildcardDestinationRules,
    diagnosticCounts,
    memo: new Map(),
  };
  indexes.set(model, index);
  return index;
}

/** A memoised per-resource answer: computed once per model and purpose. */
export function memoised<T>(model: Model, purpose: string, key: ResourceKey, compute: () => T): T {
  const { memo } = indexModel(model);
  let table = memo.get(purpose);
  if (table === undefined) {
    table = new Map();
    memo.set(purpose, table);
  }
  if (table.has(key)) return table.get(key) as T;
  const value = compute();
  table.set(key, value);
  return value;
}
