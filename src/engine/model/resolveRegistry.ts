import type { Subset, TrafficPolicy } from './istio';
import { indexModel } from './modelIndex';
import { CLUSTER_DOMAIN, hostSubsetOf, resolveHost } from './resolveHost';
import { isVisibleTo } from './resolveVisibility';
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

/** The ports of a registry entry (Service ports or ServiceEntry ports), as numbers. */
export function registryPorts(entry: RegistryEntry): number[] {
  const numbers: number[] = [];
  if (entry.kind === 'Service') {
    for (const port of entry.service.spec.ports ?? []) {
      if (port.port !== undefined) numbers.push(port.port);
    }
  } else {
    for (const port of entry.serviceEntry.spec.ports ?? []) {
      if (port.number !== undefined) numbers.push(port.number);
    }
  }
  return numbers;
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

function namespaceOfServiceHost(host: string): string | undefined {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (!host.endsWith(suffix)) return undefined;
  const labels = host.slice(0, -suffix.length).split('.');
  return labels.length === 2 ? labels[1] : undefined;
}

/** Specificity of a DR host for a destination host: exact beats any wildcard, longer beats shorter. */
function specificity(ruleHost: string, host: string): number {
  if (ruleHost === host) return Number.MAX_SAFE_INTEGER;
  return hostSubsetOf(host, ruleHost) ? ruleHost.length : -1;
}

/**
 * The DestinationRules a proxy in `fromNamespace` uses for `host` (routing-semantics §3.2): those in
 * its own namespace; else those in the host's namespace (a Service FQDN's namespace, or the
 * ServiceEntry's) exported to it; else those in istio-system exported to it. Within the first step
 * that has any, the most specific host wins and rules for that same host are merged (§3.2: subsets
 * concatenated, first name wins; first traffic policy). Undefined when none applies.
 */
export function destinationRulesFor(
  model: Model,
  host: string,
  fromNamespace: string,
): DestinationRuleLookup | undefined {
  const index = indexModel(model);
  const candidates = [
    ...(index.destinationRulesByHost.get(host) ?? []),
    ...index.wildcardDestinationRules.filter((rule) => {
      const ruleHost = resolvedHostOf(rule);
      return ruleHost !== host && hostSubsetOf(host, ruleHost);
    }),
  ];
  if (candidates.length === 0) return undefined;
  const hostNamespace =
    namespaceOfServiceHost(host) ?? index.serviceEntriesByHost.get(host)?.[0]?.namespace;
  const steps: ((rule: DestinationRuleResource) => boolean)[] = [
    (rule) => rule.namespace === fromNamespace && isVisibleTo(rule, fromNamespace),
    (rule) => rule.namespace === hostNamespace && isVisibleTo(rule, fromNamespace),
    (rule) => rule.namespace === ROOT_NAMESPACE && isVisibleTo(rule, fromNamespace),
  ];
  for (const step of steps) {
    const matching = candidates.filter(step);
    if (matching.length === 0) continue;
    let best = -1;
    for (const rule of matching) best = Math.max(best, specificity(resolvedHostOf(rule), host));
    const chosen = matching
      .filter((rule) => specificity(resolvedHostOf(rule), host) === best)
      .sort((a, b) => a.creationRank - b.creationRank);
    const first = chosen[0];
    if (first === undefined) continue;
    const subsets: Subset[] = [];
    const names = new Set<string>();
    for (const rule of chosen) {
      for (const subset of rule.spec.subsets ?? []) {
        if (subset.name !== undefined && names.has(subset.name)) continue;
        if (subset.name !== undefined) names.add(subset.name);
        subsets.push(subset);
      }
    }
    const trafficPolicy = chosen.find((rule) => rule.spec.trafficPolicy !== undefined)?.spec
      .trafficPolicy;
    return {
      host: resolvedHostOf(first),
      destinationRules: chosen,
      subsets,
      ...(trafficPolicy === undefined ? {} : { trafficPolicy }),
    };
  }
  return undefined;
}

function resolvedHostOf(rule: DestinationRuleResource): string {
  return resolveHost(rule.spec.host ?? '', rule.namespace);
}
