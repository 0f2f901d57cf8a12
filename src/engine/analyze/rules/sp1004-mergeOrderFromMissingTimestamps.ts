import { isHttpProtocol, parseProtocol, virtualServicesForServer } from '../../model';
import type { GatewayResource, Resource } from '../../model';
import type { ModelRule, Report } from '../types';
import { sharedPods } from './ist0145-conflictingGateways';

const CODE = 'SP1004';

function describe(resource: Resource): string {
  return `${resource.kind} ${resource.namespace}/${resource.name}`;
}

/**
 * SP1004: an outcome that rests on creation order while some of the resources involved have no
 * `metadata.creationTimestamp`. Sailplan then assumes document order (routing-semantics §0), which
 * the cluster will not necessarily follow: the rule order of VirtualServices merged into one gateway
 * virtual host (§2.6), and which of two Gateways' servers on one port and bind survives a protocol
 * or TLS host conflict (§1.5).
 */
export const mergeOrderFromMissingTimestampsRule: ModelRule = {
  scope: 'model',
  id: 'sp1004-mergeOrderFromMissingTimestamps',
  codes: [CODE],
  check(context, report) {
    const reported = new Set<string>();
    const once = (resource: Resource, topic: string, emit: () => void): void => {
      const identity = `${resource.key}\u0000${topic}`;
      if (reported.has(identity)) return;
      reported.add(identity);
      emit();
    };
    for (const gateway of context.model.gateways) {
      for (const [serverIndex] of (gateway.spec.servers ?? []).entries()) {
        const byHost = new Map<string, Resource[]>();
        for (const bound of virtualServicesForServer(context.model, gateway, serverIndex)) {
          if (bound.section !== 'http') continue;
          for (const host of bound.hosts) {
            const list = byHost.get(host.toLowerCase()) ?? [];
            list.push(bound.virtualService);
            byHost.set(host.toLowerCase(), list);
          }
        }
        for (const [host, merged] of byHost) {
          if (merged.length < 2) continue;
          const others = merged.map(describe).join(', ');
          for (const resource of merged) {
            if (resource.creationTimestamp !== undefined) continue;
            once(resource, `merge\u0000${gateway.key}\u0000${host}`, () =>
              report({
                code: CODE,
                level: 'info',
                message: `${others} are merged for host ${host} on Gateway ${gateway.namespace}/${gateway.name}; their rules are ordered by creation time, and ${describe(resource)} has no creationTimestamp, so Sailplan assumes document order.`,
                resource: resource.key,
                path: ['metadata'],
              }),
            );
          }
        }
      }
    }
    checkServerConflicts(context.model.gateways, context, report, once);
  },
};

function checkServerConflicts(
  gateways: readonly GatewayResource[],
  context: Parameters<ModelRule['check']>[0],
  report: Report,
  once: (resource: Resource, topic: string, emit: () => void) => void,
): void {
  const byPort = new Map<string, { gateway: GatewayResource; serverIndex: number }[]>();
  for (const gateway of gateways) {
    for (const [serverIndex, server] of (gateway.spec.servers ?? []).entries()) {
      if (server.port?.number === undefined) continue;
      const key = `${server.port.number}\u0000${server.bind ?? ''}`;
      const list = byPort.get(key) ?? [];
      list.push({ gateway, serverIndex });
      byPort.set(key, list);
    }
  }
  for (const [key, servers] of byPort) {
    const [port = ''] = key.split('\u0000');
    for (const [index, first] of servers.entries()) {
      for (const second of servers.slice(index + 1)) {
        if (first.gateway === second.gateway) continue;
        if (!conflicts(first, second)) continue;
        if (sharedPods(context.model, first.gateway, second.gateway) === undefined) continue;
        for (const { gateway } of [first, second]) {
          if (gateway.creationTimestamp !== undefined) continue;
          once(gateway, `server\u0000${port}`, () =>
            report({
              code: CODE,
              level: 'info',
              message: `${describe(first.gateway)} and ${describe(second.gateway)} both have a server on port ${port} that cannot be merged; the older one wins, and ${describe(gateway)} has no creationTimestamp, so Sailplan assumes document order.`,
              resource: gateway.key,
              path: ['metadata'],
            }),
          );
        }
      }
    }
  }
}

// Servers on one port conflict unless both are plain HTTP-class; TLS servers conflict on a shared host.
function conflicts(
  first: { gateway: GatewayResource; serverIndex: number },
  second: { gateway: GatewayResource; serverIndex: number },
): boolean {
  const a = first.gateway.spec.servers?.[first.serverIndex];
  const b = second.gateway.spec.servers?.[second.serverIndex];
  if (a === undefined || b === undefined) return false;
  const protocolA = parseProtocol(a.port?.protocol);
  const protocolB = parseProtocol(b.port?.protocol);
  if (isHttpProtocol(protocolA) && isHttpProtocol(protocolB)) return false;
  if (protocolA !== protocolB) return true;
  const hostsA = new Set(a.hosts ?? []);
  return (b.hosts ?? []).some((host) => hostsA.has(host));
}
