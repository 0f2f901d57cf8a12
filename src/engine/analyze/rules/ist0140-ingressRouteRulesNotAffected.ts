import { MESH_GATEWAY, resolveHost } from '../../model';
import type { VirtualServiceResource } from '../../model';
import { destinationsOf } from '../destinations';
import type { ModelRule } from '../types';

/**
 * IST0140 IngressRouteRulesNotAffected: an ingress VirtualService routes to host H without a subset
 * while the VirtualService for H (H in its own hosts) splits traffic by subset. Ingress traffic goes
 * straight to H's Service; the mesh split never applies to it. Hosts are compared after short-name
 * resolution (istioctl compares raw strings, missing `reviews` vs `reviews.default.svc.cluster.local`).
 */
export const ingressRouteRulesNotAffectedRule: ModelRule = {
  scope: 'model',
  id: 'ist0140-ingressRouteRulesNotAffected',
  codes: ['IST0140'],
  check(context, report) {
    const splitting = new Map<string, VirtualServiceResource[]>();
    for (const virtualService of context.model.virtualServices) {
      const ownHosts = new Set(
        (virtualService.spec.hosts ?? []).map((host) =>
          resolveHost(host, virtualService.namespace, context.model.clusterDomain),
        ),
      );
      for (const { destination, role } of destinationsOf(virtualService)) {
        if (role !== 'route' || (destination.subset ?? '') === '' || destination.host === undefined)
          continue;
        const host = resolveHost(
          destination.host,
          virtualService.namespace,
          context.model.clusterDomain,
        );
        if (!ownHosts.has(host)) continue;
        const list = splitting.get(host);
        if (list === undefined) splitting.set(host, [virtualService]);
        else if (!list.includes(virtualService)) list.push(virtualService);
      }
    }
    if (splitting.size === 0) return;
    for (const virtualService of context.model.virtualServices) {
      const gateways = virtualService.spec.gateways ?? [];
      if (!gateways.some((gateway) => gateway !== MESH_GATEWAY)) continue;
      for (const { destination, path, role, section } of destinationsOf(virtualService)) {
        if (
          role !== 'route' ||
          section !== 'http' ||
          (destination.subset ?? '') !== '' ||
          destination.host === undefined
        )
          continue;
        const host = resolveHost(
          destination.host,
          virtualService.namespace,
          context.model.clusterDomain,
        );
        for (const other of splitting.get(host) ?? []) {
          if (other === virtualService) continue;
          report({
            code: 'IST0140',
            level: 'warning',
            message: `Subset in virtual service ${other.namespace}/${other.name} has no effect on ingress gateway ${virtualService.namespace}/${virtualService.name} requests`,
            resource: virtualService.key,
            path: [...path, 'host'],
          });
        }
      }
    }
  },
};
