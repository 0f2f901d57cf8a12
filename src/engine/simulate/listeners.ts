import type { GatewayResource, Labels, Model, Protocol, Server } from '../model';
import { isHttpProtocol, parseProtocol, selectorMatches, translateServerPort } from '../model';

/** A gateway pod as the simulator sees it. */
export interface GatewayPod {
  readonly namespace: string;
  readonly labels: Labels;
  /** The workload standing for the pod, when the design has one. */
  readonly workloadKey: string | undefined;
  /** How Sailplan knows the pod: a workload of the design, or assumed from a Service selector. */
  readonly description: string;
}

/** One Gateway server, with where it sits. */
export interface ServerRef {
  readonly gateway: GatewayResource;
  /** `namespace/name` of the Gateway. */
  readonly gatewayName: string;
  readonly index: number;
  readonly server: Server;
  /** The written port number. */
  readonly port: number;
  readonly protocol: Protocol;
  /** The pod port Envoy listens on (§1.3). */
  readonly listenerPort: number;
  /** Why that listener port. */
  readonly translation: string;
  /** `Gateway/ns/name#server/i`. */
  readonly node: string;
}

/** Istio's gateway.IsTLSServer: a `tls` block on a non-HTTP-class protocol. */
export function isTlsServer(server: Server): boolean {
  return server.tls !== undefined && !isHttpProtocol(parseProtocol(server.port?.protocol));
}

/** PASSTHROUGH (also when `tls` has no mode) or AUTO_PASSTHROUGH. */
export function isPassthroughServer(server: Server): boolean {
  if (server.tls === undefined) return false;
  const mode = server.tls.mode ?? 'PASSTHROUGH';
  return mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH';
}

/** Istio's gateway.IsHTTPServer: HTTP-class, or HTTPS terminating TLS. */
export function isHttpServer(server: Server): boolean {
  const protocol = parseProtocol(server.port?.protocol);
  if (isHttpProtocol(protocol)) return true;
  return protocol === 'HTTPS' && server.tls !== undefined && !isPassthroughServer(server);
}

/** Istio's route table name of a server (`gatewayRDSRouteName`); empty for non-HTTP servers. */
export function routeTableName(ref: ServerRef): string {
  const bind = ref.server.bind === undefined || ref.server.bind === '' ? '' : `.${ref.server.bind}`;
  if (isHttpProtocol(ref.protocol)) return `http.${ref.listenerPort}${bind}`;
  if (ref.protocol === 'HTTPS' && !isPassthroughServer(ref.server)) {
    return `https.${ref.port}.${ref.server.port?.name ?? ''}.${ref.gateway.name}.${ref.gateway.namespace}${bind}`;
  }
  return '';
}

/** Server hosts after Istio's sanitizeServerHostNamespace: `./h` -> `gwns/h`, `*\/h` -> `h`, `*\/*` -> `*`. */
export function sanitizedServerHosts(ref: ServerRef): string[] {
  const hosts: string[] = [];
  for (const host of ref.server.hosts ?? []) {
    const slash = host.indexOf('/');
    if (slash < 0) {
      hosts.push(host);
      continue;
    }
    const namespace = host.slice(0, slash);
    const name = host.slice(slash + 1);
    if (namespace === '.') hosts.push(`${ref.gateway.namespace}/${name}`);
    else if (namespace === '*') {
      if (name === '*') return ['*'];
      hosts.push(name);
    } else hosts.push(host);
  }
  return hosts;
}

/** The SNI names of a TLS server: its hosts without namespace part, unique, sorted (GetSNIHostsForServer). */
export function serverSniHosts(ref: ServerRef): string[] {
  const names = new Set<string>();
  for (const host of ref.server.hosts ?? []) {
    const slash = host.indexOf('/');
    names.add(slash < 0 ? host : host.slice(slash + 1));
  }
  return [...names].sort();
}

/** A server left out when the Gateways were merged, with why. */
export interface DroppedServer {
  readonly ref: ServerRef;
  readonly reason: string;
}

/** The servers that share one listener port of the pod, as Istio's mergeGateways leaves them. */
export interface ListenerServers {
  readonly listenerPort: number;
  /** HTTP-class plain text (one route table), a TCP-class plain server, or TLS servers chosen by SNI. */
  readonly kind: 'http' | 'tcp' | 'tls';
  /** In merge order (Gateway creation order, then server order). */
  readonly servers: readonly ServerRef[];
  /** Servers on this port that were dropped. */
  readonly dropped: readonly DroppedServer[];
  /** Servers with a `bind` address: separate listeners that traffic to the pod's address does not reach. */
  readonly bound: readonly ServerRef[];
}

/** Every Gateway applied to a pod, merged into listeners (routing-semantics §1.1, §1.5). */
export interface MergedGateways {
  /** Gateways whose selector matches the pod, oldest first. */
  readonly gateways: readonly GatewayResource[];
  readonly listeners: ReadonlyMap<number, ListenerServers>;
  /** Servers dropped because they have no port number. */
  readonly unusable: readonly DroppedServer[];
}

function canMergeProtocols(incoming: Protocol, existing: Protocol): boolean {
  return (isHttpProtocol(incoming) || incoming === existing) && isHttpProtocol(existing);
}

interface ListenerDraft {
  kind: 'http' | 'tcp' | 'tls';
  protocol: Protocol;
  servers: ServerRef[];
  dropped: DroppedServer[];
  bound: ServerRef[];
}

/**
 * Merges the servers of every Gateway that selects `pod` (selector ⊆ pod labels; a Gateway without
 * selector applies to every gateway pod), oldest Gateway first, as Istio's mergeGateways does: the
 * first server on a listener port fixes its kind; HTTP-class servers merge with HTTP-class servers;
 * TLS servers merge with TLS servers; a TLS server repeating a host already served on that port is
 * dropped; anything else is dropped as a conflict.
 */
export function mergeGateways(model: Model, pod: GatewayPod): MergedGateways {
  const gateways = model.gateways.filter((gateway) =>
    selectorMatches(gateway.spec.selector, pod.labels),
  );
  const drafts = new Map<number, ListenerDraft>();
  const unusable: DroppedServer[] = [];
  const tlsHostsByPort = new Map<number, Map<string, string>>();
  const routeNames = new Set<string>();
  for (const gateway of gateways) {
    const gatewayName = `${gateway.namespace}/${gateway.name}`;
    (gateway.spec.servers ?? []).forEach((server, index) => {
      const node = `${gateway.key}#server/${index}`;
      const port = server.port?.number;
      const protocol = parseProtocol(server.port?.protocol);
      if (port === undefined) {
        const ref: ServerRef = {
          gateway,
          gatewayName,
          index,
          server,
          port: 0,
          protocol,
          listenerPort: 0,
          translation: '',
          node,
        };
        unusable.push({ ref, reason: 'the server has no port number' });
        return;
      }
      const translated = translateServerPort(model, gateway, port);
      const translation =
        translated.service === undefined
          ? `no Service port ${port} in front of the pod: Envoy listens on ${port} as written`
          : `Service ${translated.service.namespace}/${translated.service.name}${translated.implicit === true ? ' (assumed)' : ''} port ${port} targets ${translated.listenerPort}`;
      const ref: ServerRef = {
        gateway,
        gatewayName,
        index,
        server,
        port,
        protocol,
        listenerPort: translated.listenerPort,
        translation,
        node,
      };
      const listenerPort = translated.listenerPort;
      let draft = drafts.get(listenerPort);
      if (
        server.bind !== undefined &&
        server.bind !== '' &&
        server.bind !== '0.0.0.0' &&
        server.bind !== '::'
      ) {
        if (draft === undefined) {
          draft = { kind: 'http', protocol, servers: [], dropped: [], bound: [] };
          drafts.set(listenerPort, draft);
        }
        draft.bound.push(ref);
        return;
      }
      if (server.tls !== undefined) {
        let known = tlsHostsByPort.get(listenerPort);
        if (known === undefined) {
          known = new Map();
          tlsHostsByPort.set(listenerPort, known);
        }
        const hosts = sanitizedServerHosts(ref);
        const duplicates = hosts.filter((host) => known.has(host));
        if (duplicates.length > 0) {
          dropInto(drafts, listenerPort, protocol, {
            ref,
            reason: `duplicate TLS host${duplicates.length === 1 ? '' : 's'} ${duplicates.join(', ')} on port ${listenerPort}: an older server already has ${duplicates.length === 1 ? 'it' : 'them'}`,
          });
          return;
        }
        for (const host of hosts) known.set(host, server.bind ?? '');
      }
      const routeName = routeTableName(ref);
      if (draft === undefined || draft.servers.length === 0) {
        const kind = isTlsServer(server) ? 'tls' : isHttpProtocol(protocol) ? 'http' : 'tcp';
        if (draft === undefined) {
          draft = { kind, protocol, servers: [], dropped: [], bound: [] };
          drafts.set(listenerPort, draft);
        } else {
          draft.kind = kind;
          draft.protocol = protocol;
        }
        draft.servers.push(ref);
        if (isHttpServer(server)) routeNames.add(routeName);
        return;
      }
      const first = draft.servers[0];
      const firstName =
        first === undefined ? '' : `${first.gatewayName}[${first.index}] (${first.protocol})`;
      if (draft.kind !== 'tls') {
        if (!canMergeProtocols(protocol, draft.protocol)) {
          draft.dropped.push({
            ref,
            reason: `protocol ${protocol} cannot share port ${listenerPort} with the older server ${firstName}; Istio drops the newer server`,
          });
          return;
        }
        if (routeName === '') {
          draft.dropped.push({
            ref,
            reason: `a second ${protocol} server on port ${listenerPort}; Istio keeps only ${firstName}`,
          });
          return;
        }
        draft.servers.push(ref);
        return;
      }
      if (isHttpServer(server)) {
        if (routeNames.has(routeName)) {
          draft.dropped.push({
            ref,
            reason: `route table ${routeName} already exists (port names must be unique)`,
          });
          return;
        }
        routeNames.add(routeName);
      }
      if (server.tls === undefined) {
        draft.dropped.push({
          ref,
          reason: `a plain-text ${protocol} server cannot share port ${listenerPort} with the TLS server ${firstName}`,
        });
        return;
      }
      draft.servers.push(ref);
    });
  }
  const listeners = new Map<number, ListenerServers>();
  for (const [listenerPort, draft] of drafts) {
    listeners.set(listenerPort, {
      listenerPort,
      kind: draft.kind,
      servers: draft.servers,
      dropped: draft.dropped,
      bound: draft.bound,
    });
  }
  return { gateways, listeners, unusable };
}

function dropInto(
  drafts: Map<number, ListenerDraft>,
  listenerPort: number,
  protocol: Protocol,
  dropped: DroppedServer,
): void {
  let draft = drafts.get(listenerPort);
  if (draft === undefined) {
    draft = { kind: 'tls', protocol, servers: [], dropped: [], bound: [] };
    drafts.set(listenerPort, draft);
  }
  draft.dropped.push(dropped);
}

/**
 * Envoy's filter-chain choice by SNI among chains given as lists of server names (an empty list
 * means "any SNI"): an exact name first, then the longest matching `*.suffix`, then a chain without
 * names. Returns the chain's index, or -1.
 */
export function chooseFilterChain(
  chains: readonly (readonly string[])[],
  sni: string | undefined,
): number {
  let wildcardIndex = -1;
  let wildcardLength = -1;
  let anyIndex = -1;
  const name = sni?.toLowerCase();
  for (let index = 0; index < chains.length; index += 1) {
    const names = chains[index] ?? [];
    if (names.length === 0) {
      if (anyIndex < 0) anyIndex = index;
      continue;
    }
    if (name === undefined) continue;
    for (const serverName of names) {
      const lower = serverName.toLowerCase();
      if (lower === name) return index;
      if (
        lower.startsWith('*.') &&
        name.endsWith(lower.slice(1)) &&
        name.length > lower.length - 1 &&
        lower.length > wildcardLength
      ) {
        wildcardIndex = index;
        wildcardLength = lower.length;
      }
    }
  }
  return wildcardIndex >= 0 ? wildcardIndex : anyIndex;
}
