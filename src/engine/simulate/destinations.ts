import type {
  Destination,
  DestinationRuleLookup,
  Model,
  RegistryEntry,
  ResourceKey,
  Subset,
  WorkloadResource,
} from '../model';
import {
  destinationRulesFor,
  formatLabels,
  indexModel,
  isVisibleTo,
  lookupRegistryHost,
  registryPorts,
  registryResource,
  resolveHost,
  resolveTargetPort,
  selectorMatches,
  serviceEntryWorkloads,
  serviceWorkloads,
} from '../model';

/** Why a cluster cannot take the request, or that it can. */
export type ClusterHealth =
  /** The cluster exists and has endpoints (or Sailplan cannot list them, see `endpointNote`). */
  | 'ok'
  /** Envoy has no such cluster: 503 NC. */
  | 'noCluster'
  /** The cluster exists without endpoints: 503 UH. */
  | 'noEndpoints';

/** One endpoint of a cluster. */
export interface Endpoint {
  /** `Deployment/default/web-v1 :8080`, or `10.0.0.6:8080`. */
  readonly label: string;
  /** The workload behind it, when the design holds one. */
  readonly workload?: WorkloadResource;
}

/** Everything the trace says about a destination's cluster. */
export interface ClusterResolution {
  /** The destination host, resolved (`web.default.svc.cluster.local`). */
  readonly host: string;
  readonly port: number;
  readonly subset: string | null;
  /** `outbound|port|subset|host` (the host is the ExternalName target for an alias Service). */
  readonly cluster: string;
  /** How the port was chosen. */
  readonly portReason: string;
  readonly registry: RegistryEntry | undefined;
  /** The DestinationRules the proxy uses for this host, if any. */
  readonly destinationRules: DestinationRuleLookup | undefined;
  /** The subset definition, when the subset exists. */
  readonly subsetDefinition: Subset | undefined;
  readonly health: ClusterHealth;
  /** Plain words: why the cluster is missing, or what its endpoints are. */
  readonly reason: string;
  readonly endpoints: readonly Endpoint[];
  /** Set when endpoints cannot be known from the design (no workloads, no selector...). */
  readonly endpointNote: string | undefined;
  /** The load-balancing policy in effect (subset policy over DR policy), e.g. `ROUND_ROBIN`. */
  readonly loadBalancer: string | undefined;
  /** The node to highlight: the Service or ServiceEntry. */
  readonly node: ResourceKey | undefined;
}

const resolutions = new WeakMap<Model, Map<string, ClusterResolution>>();

/**
 * Resolves a route destination to Envoy's cluster as a proxy in `proxyNamespace` sees it
 * (routing-semantics §2.8.2, §3, §4): host by Istio's short-name rule in `hostNamespace`; port from
 * `destination.port`, else the service's only port, else `listenPort` (the gateway server's written
 * port, or the sidecar's service port); the cluster exists only when the registry has that host and
 * port visible to the proxy and, for a subset, a visible DestinationRule defines it. Memoised per model.
 */
export function resolveCluster(
  model: Model,
  destination: Destination,
  hostNamespace: string,
  listenPort: number,
  proxyNamespace: string,
): ClusterResolution {
  const host = resolveHost(destination.host ?? '', hostNamespace, model.clusterDomain);
  const key = `${proxyNamespace}|${host}|${destination.port?.number ?? ''}|${listenPort}|${destination.subset ?? ''}`;
  let table = resolutions.get(model);
  if (table === undefined) {
    table = new Map();
    resolutions.set(model, table);
  }
  const cached = table.get(key);
  if (cached !== undefined) return cached;
  const resolved = computeCluster(model, host, destination, listenPort, proxyNamespace);
  table.set(key, resolved);
  return resolved;
}

function computeCluster(
  model: Model,
  host: string,
  destination: Destination,
  listenPort: number,
  proxyNamespace: string,
): ClusterResolution {
  const found = host === '' ? undefined : lookupRegistryHost(model, host);
  const resource = found === undefined ? undefined : registryResource(found);
  const visible = resource !== undefined && isVisibleTo(resource, proxyNamespace);
  const registry = visible ? found : undefined;
  const ports = registry === undefined ? [] : registryPorts(registry);
  let port: number;
  let portReason: string;
  if (destination.port?.number !== undefined) {
    port = destination.port.number;
    portReason = `destination.port ${port}`;
  } else if (ports.length === 1 && ports[0] !== undefined) {
    port = ports[0];
    portReason = `the only port of ${host}`;
  } else {
    port = listenPort;
    portReason =
      registry === undefined
        ? `no port given and the host is unknown: the listener's port ${listenPort}`
        : `no port given and ${host} has ${ports.length} ports: the listener's port ${listenPort}`;
  }
  const subset =
    destination.subset === undefined || destination.subset === '' ? null : destination.subset;
  // An ExternalName Service is an alias: Istio points the cluster at the name it aliases.
  const clusterHost =
    registry?.kind === 'Service' &&
    registry.service.spec.type === 'ExternalName' &&
    registry.service.spec.externalName !== undefined
      ? registry.service.spec.externalName
      : host;
  const cluster = `outbound|${port}|${subset ?? ''}|${clusterHost}`;
  const node = resource?.key;
  const destinationRules =
    host === '' ? undefined : destinationRulesFor(model, host, proxyNamespace);
  const base = { host, port, subset, cluster, portReason, registry, destinationRules, node };
  const missing = (reason: string): ClusterResolution => ({
    ...base,
    subsetDefinition: undefined,
    health: 'noCluster',
    reason,
    endpoints: [],
    endpointNote: undefined,
    loadBalancer: undefined,
  });
  if (host === '') return missing('the destination has no host');
  if (found === undefined) {
    return missing(
      `no Service or ServiceEntry has the host ${host} (lookup is exact, after short-name resolution)`,
    );
  }
  if (!visible || registry === undefined) {
    return missing(
      `${resource?.key ?? host} is not exported to ${proxyNamespace}, so the proxy there has no cluster for it`,
    );
  }
  if (!ports.includes(port)) {
    return missing(
      `${host} has no port ${port} (ports: ${ports.length === 0 ? 'none' : ports.join(', ')})`,
    );
  }
  let subsetDefinition: Subset | undefined;
  if (subset !== null) {
    subsetDefinition = destinationRules?.subsets.find((candidate) => candidate.name === subset);
    if (subsetDefinition === undefined) {
      const hidden = (indexModel(model).destinationRulesByHost.get(host) ?? []).some((rule) =>
        (rule.spec.subsets ?? []).some((candidate) => candidate.name === subset),
      );
      return missing(
        destinationRules === undefined
          ? `no DestinationRule visible from ${proxyNamespace} applies to ${host}, so subset ${subset} has no cluster${hidden ? ' (a DestinationRule defines it but is not exported there)' : ''}`
          : `the DestinationRule${destinationRules.destinationRules.length === 1 ? '' : 's'} ${destinationRules.destinationRules.map((rule) => `${rule.namespace}/${rule.name}`).join(', ')} define${destinationRules.destinationRules.length === 1 ? 's' : ''} no subset ${subset}`,
      );
    }
  }
  const loadBalancer = loadBalancerPolicy(destinationRules, subsetDefinition);
  const endpoints = listEndpoints(model, registry, port, subsetDefinition);
  const subsetText =
    subset === null ? '' : ` subset ${subset} (labels ${formatLabels(subsetDefinition?.labels)})`;
  if (endpoints.note === undefined && endpoints.list.length === 0) {
    return {
      ...base,
      subsetDefinition,
      health: 'noEndpoints',
      reason: `${host}${subsetText} has no ready endpoint${endpoints.why === '' ? '' : `: ${endpoints.why}`}`,
      endpoints: [],
      endpointNote: undefined,
      loadBalancer,
    };
  }
  return {
    ...base,
    subsetDefinition,
    health: 'ok',
    reason:
      endpoints.note ??
      `${endpoints.list.length} endpoint${endpoints.list.length === 1 ? '' : 's'} of ${host}${subsetText}`,
    endpoints: endpoints.list,
    endpointNote: endpoints.note,
    loadBalancer,
  };
}

function loadBalancerPolicy(
  rules: DestinationRuleLookup | undefined,
  subset: Subset | undefined,
): string | undefined {
  const fromPolicy = (
    policy: { readonly loadBalancer?: Readonly<Record<string, unknown>> } | undefined,
  ): string | undefined => {
    const loadBalancer = policy?.loadBalancer;
    if (loadBalancer === undefined) return undefined;
    if (typeof loadBalancer.simple === 'string') return loadBalancer.simple;
    if (loadBalancer.consistentHash !== undefined) return 'consistentHash';
    return undefined;
  };
  return fromPolicy(subset?.trafficPolicy) ?? fromPolicy(rules?.trafficPolicy);
}

interface EndpointListing {
  readonly list: readonly Endpoint[];
  /** Set when the design cannot tell the endpoints. */
  readonly note: string | undefined;
  /** Why the list is empty, when it is. */
  readonly why: string;
}

function listEndpoints(
  model: Model,
  registry: RegistryEntry,
  port: number,
  subset: Subset | undefined,
): EndpointListing {
  const subsetLabels = subset?.labels;
  if (registry.kind === 'Service') {
    const service = registry.service;
    if (service.spec.type === 'ExternalName') {
      return {
        list: [],
        note: `ExternalName Service: DNS answers for ${service.spec.externalName ?? '(no externalName)'}`,
        why: '',
      };
    }
    const selector = service.spec.selector;
    if (selector === undefined || Object.keys(selector).length === 0) {
      return {
        list: [],
        note: `${service.key} has no selector: its endpoints come from Endpoints objects, which Sailplan does not model`,
        why: '',
      };
    }
    if (model.workloads.length === 0) {
      return {
        list: [],
        note: 'the design holds no workloads, so endpoints are not checked',
        why: '',
      };
    }
    const servicePort = (service.spec.ports ?? []).find((candidate) => candidate.port === port);
    const selected = serviceWorkloads(model, service);
    return workloadEndpoints(
      selected,
      subsetLabels,
      (workload) =>
        servicePort === undefined
          ? port
          : (resolveTargetPort(servicePort, [
              {
                namespace: workload.namespace,
                labels: workload.spec.podLabels,
                source: 'workload',
                workload,
              },
            ]) ?? port),
      selected.length === 0
        ? `no workload in ${service.namespace} has the labels ${formatLabels(selector)}`
        : undefined,
    );
  }
  const serviceEntry = registry.serviceEntry;
  const sePort = (serviceEntry.spec.ports ?? []).find((candidate) => candidate.number === port);
  const targetPort = sePort?.targetPort ?? port;
  if (serviceEntry.spec.workloadSelector?.labels !== undefined) {
    if (model.workloads.length === 0)
      return {
        list: [],
        note: 'the design holds no workloads, so endpoints are not checked',
        why: '',
      };
    const selected = serviceEntryWorkloads(model, serviceEntry);
    return workloadEndpoints(
      selected,
      subsetLabels,
      () => targetPort,
      selected.length === 0 ? 'no workload matches the workloadSelector' : undefined,
    );
  }
  const resolution = serviceEntry.spec.resolution ?? 'NONE';
  const endpoints = serviceEntry.spec.endpoints ?? [];
  if (endpoints.length === 0) {
    if (resolution === 'NONE')
      return {
        list: [],
        note: 'resolution NONE: forwarded to the original destination address',
        why: '',
      };
    if (resolution === 'DYNAMIC_DNS')
      return {
        list: [],
        note: 'resolution DYNAMIC_DNS: the host is resolved per request',
        why: '',
      };
    if (resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') {
      // The host itself is the one endpoint, and it carries no labels.
      if (subsetLabels !== undefined && Object.keys(subsetLabels).length > 0) {
        return {
          list: [],
          note: undefined,
          why: `the DNS endpoint of ${serviceEntry.spec.hosts?.[0] ?? ''} has no labels`,
        };
      }
      return {
        list: [],
        note: `DNS answers for the host (resolution ${resolution}), port ${targetPort}`,
        why: '',
      };
    }
    return { list: [], note: undefined, why: 'the ServiceEntry lists no endpoints' };
  }
  const list: Endpoint[] = [];
  for (const endpoint of endpoints) {
    if (!selectorMatches(subsetLabels, endpoint.labels ?? {})) continue;
    const endpointPort =
      (sePort?.name === undefined ? undefined : endpoint.ports?.[sePort.name]) ?? targetPort;
    list.push({ label: `${endpoint.address ?? '(no address)'}:${endpointPort}` });
  }
  return {
    list,
    note: undefined,
    why: list.length === 0 ? `no endpoint has the labels ${formatLabels(subsetLabels)}` : '',
  };
}

function workloadEndpoints(
  selected: readonly WorkloadResource[],
  subsetLabels: Readonly<Record<string, string>> | undefined,
  portOf: (workload: WorkloadResource) => number,
  emptyReason: string | undefined,
): EndpointListing {
  const list: Endpoint[] = [];
  let scaledToZero = 0;
  let outsideSubset = 0;
  for (const workload of selected) {
    if (!selectorMatches(subsetLabels, workload.spec.podLabels)) {
      outsideSubset += 1;
      continue;
    }
    if (workload.spec.replicas === 0) {
      scaledToZero += 1;
      continue;
    }
    list.push({ label: `${workload.key} :${portOf(workload)}`, workload });
  }
  let why = emptyReason ?? '';
  if (list.length === 0 && emptyReason === undefined) {
    const parts: string[] = [];
    if (outsideSubset > 0)
      parts.push(`no selected workload has the subset labels ${formatLabels(subsetLabels)}`);
    if (scaledToZero > 0)
      parts.push(
        `${scaledToZero} workload${scaledToZero === 1 ? ' is' : 's are'} scaled to 0 replicas`,
      );
    why = parts.join('; ');
  }
  return { list, note: undefined, why };
}
