import type { Labels, Model, RegistryEntry, VirtualServiceResource } from '../model';
import {
  CLUSTER_DOMAIN,
  MESH_GATEWAY,
  exportToOf,
  formatLabels,
  hostSubsetOf,
  isIpAddress,
  isVisibleTo,
  lookupRegistryHost,
  registryPorts,
  registryResource,
  resolveHost,
  selectorMatches,
  virtualServiceGateways,
} from '../model';
import { splitByWeight } from './actions';
import { formatPercent } from './compareOutcome';
import { resolveCluster } from './destinations';
import type { SimulationContext } from './httpRouting';
import {
  executeRoute,
  forwardWithoutVirtualService,
  ruleLabel,
  ruleNode,
  skippedRuleStep,
  tryRoutes,
} from './httpRouting';
import { translateHttpRoutes } from './routeTable';

/** The workload a mesh request comes from. */
export interface Caller {
  readonly namespace: string;
  readonly labels: Labels;
}

/**
 * Simulates a request sent by a workload through its sidecar (routing-semantics §2.10): the called
 * host picks the Service and port; the first mesh VirtualService for that host routes it (no
 * merging across VirtualServices), with sourceLabels and sourceNamespace checked against the
 * caller; without one, the sidecar's default route goes straight to the Service.
 */
export function simulateMesh(context: SimulationContext, caller: Caller): void {
  const { model, trace, request } = context;
  // Without labels the caller is any workload of the namespace: none is picked for it.
  const workload =
    Object.keys(caller.labels).length === 0
      ? undefined
      : model.workloads.find(
          (candidate) =>
            candidate.namespace === caller.namespace &&
            selectorMatches(caller.labels, candidate.spec.podLabels),
        );
  const labels = workload?.spec.podLabels ?? caller.labels;
  trace.step(
    'sidecar',
    'matched',
    `Sidecar of a workload in ${caller.namespace}`,
    workload === undefined
      ? `labels ${formatLabels(caller.labels)} as given (no workload of the design has them)`
      : `${workload.kind} ${workload.namespace}/${workload.name} (${formatLabels(labels)})`,
    workload === undefined
      ? {}
      : {
          node: workload.key,
          at: { key: workload.key, path: ['spec', 'template', 'metadata', 'labels'] },
        },
  );
  if (isIpAddress(request.host)) {
    trace.stop(
      'unanswerable',
      `The request names an IP address (${request.host}); the simulator routes by host name only.`,
    );
    return;
  }
  const target = resolveCalledHost(model, request.host, caller.namespace);
  const virtualService = meshVirtualService(model, target.host, caller.namespace);
  if (target.registry === undefined && virtualService === undefined) {
    trace.stop(
      'unanswerable',
      `${request.host} is neither a Service, a ServiceEntry nor a mesh VirtualService host: the sidecar passes the request to its original destination, outside the design.`,
    );
    return;
  }
  if (target.registry !== undefined && !target.ports.includes(request.port)) {
    trace.stop(
      'unanswerable',
      `${target.host} has no port ${request.port} (ports: ${target.ports.join(', ') || 'none'}): the sidecar has no route for it and passes the request to its original destination, outside the design.`,
    );
    return;
  }
  if (target.registry === undefined && request.port !== 80) {
    trace.stop(
      'unanswerable',
      `${request.host} is not in the registry; sidecars route such VirtualService hosts on port 80 only.`,
    );
    return;
  }
  trace.step(
    'destination',
    'info',
    `Called host ${target.host} port ${request.port}`,
    target.reason,
  );
  if (!request.http) {
    forwardMeshTcp(context, target.host, virtualService, { namespace: caller.namespace, labels });
    return;
  }
  if (virtualService === undefined) {
    trace.step(
      'virtualService',
      'info',
      'No VirtualService',
      `no VirtualService bound to the mesh and visible from ${caller.namespace} has the host ${target.host}: the sidecar's default route sends the request to the Service`,
    );
    forwardWithoutVirtualService(
      context,
      resolveCluster(
        model,
        { host: target.host, port: { number: request.port } },
        caller.namespace,
        request.port,
        caller.namespace,
      ),
    );
    return;
  }
  trace.step(
    'virtualService',
    'matched',
    `VirtualService ${virtualService.namespace}/${virtualService.name}`,
    `bound to the mesh with host ${target.host}; sidecars do not merge VirtualServices: for a host only the first one counts`,
    { node: virtualService.key, at: { key: virtualService.key, path: ['spec', 'hosts'] } },
  );
  const { routes, skipped } = translateHttpRoutes(
    model,
    virtualService,
    request.port,
    { namespace: caller.namespace, labels, gatewayName: MESH_GATEWAY },
    undefined,
  );
  const broken = routes.find((route) => route.broken !== undefined);
  if (broken !== undefined) {
    trace.step('rule', 'failed', ruleLabel(broken), broken.broken ?? '', {
      node: ruleNode(broken),
      at: { key: broken.rule.virtualService.key, path: ['spec', 'http', broken.rule.index] },
    });
    trace.stop(
      'unanswerable',
      `Envoy rejects the sidecar's routes for ${target.host} (${broken.broken ?? ''}) and keeps the routes it had before, which the design does not show.`,
    );
    return;
  }
  for (const skip of skipped) skippedRuleStep(trace, skip);
  // The same attempts as at a gateway: each rule tried names its match entry and what failed.
  const entry = tryRoutes(context, routes);
  if (entry !== undefined) {
    executeRoute(context, entry);
    return;
  }
  trace.step(
    'rule',
    'failed',
    'No route matched',
    `no rule of ${virtualService.namespace}/${virtualService.name} matches`,
    { flag: 'NR' },
  );
  trace.respond(
    404,
    'NR',
    `404 NR: no rule of ${virtualService.namespace}/${virtualService.name} matches`,
  );
}

interface CalledHost {
  readonly host: string;
  readonly registry: RegistryEntry | undefined;
  readonly ports: readonly number[];
  readonly reason: string;
}

/** Kubernetes DNS search path of the caller's namespace, then the registry. */
function resolveCalledHost(model: Model, written: string, namespace: string): CalledHost {
  const dots = written.split('.').length - 1;
  const domain = model.clusterDomain ?? CLUSTER_DOMAIN;
  const candidates =
    dots === 0
      ? [resolveHost(written, namespace, domain)]
      : dots === 1
        ? [`${written}.svc.${domain}`, written]
        : written.endsWith('.svc')
          ? [`${written}.${domain}`, written]
          : [written];
  for (const host of candidates) {
    const registry = lookupRegistryHost(model, host) ?? wildcardServiceEntry(model, host);
    if (registry === undefined) continue;
    const ports = registryPorts(registry);
    const resource = registryResource(registry);
    return {
      host,
      registry,
      ports,
      reason: `${written === host ? written : `${written} resolves to ${host}`}: ${registry.kind} ${resource.namespace}/${resource.name}`,
    };
  }
  const host = candidates[0] ?? written;
  return { host, registry: undefined, ports: [], reason: `${host} is not a registry host` };
}

function wildcardServiceEntry(model: Model, host: string): RegistryEntry | undefined {
  for (const serviceEntry of model.serviceEntries) {
    if (
      (serviceEntry.spec.hosts ?? []).some(
        (entry) => entry.startsWith('*') && hostSubsetOf(host, entry),
      )
    )
      return { kind: 'ServiceEntry', serviceEntry };
  }
  return undefined;
}

interface MeshIndex {
  /** Mesh VirtualServices by resolved exact host, in creation order. */
  readonly exact: ReadonlyMap<string, readonly VirtualServiceResource[]>;
  /** Mesh VirtualServices with wildcard hosts, with those hosts resolved. */
  readonly wildcards: readonly {
    readonly virtualService: VirtualServiceResource;
    readonly hosts: readonly string[];
  }[];
}

const meshIndexes = new WeakMap<Model, MeshIndex>();

/** The VirtualServices bound to the mesh, indexed by host once per model. */
function meshIndex(model: Model): MeshIndex {
  const cached = meshIndexes.get(model);
  if (cached !== undefined) return cached;
  const exact = new Map<string, VirtualServiceResource[]>();
  const wildcards: { virtualService: VirtualServiceResource; hosts: string[] }[] = [];
  for (const virtualService of model.virtualServices) {
    if ((virtualService.spec.hosts ?? []).length === 0) continue;
    if (!virtualServiceGateways(virtualService).some((reference) => reference.type === 'mesh'))
      continue;
    const wildcardHosts: string[] = [];
    for (const written of virtualService.spec.hosts ?? []) {
      const resolved = resolveHost(written, virtualService.namespace, model.clusterDomain);
      if (resolved.startsWith('*')) {
        wildcardHosts.push(resolved);
        continue;
      }
      const list = exact.get(resolved);
      if (list === undefined) exact.set(resolved, [virtualService]);
      else if (!list.includes(virtualService)) list.push(virtualService);
    }
    if (wildcardHosts.length > 0) wildcards.push({ virtualService, hosts: wildcardHosts });
  }
  const index = { exact, wildcards };
  meshIndexes.set(model, index);
  return index;
}

/** The mesh VirtualService a sidecar in `namespace` uses for `host`: the most specific host, then visibility order, then creation. */
function meshVirtualService(
  model: Model,
  host: string,
  namespace: string,
): VirtualServiceResource | undefined {
  const index = meshIndex(model);
  let best: { virtualService: VirtualServiceResource; rank: number; order: number } | undefined;
  const consider = (virtualService: VirtualServiceResource, rank: number): void => {
    if (!isVisibleTo(virtualService, namespace)) return;
    const exportTo = exportToOf(virtualService) ?? [];
    const order =
      exportTo.length === 0 || exportTo.includes('*')
        ? 2
        : virtualService.namespace === namespace
          ? 0
          : 1;
    if (
      best === undefined ||
      rank > best.rank ||
      (rank === best.rank &&
        (order < best.order ||
          (order === best.order && virtualService.creationRank < best.virtualService.creationRank)))
    ) {
      best = { virtualService, rank, order };
    }
  };
  for (const virtualService of index.exact.get(host) ?? [])
    consider(virtualService, Number.MAX_SAFE_INTEGER);
  for (const { virtualService, hosts } of index.wildcards) {
    let rank = -1;
    for (const wildcard of hosts)
      if (hostSubsetOf(host, wildcard)) rank = Math.max(rank, wildcard.length);
    if (rank >= 0) consider(virtualService, rank);
  }
  return best?.virtualService;
}

/**
 * A TCP connection from a sidecar: the first tcp rule of the host's mesh VirtualService whose match
 * fits (port, sourceLabels, sourceNamespace, gateways with `mesh`) picks the destinations; without
 * one, the connection goes to the Service itself.
 */
function forwardMeshTcp(
  context: SimulationContext,
  host: string,
  virtualService: VirtualServiceResource | undefined,
  caller: Caller,
): void {
  const { model, trace, request } = context;
  const rules = virtualService?.spec.tcp ?? [];
  const index = rules.findIndex((rule) => {
    const matches = rule.match ?? [];
    return (
      matches.length === 0 ||
      matches.some(
        (match) =>
          (match.port === undefined || match.port === 0 || match.port === request.port) &&
          selectorMatches(match.sourceLabels, caller.labels) &&
          (match.sourceNamespace === undefined || match.sourceNamespace === caller.namespace) &&
          (match.gateways === undefined ||
            match.gateways.length === 0 ||
            match.gateways.includes(MESH_GATEWAY)),
      )
    );
  });
  const rule = rules[index];
  if (virtualService === undefined || rule === undefined) {
    trace.step(
      'virtualService',
      'info',
      'No tcp rule',
      `no tcp rule of a mesh VirtualService for ${host} matches: the sidecar forwards the connection to the Service`,
    );
    forwardWithoutVirtualService(
      context,
      resolveCluster(
        model,
        { host, port: { number: request.port } },
        caller.namespace,
        request.port,
        caller.namespace,
      ),
    );
    return;
  }
  trace.step(
    'rule',
    'matched',
    `${virtualService.namespace}/${virtualService.name} tcp[${index}]`,
    'the first tcp rule whose match fits the port and the caller',
    {
      node: `${virtualService.key}#tcp/${index}`,
      at: { key: virtualService.key, path: ['spec', 'tcp', index] },
    },
  );
  trace.visit(virtualService.key);
  trace.rule = {
    virtualService: `${virtualService.namespace}/${virtualService.name}`,
    section: 'tcp',
    index,
    name: null,
    routeName: null,
  };
  trace.outcome.virtualService = `${virtualService.namespace}/${virtualService.name}`;
  trace.outcome.route = index;
  const shares = splitByWeight(rule.route ?? []).shares;
  const single = shares.length === 1 ? shares[0] : undefined;
  if (single === undefined) {
    const clusters = shares.map((share) => ({
      share,
      cluster: resolveCluster(
        model,
        share.destination.destination ?? {},
        virtualService.namespace,
        request.port,
        caller.namespace,
      ),
    }));
    trace.recordDestinations(
      clusters.map(({ share, cluster }) => ({ cluster, percent: share.percent })),
      undefined,
    );
    for (const { share, cluster } of clusters) {
      trace.step(
        'destination',
        cluster.health === 'noCluster' ? 'failed' : 'matched',
        `Destination ${cluster.cluster}`,
        cluster.reason,
        {
          share: share.percent,
          cluster: cluster.cluster,
          ...(cluster.node === undefined ? {} : { node: cluster.node }),
        },
      );
    }
    trace.ending = 'upstream';
    trace.summary = `TCP split ${clusters.map(({ share, cluster }) => `${formatPercent(share.percent)}% ${cluster.cluster}`).join(', ')}`;
    return;
  }
  forwardWithoutVirtualService(
    context,
    resolveCluster(
      model,
      single.destination.destination ?? {},
      virtualService.namespace,
      request.port,
      caller.namespace,
    ),
  );
}
