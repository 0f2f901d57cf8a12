import type {
  L4MatchAttributes,
  Model,
  RouteDestination,
  ServiceResource,
  VirtualServiceResource,
} from '../model';
import {
  DEFAULT_INGRESS_POD_LABELS,
  IMPLICIT_INGRESS_SERVICE,
  destinationRulesFor,
  formatLabels,
  formatSelector,
  hostSubsetOf,
  resolveGatewayRef,
  resolveTargetPort,
  selectorMatches,
  serviceFqdn,
  serviceWorkloads,
  virtualServicesForServer,
} from '../model';
import { pickShare, splitByWeight } from './actions';
import { formatPercent } from './compareOutcome';
import type { ClusterResolution } from './destinations';
import { resolveCluster } from './destinations';
import type { SimulationContext } from './httpRouting';
import { routeThroughTable } from './httpRouting';
import type { GatewayPod, ListenerServers, MergedGateways, ServerRef } from './listeners';
import {
  chooseFilterChain,
  isHttpServer,
  isPassthroughServer,
  mergeGateways,
  routeTableName,
  serverSniHosts,
} from './listeners';
import type { RouteTable } from './routeTable';
import { buildRouteTable } from './routeTable';
import type { RecordedStep } from './traceBuilder';
import { StepRecorder } from './traceBuilder';

/** A filter chain of a TLS listener, or the single chain of a TCP listener. */
interface FilterChain {
  readonly kind: 'https' | 'tls' | 'tcp' | 'auto';
  readonly server: ServerRef;
  /** SNI names the chain matches; empty means any SNI. */
  readonly sniHosts: readonly string[];
  readonly table?: RouteTable;
  readonly l4?: L4Route;
}

/** The tcp or tls rule that a TCP-proxy chain forwards with. */
interface L4Route {
  readonly virtualService: VirtualServiceResource;
  readonly section: 'tcp' | 'tls';
  readonly index: number;
  readonly matchIndex: number | null;
  readonly route: readonly RouteDestination[];
}

/** The chains of one listener, and the notes the trace repeats about them. */
interface ListenerChains {
  readonly chains: readonly FilterChain[];
  readonly notes: readonly string[];
}

/** What the simulator caches per model: merged gateways per pod, chains per listener. */
interface IngressCache {
  readonly merged: Map<string, MergedGateways>;
  readonly tables: Map<string, RouteTable>;
}

const caches = new WeakMap<Model, IngressCache>();

function cacheFor(model: Model): IngressCache {
  let cache = caches.get(model);
  if (cache === undefined) {
    cache = { merged: new Map(), tables: new Map() };
    caches.set(model, cache);
  }
  return cache;
}

function podKey(pod: GatewayPod): string {
  return `${pod.namespace}|${formatSelector(pod.labels)}`;
}

/** The Gateways merged for a pod, memoised per model. */
function mergedFor(model: Model, pod: GatewayPod): MergedGateways {
  const cache = cacheFor(model);
  const key = podKey(pod);
  let merged = cache.merged.get(key);
  if (merged === undefined) {
    merged = mergeGateways(model, pod);
    cache.merged.set(key, merged);
  }
  return merged;
}

function loadBalancers(model: Model): {
  readonly services: readonly ServiceResource[];
  readonly implicit: boolean;
} {
  const services = model.services.filter((service) => service.spec.type === 'LoadBalancer');
  if (services.length > 0) return { services, implicit: false };
  // Istio's default ingress Service is assumed when a Gateway selects its pods and the design omits it.
  const selectsDefault = model.gateways.some(
    (gateway) =>
      gateway.spec.selector?.istio === 'ingressgateway' &&
      selectorMatches(gateway.spec.selector, DEFAULT_INGRESS_POD_LABELS),
  );
  return selectsDefault && !model.byKey.has(IMPLICIT_INGRESS_SERVICE.key)
    ? { services: [IMPLICIT_INGRESS_SERVICE], implicit: true }
    : { services: [], implicit: false };
}

/** Where an ingress request lands for one LoadBalancer entry and port: the steps up to the listener. */
interface EntryResolution {
  readonly steps: readonly RecordedStep[];
  /** Set when the request stops before a listener. */
  readonly end?: { readonly ending: 'refused' | 'unanswerable'; readonly summary: string };
  readonly pod?: GatewayPod;
  readonly listener?: ListenerServers;
}

const entryCaches = new WeakMap<Model, Map<string, EntryResolution>>();

/** The LoadBalancer, pod and listener of an entry and port, memoised per model (they do not depend on the rest of the request). */
function resolveEntry(model: Model, entry: string | undefined, port: number): EntryResolution {
  let cache = entryCaches.get(model);
  if (cache === undefined) {
    cache = new Map();
    entryCaches.set(model, cache);
  }
  const key = `${entry ?? ''}|${port}`;
  let resolution = cache.get(key);
  if (resolution === undefined) {
    resolution = computeEntry(model, entry, port);
    cache.set(key, resolution);
  }
  return resolution;
}

function computeEntry(
  model: Model,
  entry: string | undefined,
  requestPort: number,
): EntryResolution {
  const recorder = new StepRecorder();
  const stop = (ending: 'refused' | 'unanswerable', summary: string): EntryResolution => ({
    steps: recorder.steps,
    end: { ending, summary },
  });
  const { services, implicit } = loadBalancers(model);
  if (services.length === 0) {
    return stop(
      'unanswerable',
      "The design has no LoadBalancer Service, so an external request has no way in. Add the ingress gateway's Service (type: LoadBalancer, e.g. istio-system/istio-ingressgateway).",
    );
  }
  let candidates = services;
  if (entry !== undefined) {
    candidates = services.filter((service) => `${service.namespace}/${service.name}` === entry);
    if (candidates.length === 0) {
      return stop(
        'unanswerable',
        `There is no LoadBalancer Service ${entry} (LoadBalancer Services: ${services.map((service) => `${service.namespace}/${service.name}`).join(', ')}).`,
      );
    }
  }
  const withPort = candidates.filter((service) =>
    (service.spec.ports ?? []).some(
      (port) => port.port === requestPort && (port.protocol ?? 'TCP').toUpperCase() === 'TCP',
    ),
  );
  const service = withPort[0];
  if (service === undefined) {
    const ports = candidates
      .map(
        (candidate) =>
          `${candidate.namespace}/${candidate.name}: ${(candidate.spec.ports ?? []).map((port) => port.port).join(', ')}`,
      )
      .join('; ');
    const first = candidates[0];
    recorder.step(
      'loadBalancer',
      'failed',
      `No LoadBalancer port ${requestPort}`,
      `ports: ${ports}`,
      first === undefined
        ? {}
        : { node: first.key, at: { key: first.key, path: ['spec', 'ports'] } },
    );
    return stop(
      'refused',
      `Connection refused: no LoadBalancer Service exposes port ${requestPort}, so the request never reaches a gateway pod.`,
    );
  }
  const portIndex = (service.spec.ports ?? []).findIndex((port) => port.port === requestPort);
  const servicePort = service.spec.ports?.[portIndex];
  const selected = service === IMPLICIT_INGRESS_SERVICE ? [] : serviceWorkloads(model, service);
  const workload = selected[0];
  const pod: GatewayPod =
    workload !== undefined
      ? {
          namespace: workload.namespace,
          labels: workload.spec.podLabels,
          workloadKey: workload.key,
          description: `${workload.kind} ${workload.namespace}/${workload.name} (${formatLabels(workload.spec.podLabels)})`,
        }
      : service === IMPLICIT_INGRESS_SERVICE
        ? {
            namespace: 'istio-system',
            labels: DEFAULT_INGRESS_POD_LABELS,
            workloadKey: undefined,
            description: `Istio's default ingress gateway pod (${formatLabels(DEFAULT_INGRESS_POD_LABELS)}), assumed`,
          }
        : {
            namespace: service.namespace,
            labels: service.spec.selector ?? {},
            workloadKey: undefined,
            description: `a pod with the Service's selector labels (${formatLabels(service.spec.selector)}), assumed: the design has no workload for it`,
          };
  const targetPort =
    servicePort === undefined
      ? requestPort
      : (resolveTargetPort(
          servicePort,
          workload === undefined
            ? []
            : [
                {
                  namespace: workload.namespace,
                  labels: workload.spec.podLabels,
                  source: 'workload',
                  workload,
                },
              ],
        ) ?? requestPort);
  const others =
    withPort.length > 1
      ? ` (${withPort.length - 1} other LoadBalancer Service${withPort.length > 2 ? 's have' : ' has'} this port too; give the request an entry to choose)`
      : '';
  recorder.step(
    'loadBalancer',
    'matched',
    `LoadBalancer ${service.namespace}/${service.name} port ${requestPort} -> pod port ${targetPort}`,
    `${implicit ? "the design has no LoadBalancer Service: Istio's default istio-system/istio-ingressgateway (80->8080, 443->8443) is assumed" : `Service port ${servicePort?.name ?? requestPort} forwards to targetPort ${targetPort}`}${others}`,
    { node: service.key, at: { key: service.key, path: ['spec', 'ports', portIndex] } },
  );
  recorder.step(
    'gatewayPod',
    'matched',
    `Gateway pod in ${pod.namespace}`,
    pod.description,
    pod.workloadKey === undefined
      ? {}
      : {
          node: pod.workloadKey,
          at: { key: pod.workloadKey, path: ['spec', 'template', 'metadata', 'labels'] },
        },
  );
  const merged = mergedFor(model, pod);
  const listener = merged.listeners.get(targetPort);
  if (listener === undefined || listener.servers.length === 0) {
    const listening = [...merged.listeners.values()]
      .filter((candidate) => candidate.servers.length > 0)
      .map((candidate) => candidate.listenerPort);
    const gatewayNames = merged.gateways.map((gateway) => `${gateway.namespace}/${gateway.name}`);
    reportDropped(recorder, listener);
    recorder.step(
      'listener',
      'failed',
      `No listener on pod port ${targetPort}`,
      merged.gateways.length === 0
        ? `no Gateway selects the pod (labels ${formatLabels(pod.labels)})`
        : `the Gateways selecting the pod (${gatewayNames.join(', ')}) listen on ${listening.length === 0 ? 'no port' : `pod port${listening.length === 1 ? '' : 's'} ${listening.join(', ')}`}`,
    );
    return stop(
      'refused',
      `Connection refused: nothing listens on pod port ${targetPort}${merged.gateways.length === 0 ? ' (no Gateway selects the gateway pod)' : ''}.`,
    );
  }
  const first = listener.servers[0];
  recorder.step(
    'listener',
    'matched',
    `Listener on pod port ${targetPort} (${listener.kind === 'http' ? 'plain-text HTTP' : listener.kind === 'tcp' ? 'plain TCP' : 'TLS, chosen by SNI'})`,
    `servers: ${listener.servers.map((server) => `${server.gatewayName}[${server.index}] ${server.protocol} ${server.port}`).join(', ')}${first === undefined ? '' : `; ${first.translation}`}`,
  );
  reportDropped(recorder, listener);
  return { steps: recorder.steps, pod, listener };
}

/** Simulates a request from an external client through a LoadBalancer Service and the gateway pods behind it (routing-semantics §6). */
export function simulateIngress(context: SimulationContext): void {
  const { model, trace, request } = context;
  const resolution = resolveEntry(model, request.entry, request.port);
  trace.replay(resolution.steps);
  const { pod, listener, end } = resolution;
  if (end !== undefined || pod === undefined || listener === undefined) {
    trace.stop(end?.ending ?? 'unanswerable', end?.summary ?? '');
    return;
  }
  const routed: SimulationContext = { ...context, proxyNamespace: pod.namespace };
  switch (listener.kind) {
    case 'http':
      routeHttpListener(routed, listener, pod);
      return;
    case 'tcp':
      routeTcpListener(routed, listener, pod);
      return;
    case 'tls':
      routeTlsListener(routed, listener, pod);
      return;
    default: {
      const unreachable: never = listener.kind;
      return unreachable;
    }
  }
}

function reportDropped(recorder: StepRecorder, listener: ListenerServers | undefined): void {
  for (const dropped of listener?.dropped ?? []) {
    recorder.step(
      'warning',
      'skipped',
      `Server ${dropped.ref.gatewayName}[${dropped.ref.index}] ${dropped.ref.protocol} ${dropped.ref.port} dropped`,
      dropped.reason,
      {
        node: dropped.ref.node,
        at: { key: dropped.ref.gateway.key, path: ['spec', 'servers', dropped.ref.index] },
      },
    );
  }
  for (const bound of listener?.bound ?? []) {
    recorder.step(
      'warning',
      'skipped',
      `Server ${bound.gatewayName}[${bound.index}] binds to ${bound.server.bind ?? ''}`,
      'a server with a bind address gets its own listener on that address; the simulator sends requests to the pod address, so it is not used',
      {
        node: bound.node,
        at: { key: bound.gateway.key, path: ['spec', 'servers', bound.index, 'bind'] },
      },
    );
  }
}

function tableFor(
  model: Model,
  pod: GatewayPod,
  name: string,
  servers: readonly ServerRef[],
): RouteTable {
  const cache = cacheFor(model);
  const key = `${podKey(pod)}|${name}|${servers.map((server) => server.node).join(',')}`;
  let table = cache.tables.get(key);
  if (table === undefined) {
    table = buildRouteTable(model, name, servers, pod);
    cache.tables.set(key, table);
  }
  return table;
}

function routeHttpListener(
  context: SimulationContext,
  listener: ListenerServers,
  pod: GatewayPod,
): void {
  const { trace, request, model } = context;
  if (request.tls || !request.http) {
    trace.step(
      'server',
      'failed',
      'Plain-text HTTP listener',
      request.tls
        ? 'the client starts a TLS handshake, but the servers on this port are plain-text HTTP'
        : 'the client does not speak HTTP, but the servers on this port are HTTP',
    );
    trace.stop(
      'closed',
      `Connection closed: pod port ${listener.listenerPort} serves plain-text HTTP and the client ${request.tls ? 'speaks TLS' : 'does not speak HTTP'}.`,
    );
    return;
  }
  const plan = httpListenerPlan(model, pod, listener);
  trace.replay(plan.steps);
  routeThroughTable(context, plan.table, (virtualHost, entry) => {
    if (entry?.server !== undefined) return entry.server.gatewayName;
    const server = virtualHost?.servers[0];
    if (server !== undefined && !virtualHost?.blackhole) return server.gatewayName;
    return plan.onlyGateway;
  });
}

/** A plain-text HTTP listener's route table and the steps that describe it, once per listener. */
interface HttpListenerPlan {
  readonly table: RouteTable;
  readonly steps: readonly RecordedStep[];
  /** The Gateway of every server on the port, when they all belong to one. */
  readonly onlyGateway: string | null;
}

const httpPlans = new WeakMap<ListenerServers, HttpListenerPlan>();

function httpListenerPlan(
  model: Model,
  pod: GatewayPod,
  listener: ListenerServers,
): HttpListenerPlan {
  const cached = httpPlans.get(listener);
  if (cached !== undefined) return cached;
  const first = listener.servers[0];
  const name = first === undefined ? `http.${listener.listenerPort}` : routeTableName(first);
  const table = tableFor(model, pod, name, listener.servers);
  const recorder = new StepRecorder();
  for (const server of listener.servers) {
    recorder.step(
      'server',
      'info',
      `Gateway server ${server.gatewayName}[${server.index}] ${server.protocol} ${server.port}`,
      `hosts ${(server.server.hosts ?? []).join(', ')}; its virtual hosts join route table ${name}`,
      {
        node: server.node,
        at: { key: server.gateway.key, path: ['spec', 'servers', server.index] },
      },
    );
  }
  recorder.step('routeTable', 'matched', `Route table ${name}`, describeTable(table));
  const gateways = new Set(listener.servers.map((server) => server.gatewayName));
  const plan = {
    table,
    steps: recorder.steps,
    onlyGateway: gateways.size === 1 ? ([...gateways][0] ?? null) : null,
  };
  httpPlans.set(listener, plan);
  return plan;
}

const tableDescriptions = new WeakMap<RouteTable, string>();

function describeTable(table: RouteTable): string {
  let description = tableDescriptions.get(table);
  if (description === undefined) {
    const count = table.virtualHosts.length;
    description = `${count} virtual host${count === 1 ? '' : 's'}: ${table.virtualHosts.map((virtualHost) => virtualHost.domain).join(', ')}`;
    tableDescriptions.set(table, description);
  }
  return description;
}

const listenerChains = new WeakMap<ListenerServers, ListenerChains>();

function chainsFor(model: Model, pod: GatewayPod, listener: ListenerServers): ListenerChains {
  let chains = listenerChains.get(listener);
  if (chains === undefined) {
    chains = buildChains(model, pod, listener);
    listenerChains.set(listener, chains);
  }
  return chains;
}

function anySni(hosts: readonly string[]): readonly string[] {
  // A `*` host means "no SNI restriction" (Istio leaves server_names empty).
  return hosts.includes('*') ? [] : hosts;
}

function buildChains(model: Model, pod: GatewayPod, listener: ListenerServers): ListenerChains {
  const chains: FilterChain[] = [];
  const notes: string[] = [];
  const sniSeen = new Set<string>();
  for (const server of listener.servers) {
    const tls = server.server.tls;
    if (tls !== undefined && isHttpServer(server.server)) {
      chains.push({
        kind: 'https',
        server,
        sniHosts: anySni(serverSniHosts(server)),
        table: tableFor(model, pod, routeTableName(server), [server]),
      });
      continue;
    }
    if (tls?.mode === 'AUTO_PASSTHROUGH') {
      chains.push({ kind: 'auto', server, sniHosts: [] });
      continue;
    }
    if (tls !== undefined && isPassthroughServer(server.server)) {
      for (const { virtualService } of virtualServicesForServer(
        model,
        server.gateway,
        server.index,
      )) {
        (virtualService.spec.tls ?? []).forEach((rule, index) => {
          (rule.match ?? []).forEach((match, matchIndex) => {
            if (!l4Matches(match, server, virtualService)) return;
            const sniHosts = match.sniHosts ?? [];
            const duplicates = sniHosts.filter((host) => sniSeen.has(host));
            if (duplicates.length > 0) {
              notes.push(
                `${virtualService.namespace}/${virtualService.name} tls[${index}] match[${matchIndex}] skipped: SNI ${duplicates.join(', ')} already has a filter chain on this port`,
              );
              return;
            }
            for (const host of sniHosts) sniSeen.add(host);
            chains.push({
              kind: 'tls',
              server,
              sniHosts,
              l4: { virtualService, section: 'tls', index, matchIndex, route: rule.route ?? [] },
            });
          });
        });
      }
      continue;
    }
    const route = tcpRouteFor(model, server);
    if (route === undefined) {
      notes.push(
        `server ${server.gatewayName}[${server.index}] has no tcp rule of a bound VirtualService, so it gets no filter chain`,
      );
      continue;
    }
    chains.push({
      kind: 'tcp',
      server,
      sniHosts: tls === undefined ? [] : anySni(serverSniHosts(server)),
      l4: route,
    });
  }
  return { chains, notes };
}

function l4Matches(
  match: L4MatchAttributes,
  server: ServerRef,
  virtualService: VirtualServiceResource,
): boolean {
  if (match.port !== undefined && match.port !== 0 && match.port !== server.port) return false;
  const gateways = match.gateways ?? [];
  if (gateways.length === 0) return true;
  return gateways.some((written) => {
    const reference = resolveGatewayRef(written, virtualService.namespace);
    return (
      reference.type === 'gateway' &&
      `${reference.namespace}/${reference.name}` === server.gatewayName
    );
  });
}

/** The first tcp rule (bound VirtualServices in order) whose matches fit the server: Istio's only chain for it. */
function tcpRouteFor(model: Model, server: ServerRef): L4Route | undefined {
  for (const { virtualService } of virtualServicesForServer(model, server.gateway, server.index)) {
    const rules = virtualService.spec.tcp ?? [];
    for (let index = 0; index < rules.length; index += 1) {
      const rule = rules[index];
      if (rule === undefined) continue;
      const matches = rule.match ?? [];
      const matchIndex = matches.findIndex((match) => l4Matches(match, server, virtualService));
      if (matches.length === 0 || matchIndex >= 0) {
        return {
          virtualService,
          section: 'tcp',
          index,
          matchIndex: matches.length === 0 ? null : matchIndex,
          route: rule.route ?? [],
        };
      }
    }
  }
  return undefined;
}

function routeTcpListener(
  context: SimulationContext,
  listener: ListenerServers,
  pod: GatewayPod,
): void {
  const { trace, model } = context;
  const { chains, notes } = chainsFor(model, pod, listener);
  const chain = chains[0];
  const server = listener.servers[0];
  if (server !== undefined) {
    trace.step(
      'server',
      chain === undefined ? 'failed' : 'matched',
      `Gateway server ${server.gatewayName}[${server.index}] ${server.protocol} ${server.port}`,
      'plain TCP: the bytes are proxied without looking at them',
      {
        node: server.node,
        at: { key: server.gateway.key, path: ['spec', 'servers', server.index] },
      },
    );
  }
  if (chain === undefined) {
    trace.stop(
      'refused',
      `Connection refused: the TCP server has no filter chain (${notes.join('; ') || 'no tcp rule'}), so Istio omits its listener on pod port ${listener.listenerPort}.`,
    );
    return;
  }
  forwardL4(context, chain, pod);
}

function routeTlsListener(
  context: SimulationContext,
  listener: ListenerServers,
  pod: GatewayPod,
): void {
  const { trace, request, model } = context;
  const { chains, notes } = chainsFor(model, pod, listener);
  for (const note of notes) trace.step('warning', 'skipped', 'Filter chain left out', note);
  if (chains.length === 0) {
    trace.step(
      'listener',
      'failed',
      `No filter chain on pod port ${listener.listenerPort}`,
      'every server on this port needs a route: passthrough servers need tls rules, TLS and TCP servers need tcp rules',
    );
    trace.stop(
      'refused',
      `Connection refused: Istio omits the listener on pod port ${listener.listenerPort} because none of its servers has a filter chain.`,
    );
    return;
  }
  if (!request.tls) {
    trace.step(
      'server',
      'failed',
      'TLS listener',
      'the servers on this port expect a TLS ClientHello, but the client speaks plain text',
    );
    trace.stop(
      'closed',
      `Connection closed: pod port ${listener.listenerPort} expects TLS and the client speaks plain text.`,
    );
    return;
  }
  const index = chooseChain(model, chains, request.sni, pod.namespace);
  const chain = index < 0 ? undefined : chains[index];
  if (chain === undefined) {
    const offered = chains
      .map((candidate) =>
        candidate.sniHosts.length === 0 ? '(any)' : candidate.sniHosts.join(' '),
      )
      .join(', ');
    trace.step(
      'server',
      'failed',
      `No filter chain for SNI ${request.sni ?? '(none)'}`,
      `chains accept: ${offered}; Envoy tries the exact name, then the longest *.suffix, then a chain without names`,
    );
    trace.stop(
      'closed',
      `TLS connection closed: no filter chain on pod port ${listener.listenerPort} matches SNI ${request.sni ?? '(none)'}.`,
    );
    return;
  }
  const server = chain.server;
  const sniText = chain.sniHosts.length === 0 ? 'any SNI' : `SNI ${chain.sniHosts.join(', ')}`;
  trace.step(
    'server',
    'matched',
    `Gateway server ${server.gatewayName}[${server.index}] ${server.protocol} ${server.port} (${chain.kind === 'https' ? `TLS ${server.server.tls?.mode ?? ''} terminated` : chain.kind === 'tcp' ? 'TLS terminated, TCP proxied' : 'TLS passthrough'})`,
    `filter chain for ${sniText} matches SNI ${request.sni ?? '(none)'}`,
    { node: server.node, at: { key: server.gateway.key, path: ['spec', 'servers', server.index] } },
  );
  if (chain.kind === 'https') {
    if (!request.http) {
      trace.stop(
        'closed',
        'Connection closed: the server terminates TLS and expects HTTP inside it.',
      );
      return;
    }
    const table = chain.table;
    if (table === undefined) return;
    trace.step(
      'routeTable',
      'matched',
      `Route table ${table.name}`,
      `this server's own table (terminated HTTPS servers do not share vhosts): ${describeTable(table)}`,
    );
    routeThroughTable(context, table, () => server.gatewayName);
    return;
  }
  if (chain.kind === 'auto') {
    forwardAutoPassthrough(context, chain, pod);
    return;
  }
  forwardL4(context, chain, pod);
}

const chainNames = new WeakMap<readonly FilterChain[], readonly (readonly string[])[]>();

function chooseChain(
  model: Model,
  chains: readonly FilterChain[],
  sni: string | undefined,
  podNamespace: string,
): number {
  let names = chainNames.get(chains);
  if (names === undefined) {
    names = chains.map((chain) =>
      chain.kind === 'auto'
        ? autoPassthroughNames(model, chain.server, podNamespace)
        : chain.sniHosts,
    );
    chainNames.set(chains, names);
  }
  return chooseFilterChain(names, sni);
}

function autoPassthroughNames(
  model: Model,
  server: ServerRef,
  podNamespace: string,
): readonly string[] {
  const hosts = serverSniHosts(server);
  const names: string[] = [];
  for (const service of model.services) {
    const fqdn = serviceFqdn(service.name, service.namespace, model.clusterDomain);
    if (!hosts.some((host) => hostSubsetOf(fqdn, host))) continue;
    const rules = destinationRulesFor(model, fqdn, podNamespace);
    for (const port of service.spec.ports ?? []) {
      if (port.port === undefined) continue;
      names.push(`outbound_.${port.port}_._.${fqdn}`);
      for (const subset of rules?.subsets ?? [])
        names.push(`outbound_.${port.port}_.${subset.name ?? ''}_.${fqdn}`);
    }
  }
  return names;
}

function forwardAutoPassthrough(
  context: SimulationContext,
  chain: FilterChain,
  pod: GatewayPod,
): void {
  const { trace, request, model } = context;
  const parts = /^outbound_\.(\d+)_\.([^_]*)_\.(.+)$/.exec(request.sni ?? '');
  if (parts === null) {
    trace.stop(
      'closed',
      `TLS connection closed: AUTO_PASSTHROUGH needs an SNI of the form outbound_.<port>_.<subset>_.<host>, got ${request.sni ?? '(none)'}.`,
    );
    return;
  }
  const port = Number(parts[1]);
  const subset = parts[2] ?? '';
  const host = parts[3] ?? '';
  const cluster = resolveCluster(
    model,
    { host, port: { number: port }, ...(subset === '' ? {} : { subset }) },
    pod.namespace,
    port,
    pod.namespace,
  );
  trace.step(
    'destination',
    'matched',
    `AUTO_PASSTHROUGH to ${cluster.cluster}`,
    'the SNI names the cluster; no VirtualService is used',
    { ...(cluster.node === undefined ? {} : { node: cluster.node }), cluster: cluster.cluster },
  );
  finishL4(context, [{ cluster, percent: 100 }], chain);
}

function forwardL4(context: SimulationContext, chain: FilterChain, pod: GatewayPod): void {
  const { trace, model } = context;
  const route = chain.l4;
  if (route === undefined) return;
  const virtualService = route.virtualService;
  const ruleNode = `${virtualService.key}#${route.section}/${route.index}`;
  trace.step(
    'virtualService',
    'matched',
    `VirtualService ${virtualService.namespace}/${virtualService.name}`,
    route.section === 'tls'
      ? `its tls[${route.index}] match[${route.matchIndex ?? 0}] made this filter chain`
      : `tcp[${route.index}] is the first tcp rule matching server port ${chain.server.port} in the bound VirtualServices`,
    { node: virtualService.key, at: { key: virtualService.key, path: ['spec', 'hosts'] } },
  );
  trace.step(
    'rule',
    'matched',
    `${virtualService.namespace}/${virtualService.name} ${route.section}[${route.index}]`,
    route.section === 'tls' ? 'SNI routing without terminating TLS' : 'TCP proxy',
    { node: ruleNode, at: { key: virtualService.key, path: ['spec', route.section, route.index] } },
  );
  trace.rule = {
    virtualService: `${virtualService.namespace}/${virtualService.name}`,
    section: route.section,
    index: route.index,
    name: null,
    routeName: null,
  };
  trace.outcome.virtualService = `${virtualService.namespace}/${virtualService.name}`;
  trace.outcome.route = route.index;
  const { shares, dropped } = splitByWeight(route.route);
  for (const drop of dropped)
    trace.step(
      'destination',
      'skipped',
      `Destination ${route.section}[${route.index}].route[${drop.index}] left out`,
      drop.reason,
    );
  const resolved = shares.map((share) => ({
    percent: share.percent,
    index: share.index,
    cluster: resolveCluster(
      model,
      share.destination.destination ?? {},
      virtualService.namespace,
      chain.server.port,
      pod.namespace,
    ),
  }));
  for (const share of resolved) {
    trace.step(
      'destination',
      share.cluster.health === 'noCluster' ? 'failed' : 'matched',
      `Destination ${share.cluster.host} port ${share.cluster.port}`,
      `port: ${share.cluster.portReason}; ${share.cluster.reason}`,
      {
        ...(share.cluster.node === undefined ? {} : { node: share.cluster.node }),
        cluster: share.cluster.cluster,
        at: {
          key: virtualService.key,
          path: ['spec', route.section, route.index, 'route', share.index, 'destination'],
        },
        ...(resolved.length > 1 ? { share: share.percent } : {}),
        ...(share.cluster.health === 'noCluster'
          ? { flag: 'NC' as const }
          : share.cluster.health === 'noEndpoints'
            ? { flag: 'UH' as const }
            : {}),
        ...(share.cluster.endpointNote === undefined
          ? { workloads: share.cluster.endpoints.map((endpoint) => endpoint.label) }
          : {}),
      },
    );
    for (const endpoint of share.cluster.endpoints)
      if (endpoint.workload !== undefined) trace.visit(endpoint.workload.key);
  }
  finishL4(context, resolved, chain);
}

function finishL4(
  context: SimulationContext,
  resolved: readonly { readonly cluster: ClusterResolution; readonly percent: number }[],
  chain: FilterChain,
): void {
  const { trace } = context;
  trace.outcome.gateway = chain.server.gatewayName;
  let chosen = resolved;
  if (context.random !== undefined && resolved.length > 1) {
    const picked = pickShare(resolved, context.random());
    if (picked !== undefined) chosen = [picked];
  }
  const single = chosen.length === 1 ? chosen[0] : undefined;
  trace.recordDestinations(resolved, single?.cluster);
  if (chosen.length === 0) {
    trace.stop('closed', 'Connection closed: the rule has no destination with a weight above 0.');
    return;
  }
  const healths = chosen.map((share) => share.cluster.health);
  if (healths.every((health) => health === 'noCluster')) {
    trace.outcome.flag = 'NC';
    trace.stop(
      'closed',
      `Connection closed: Envoy has no cluster ${chosen.map((share) => share.cluster.cluster).join(', ')} (NC).`,
    );
    return;
  }
  if (healths.every((health) => health === 'noEndpoints')) {
    trace.outcome.flag = 'UH';
    trace.stop(
      'closed',
      `Connection closed: no healthy endpoint in ${chosen.map((share) => share.cluster.cluster).join(', ')} (UH).`,
    );
    return;
  }
  trace.ending = 'upstream';
  trace.summary =
    chosen.length === 1 && single !== undefined
      ? `TCP proxied to ${single.cluster.cluster} (${single.cluster.reason})`
      : `TCP split ${chosen.map((share) => `${formatPercent(share.percent)}% ${share.cluster.cluster}`).join(', ')}`;
}
