import { formatSelector, gatewayPods, selectorMatches } from '../../model';
import type { GatewayResource, Model, PodStandIn, YamlPath } from '../../model';
import type { Finding, ModelRule } from '../types';

interface ServerHostUse {
  readonly gateway: GatewayResource;
  readonly path: YamlPath;
}

function podIdentity(pod: PodStandIn): string {
  if (pod.workload !== undefined) return pod.workload.key;
  if (pod.service !== undefined) return pod.service.key;
  return `default/${pod.namespace}`;
}

/**
 * How two Gateways share pods: `known` when a workload of the design is selected by both, `implied`
 * when only a pod implied by a Service selector or Istio's default ingress is, else undefined.
 */
export function sharedPods(
  model: Model,
  a: GatewayResource,
  b: GatewayResource,
): 'known' | 'implied' | undefined {
  const podsOfA = new Map(gatewayPods(model, a).map((pod) => [podIdentity(pod), pod]));
  let shared: 'known' | 'implied' | undefined;
  for (const pod of gatewayPods(model, b)) {
    if (!podsOfA.has(podIdentity(pod))) continue;
    if (pod.source === 'workload') return 'known';
    shared = 'implied';
  }
  return shared;
}

/**
 * IST0145 ConflictingGateways: two Gateways with equal selectors, or with one selector inside the
 * other and a pod both select, have servers on the same port and bind that list the same host string.
 * The common pod is approximated from the design's workloads; when it rests on pods the design only
 * implies (a Service selector, Istio's default ingress) or does not hold, it is a warning.
 */
export const conflictingGatewaysRule: ModelRule = {
  scope: 'model',
  id: 'ist0145-conflictingGateways',
  codes: ['IST0145'],
  check(context, report) {
    const byServerHost = new Map<string, ServerHostUse[]>();
    for (const gateway of context.model.gateways) {
      for (const [serverIndex, server] of (gateway.spec.servers ?? []).entries()) {
        const port = server.port?.number;
        if (port === undefined) continue;
        for (const [hostIndex, host] of (server.hosts ?? []).entries()) {
          const key = `${port}\u0000${server.bind ?? ''}\u0000${host}`;
          const use = { gateway, path: ['spec', 'servers', serverIndex, 'hosts', hostIndex] };
          const uses = byServerHost.get(key);
          if (uses === undefined) byServerHost.set(key, [use]);
          else if (!uses.some((existing) => existing.gateway === gateway)) uses.push(use);
        }
      }
    }
    for (const [key, uses] of byServerHost) {
      if (uses.length < 2) continue;
      const [port = '', , host = ''] = key.split('\u0000');
      const conflicts = new Map<
        ServerHostUse,
        { others: string[]; level: Finding['level']; note: string }
      >();
      for (const [index, first] of uses.entries()) {
        for (const second of uses.slice(index + 1)) {
          const verdict = conflictLevel(
            context.model,
            context.hasGatewayWorkloads(),
            first.gateway,
            second.gateway,
          );
          if (verdict === undefined) continue;
          for (const [use, other] of [
            [first, second],
            [second, first],
          ] as const) {
            const entry = conflicts.get(use) ?? {
              others: [],
              level: 'warning',
              note: verdict.note,
            };
            entry.others.push(`${other.gateway.namespace}/${other.gateway.name}`);
            if (verdict.level === 'error') entry.level = 'error';
            conflicts.set(use, entry);
          }
        }
      }
      for (const [use, { others, level, note }] of conflicts) {
        report({
          code: 'IST0145',
          level,
          message: `Conflict with gateways ${others.sort().join(',')} (workload selector ${formatSelector(use.gateway.spec.selector)}, port ${port}, hosts ${host}).${level === 'error' ? '' : note}`,
          resource: use.gateway.key,
          path: use.path,
        });
      }
    }
  },
};

function conflictLevel(
  model: Model,
  hasGatewayWorkloads: boolean,
  a: GatewayResource,
  b: GatewayResource,
): { readonly level: Finding['level']; readonly note: string } | undefined {
  if (formatSelector(a.spec.selector) === formatSelector(b.spec.selector))
    return { level: 'error', note: '' };
  const nested =
    selectorMatches(a.spec.selector, b.spec.selector ?? {}) ||
    selectorMatches(b.spec.selector, a.spec.selector ?? {});
  if (!nested) return undefined;
  const shared = sharedPods(model, a, b);
  if (shared === 'known') return { level: 'error', note: '' };
  if (shared === 'implied') {
    return {
      level: 'warning',
      note: ' (the shared gateway pod is implied, not a workload of the design)',
    };
  }
  if (!hasGatewayWorkloads) {
    return {
      level: 'warning',
      note: ' (the design has no gateway workload; a pod both select may exist in the cluster)',
    };
  }
  return undefined;
}
