import { admittedServerHosts, hostMatches, resolveGatewayRef, resolveHost } from '../../model';
import type { ModelRule } from '../types';

/**
 * IST0132 VirtualServiceHostNotFoundInGateway: no host of the VirtualService matches (wildcard-aware,
 * either way) a host of a Gateway it binds to, among the server hosts that admit its namespace
 * (`ns/host`, `./host` = the Gateway's namespace, `*` or none = any). Deviations from istioctl, to
 * avoid its offline false positives: short names are resolved first (`web` in `default` is
 * `web.default.svc.cluster.local`) and `./host` is honoured (istio/istio#34653). As in istioctl, a
 * missing Gateway serves no host: it is reported here too, beside IST0101's missing reference.
 */
export const virtualServiceHostNotFoundInGatewayRule: ModelRule = {
  scope: 'model',
  id: 'ist0132-virtualServiceHostNotFoundInGateway',
  codes: ['IST0132'],
  check(context, report) {
    for (const virtualService of context.model.virtualServices) {
      const writtenHosts = virtualService.spec.hosts ?? [];
      if (writtenHosts.length === 0) continue;
      const hosts = writtenHosts.map((host) =>
        resolveHost(host, virtualService.namespace, context.model.clusterDomain),
      );
      for (const [index, written] of (virtualService.spec.gateways ?? []).entries()) {
        const reference = resolveGatewayRef(written, virtualService.namespace);
        if (reference.type === 'mesh') continue;
        const gateway = context.gateway(reference.key);
        const serverHosts =
          gateway === undefined
            ? []
            : (gateway.spec.servers ?? []).flatMap((server) =>
                admittedServerHosts(
                  server.hosts ?? [],
                  gateway.namespace,
                  virtualService.namespace,
                ),
              );
        if (hosts.some((host) => serverHosts.some((serverHost) => hostMatches(serverHost, host))))
          continue;
        report({
          code: 'IST0132',
          level: 'warning',
          message: `one or more host [${writtenHosts.join(' ')}] defined in VirtualService ${virtualService.namespace}/${virtualService.name} not found in Gateway ${reference.namespace}/${reference.name}.`,
          resource: virtualService.key,
          path: ['spec', 'gateways', index],
        });
      }
    }
  },
};
