import { memoised } from './modelIndex';
import { admittedServerHosts, virtualServiceGateways } from './resolveGateway';
import type { GatewayReference } from './resolveGateway';
import { hostMatches, intersectHosts, resolveHost } from './resolveHost';
import { parseProtocol, serverRouteSection } from './resolvePorts';
import type { RouteSection } from './resolvePorts';
import { gatewayPodNamespaces } from './resolveSelector';
import { exportToOf, isVisibleTo } from './resolveVisibility';
import type { GatewayResource, Model, VirtualServiceResource } from './types';

/** Why a VirtualService does not bind to a Gateway server. */
export type UnboundCause =
  /** None of its `gateways` resolves to this Gateway. */
  | 'notReferenced'
  /** It has no gateways (or only `mesh`): sidecars only. */
  | 'meshOnly'
  /** The Gateway has no server at that index. */
  | 'noServer'
  /** The server routes without VirtualServices (AUTO_PASSTHROUGH) or has an unknown protocol. */
  | 'noRoutes'
  /** It has no hosts: a delegate, reached only through a root VirtualService. */
  | 'noHosts'
  /** Its exportTo hides it from the gateway pods' namespace. */
  | 'notExported'
  /** Every server host is scoped to other namespaces. */
  | 'namespaceNotAdmitted'
  /** Its hosts and the server's hosts have nothing in common. */
  | 'hostsDisjoint'
  /** It has no rules in the section that routes this server's traffic (e.g. no tls rules). */
  | 'noRulesForSection';

/** Whether a VirtualService binds to one server of a Gateway. */
export type VirtualServiceBinding =
  | {
      readonly bound: true;
      /** The hosts they have in common: the virtual hosts the VirtualService gets there. */
      readonly hosts: readonly string[];
      /** Which of the VirtualService's sections routes this server's traffic. */
      readonly section: RouteSection;
      /** The `gateways[]` entry that names this Gateway. */
      readonly reference: GatewayReference;
    }
  | { readonly bound: false; readonly cause: UnboundCause; readonly reason: string };

function unbound(cause: UnboundCause, reason: string): VirtualServiceBinding {
  return { bound: false, cause, reason };
}

function describeReference(reference: GatewayReference): string {
  if (reference.type === 'mesh') return 'mesh';
  const resolved = `${reference.namespace}/${reference.name}`;
  return reference.written === resolved ? resolved : `${reference.written} (= ${resolved})`;
}

/** The VirtualService's hosts as written, with the resolved name where resolution changed it. */
function describeHosts(written: readonly string[], resolved: readonly string[]): string {
  return written
    .map((host, index) => {
      const full = resolved[index] ?? host;
      return full === host ? host : `${host} (= ${full})`;
    })
    .join(', ');
}

/**
 * Does VirtualService `virtualService` bind to server `serverIndex` of `gateway`, and if not, why
 * (routing-semantics §1.4, §1.8, §2.2-§2.4, §2.11). Checks, in this order: a `gateways` entry resolves
 * to this Gateway; the server routes through VirtualServices; the VirtualService has hosts; it is
 * exported to the gateway pods' namespace; some server host admits its namespace; the admitted
 * server hosts and its (resolved) hosts intersect (`intersectHosts` for http servers, the symmetric
 * `hostMatches` for tcp and tls servers); it has rules in the section that routes the server's
 * traffic (§1.2: an HTTPS server without a TLS mode needs tls rules). Bound answers carry the common
 * hosts.
 */
export function bindVirtualService(
  model: Model,
  gateway: GatewayResource,
  serverIndex: number,
  virtualService: VirtualServiceResource,
): VirtualServiceBinding {
  const references = virtualServiceGateways(virtualService);
  const reference = references.find(
    (entry) => entry.type === 'gateway' && entry.key === gateway.key,
  );
  const gatewayName = `${gateway.namespace}/${gateway.name}`;
  if (reference === undefined) {
    const named = references.filter((entry) => entry.type === 'gateway');
    if (named.length === 0) {
      const written = virtualService.spec.gateways ?? [];
      return unbound(
        'meshOnly',
        written.length === 0
          ? 'no gateways: the VirtualService applies to the mesh (sidecars) only'
          : 'gateways [mesh]: the VirtualService applies to the mesh (sidecars) only',
      );
    }
    return unbound(
      'notReferenced',
      `gateway reference ${named.map(describeReference).join(', ')} ${named.length === 1 ? 'resolves' : 'resolve'} elsewhere, not to ${gatewayName}`,
    );
  }

  const server = gateway.spec.servers?.[serverIndex];
  if (server === undefined)
    return unbound('noServer', `${gatewayName} has no server ${serverIndex}`);
  const section = serverRouteSection(server);
  if (section === 'none') {
    return unbound(
      'noRoutes',
      server.tls?.mode === 'AUTO_PASSTHROUGH'
        ? `server ${serverIndex} is AUTO_PASSTHROUGH: it routes by SNI without VirtualServices`
        : `server ${serverIndex} has protocol ${server.port?.protocol ?? '(none)'} (${parseProtocol(server.port?.protocol)}), which routes no VirtualService`,
    );
  }

  const writtenHosts = virtualService.spec.hosts ?? [];
  if (writtenHosts.length === 0) {
    return unbound(
      'noHosts',
      'the VirtualService has no hosts: it is a delegate, reached only through a root VirtualService',
    );
  }

  const podNamespaces = gatewayPodNamespaces(model, gateway);
  const viewers = podNamespaces.length > 0 ? podNamespaces : [gateway.namespace];
  if (!viewers.some((namespace) => isVisibleTo(virtualService, namespace))) {
    const exportTo = exportToOf(virtualService) ?? [];
    return unbound(
      'notExported',
      `not exported to ${viewers.join(', ')} (exportTo: [${exportTo.join(', ')}])`,
    );
  }

  const serverHosts = server.hosts ?? [];
  const admitted = admittedServerHosts(serverHosts, gateway.namespace, virtualService.namespace);
  if (admitted.length === 0) {
    return unbound(
      serverHosts.length === 0 ? 'hostsDisjoint' : 'namespaceNotAdmitted',
      serverHosts.length === 0
        ? `server ${serverIndex} has no hosts`
        : `namespace ${virtualService.namespace} not admitted by server host${serverHosts.length === 1 ? '' : 's'} ${serverHosts.join(', ')}`,
    );
  }

  const resolvedHosts = writtenHosts.map((host) =>
    resolveHost(host, virtualService.namespace, model.clusterDomain),
  );
  const hosts =
    section === 'http'
      ? intersectHosts(admitted, resolvedHosts)
      : resolvedHosts.filter((host) =>
          admitted.some((serverHost) => hostMatches(serverHost, host)),
        );
  if (hosts.length === 0) {
    return unbound(
      'hostsDisjoint',
      `hosts do not intersect: server ${admitted.join(', ')}, VirtualService ${describeHosts(writtenHosts, resolvedHosts)}`,
    );
  }
  if ((virtualService.spec[section] ?? []).length === 0) {
    return unbound(
      'noRulesForSection',
      `the VirtualService has no ${section} rules, and server ${serverIndex} (${server.port?.protocol ?? 'no protocol'}${server.tls === undefined ? '' : ` ${server.tls.mode ?? 'PASSTHROUGH'}`}) routes by ${section} rules`,
    );
  }
  return { bound: true, hosts, section, reference };
}

/** The VirtualServices whose top-level `gateways` name each Gateway key, in creation order. */
export function virtualServicesByGateway(
  model: Model,
): ReadonlyMap<string, readonly VirtualServiceResource[]> {
  return memoised(model, 'virtualServicesByGateway', '', () => {
    const byGateway = new Map<string, VirtualServiceResource[]>();
    for (const virtualService of model.virtualServices) {
      const keys = new Set<string>();
      for (const reference of virtualServiceGateways(virtualService)) {
        if (reference.type === 'gateway') keys.add(reference.key);
      }
      for (const key of keys) {
        const list = byGateway.get(key);
        if (list === undefined) byGateway.set(key, [virtualService]);
        else list.push(virtualService);
      }
    }
    return byGateway;
  });
}

/** A VirtualService bound to a server, with its binding. */
export interface BoundVirtualService {
  readonly virtualService: VirtualServiceResource;
  readonly hosts: readonly string[];
  readonly section: RouteSection;
}

function visibilityClass(virtualService: VirtualServiceResource, namespace: string): number {
  const exportTo = exportToOf(virtualService) ?? [];
  if (exportTo.length === 0 || exportTo.includes('*')) return 2;
  if (virtualService.namespace === namespace) return 0;
  return 1;
}

/**
 * The VirtualServices bound to one server of a Gateway, in the order the gateway merges them
 * (routing-semantics §2.3): private to the gateway pods' namespace, then exported to it by name,
 * then public; each group in creation order.
 */
export function virtualServicesForServer(
  model: Model,
  gateway: GatewayResource,
  serverIndex: number,
): BoundVirtualService[] {
  const viewer = gatewayPodNamespaces(model, gateway)[0] ?? gateway.namespace;
  const bound: BoundVirtualService[] = [];
  for (const virtualService of virtualServicesByGateway(model).get(gateway.key) ?? []) {
    const binding = bindVirtualService(model, gateway, serverIndex, virtualService);
    if (binding.bound) {
      bound.push({ virtualService, hosts: binding.hosts, section: binding.section });
    }
  }
  return bound.sort(
    (a, b) =>
      visibilityClass(a.virtualService, viewer) - visibilityClass(b.virtualService, viewer) ||
      a.virtualService.creationRank - b.virtualService.creationRank,
  );
}
