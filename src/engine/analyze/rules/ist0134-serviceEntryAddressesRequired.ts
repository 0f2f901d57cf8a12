import type { ResourceRule } from '../types';

/**
 * IST0134 ServiceEntryAddressesRequired, shown as a hint (info): a ServiceEntry without addresses
 * has a port whose protocol is empty or TCP. Whether it matters depends on cluster state the design
 * does not hold (auto-allocated status addresses, the mesh's DNS proxy settings; auto-allocation is
 * on by default since Istio 1.25).
 */
export const serviceEntryAddressesRequiredRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0134-serviceEntryAddressesRequired',
  codes: ['IST0134'],
  check(resource, report) {
    if (resource.kind !== 'ServiceEntry') return;
    if ((resource.spec.addresses ?? []).length > 0) return;
    for (const [index, port] of (resource.spec.ports ?? []).entries()) {
      const protocol = port.protocol ?? '';
      if (protocol !== '' && protocol.toUpperCase() !== 'TCP') continue;
      report({
        code: 'IST0134',
        level: 'info',
        message: 'ServiceEntry addresses are required for this protocol.',
        resource: resource.key,
        path: ['spec', 'ports', index, port.protocol === undefined ? 'number' : 'protocol'],
      });
    }
  },
};
