import { exposedPorts, resolveHost } from '../../model';
import { destinationsOf } from '../destinations';
import type { ModelRule } from '../types';

/**
 * IST0112 VirtualServiceDestinationPortSelectorRequired: a route or mirror destination without
 * `port` whose Service or ServiceEntry exposes several ports; Envoy then uses the gateway server's
 * port, which usually names no cluster (routing-semantics §2.8.2).
 */
export const virtualServiceDestinationPortSelectorRequiredRule: ModelRule = {
  scope: 'model',
  id: 'ist0112-virtualServiceDestinationPortSelectorRequired',
  codes: ['IST0112'],
  check(context, report) {
    for (const virtualService of context.model.virtualServices) {
      for (const { destination, path } of destinationsOf(virtualService)) {
        const written = destination.host;
        if (written === undefined || written === '' || destination.port !== undefined) continue;
        const host = resolveHost(written, virtualService.namespace, context.model.clusterDomain);
        const [target] = context.lookupHost(host, virtualService.namespace).visible;
        if (target === undefined) continue;
        const ports = exposedPorts(target);
        if (ports.length < 2) continue;
        report({
          code: 'IST0112',
          level: 'error',
          message: `This VirtualService routes to a service ${JSON.stringify(written)} that exposes multiple ports [${ports.join(' ')}]. Specifying a port in the destination is required to disambiguate.`,
          resource: virtualService.key,
          path: [...path, 'host'],
        });
      }
    }
  },
};
