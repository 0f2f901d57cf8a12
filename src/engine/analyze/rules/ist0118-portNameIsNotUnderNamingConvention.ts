import { servicePortProtocol } from '../../model';
import type { ResourceRule } from '../types';

const GATEWAY_MANAGED_LABELS = [
  'gateway.istio.io/managed',
  'gateway.networking.k8s.io/gateway-name',
];

/**
 * IST0118 PortNameIsNotUnderNamingConvention: a Service port whose protocol Istio cannot work out
 * from its name prefix, appProtocol or well-known number, so Istio sniffs it. Istio's own Services
 * (label `istio` or `release: istio`), gateway-managed Services and ExternalName Services (IST0150's
 * case) are skipped, as istioctl does.
 */
export const portNameIsNotUnderNamingConventionRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0118-portNameIsNotUnderNamingConvention',
  codes: ['IST0118'],
  check(resource, report) {
    if (resource.kind !== 'Service') return;
    const labels = resource.labels;
    if (Object.hasOwn(labels, 'istio') || labels['release'] === 'istio') return;
    if (GATEWAY_MANAGED_LABELS.some((label) => Object.hasOwn(labels, label))) return;
    if (resource.spec.type === 'ExternalName') return;
    for (const [index, port] of (resource.spec.ports ?? []).entries()) {
      if (servicePortProtocol(port) !== 'UNSUPPORTED') continue;
      // Kubernetes defaults targetPort to port.
      const targetPort = port.targetPort ?? port.port ?? 0;
      report({
        code: 'IST0118',
        level: 'info',
        message: `Port name ${port.name ?? ''} (port: ${port.port ?? 0}, targetPort: ${targetPort}) doesn't follow the naming convention of Istio port.`,
        resource: resource.key,
        path: ['spec', 'ports', index, port.name === undefined ? 'port' : 'name'],
      });
    }
  },
};
