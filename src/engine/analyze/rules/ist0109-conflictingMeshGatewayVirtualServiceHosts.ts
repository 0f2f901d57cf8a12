import { MESH_GATEWAY, resolveHost } from '../../model';
import type { VirtualServiceResource, YamlPath } from '../../model';
import type { ModelRule } from '../types';

interface Claim {
  readonly virtualService: VirtualServiceResource;
  readonly path: YamlPath;
}

// The exportTo scopes a VirtualService is visible in: `*` (everywhere) or namespace names.
function scopesOf(virtualService: VirtualServiceResource): string[] {
  const exportTo = virtualService.spec.exportTo ?? [];
  if (exportTo.length === 0 || exportTo.includes('*')) return ['*'];
  return [...new Set(exportTo.map((entry) => (entry === '.' ? virtualService.namespace : entry)))];
}

/**
 * IST0109 ConflictingMeshGatewayVirtualServiceHosts: several VirtualServices bound to the mesh claim
 * the same host (after short-name resolution) in one exportTo scope; sidecars use only one of them.
 * VirtualServices exported everywhere also collide with namespace-scoped ones. Unlike istioctl, a
 * VirtualService never conflicts with itself (istio/istio#42561), and scopes come from exportTo
 * (istio/istio#35493). Reported on every VirtualService involved.
 */
export const conflictingMeshGatewayVirtualServiceHostsRule: ModelRule = {
  scope: 'model',
  id: 'ist0109-conflictingMeshGatewayVirtualServiceHosts',
  codes: ['IST0109'],
  check(context, report) {
    const claims = new Map<string, Map<string, Claim[]>>();
    for (const virtualService of context.model.virtualServices) {
      const gateways = virtualService.spec.gateways ?? [];
      if (gateways.length > 0 && !gateways.includes(MESH_GATEWAY)) continue;
      for (const [index, written] of (virtualService.spec.hosts ?? []).entries()) {
        const host = resolveHost(written, virtualService.namespace, context.model.clusterDomain);
        let byScope = claims.get(host);
        if (byScope === undefined) {
          byScope = new Map();
          claims.set(host, byScope);
        }
        for (const scope of scopesOf(virtualService)) {
          const list = byScope.get(scope);
          const claim = { virtualService, path: ['spec', 'hosts', index] };
          if (list === undefined) byScope.set(scope, [claim]);
          else if (!list.some((existing) => existing.virtualService === virtualService))
            list.push(claim);
        }
      }
    }
    for (const [host, byScope] of claims) {
      const everywhere = byScope.get('*') ?? [];
      for (const [scope, scoped] of byScope) {
        const involved =
          scope === '*'
            ? scoped
            : [
                ...scoped,
                ...everywhere.filter(
                  (claim) => !scoped.some((own) => own.virtualService === claim.virtualService),
                ),
              ];
        if (involved.length < 2) continue;
        const names = involved
          .map(({ virtualService }) => `${virtualService.namespace}/${virtualService.name}`)
          .sort();
        for (const { virtualService, path } of involved) {
          report({
            code: 'IST0109',
            level: 'error',
            message: `The VirtualServices ${names.join(',')} associated with mesh gateway define the same host ${scope}/${host} which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.`,
            resource: virtualService.key,
            path,
          });
        }
      }
    }
  },
};
