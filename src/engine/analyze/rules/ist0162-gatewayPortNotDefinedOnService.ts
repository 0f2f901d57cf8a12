import { formatSelector, gatewayPods, gatewayServices, resolveTargetPort } from '../../model';
import type { ModelRule } from '../types';

/**
 * IST0162 GatewayPortNotDefinedOnService: a Gateway server's port is not reachable through the
 * Services in front of the gateway's pods (pods from the design's workloads, or implied by a Service
 * selector or Istio's default ingress). Unlike istioctl, a server port counts as reachable when it is
 * a Service `port` (Istio translates it to that port's targetPort, routing-semantics §1.3) as well as
 * when it is a targetPort, and a Service port without `protocol` counts as TCP (Kubernetes' default),
 * so the classic 80->8080 ingress is not flagged. When the design holds no Service in front of the
 * pods, the message says the Service may exist in the cluster.
 */
export const gatewayPortNotDefinedOnServiceRule: ModelRule = {
  scope: 'model',
  id: 'ist0162-gatewayPortNotDefinedOnService',
  codes: ['IST0162'],
  check(context, report) {
    for (const gateway of context.model.gateways) {
      const pods = gatewayPods(context.model, gateway);
      if (pods.length === 0) continue;
      const reachable = new Set<number>();
      const services = gatewayServices(context.model, gateway);
      // Without a Service in front of the pods the design says nothing about ports (point 4 of
      // issue 8): the Service may exist in the cluster, and the message says so.
      const offline =
        services.length === 0
          ? ' (the design has no Service in front of these pods; it may exist in the cluster)'
          : '';
      for (const { service } of services) {
        for (const port of service.spec.ports ?? []) {
          if ((port.protocol ?? 'TCP').toUpperCase() !== 'TCP') continue;
          if (port.port !== undefined) reachable.add(port.port);
          const target = resolveTargetPort(port, pods);
          if (target !== undefined) reachable.add(target);
        }
      }
      for (const [index, server] of (gateway.spec.servers ?? []).entries()) {
        const number = server.port?.number;
        if (number === undefined || reachable.has(number)) continue;
        report({
          code: 'IST0162',
          level: 'warning',
          message: `The gateway is listening on a target port (port ${number}) that is not defined in the Service associated with its workload instances (Pod selector ${formatSelector(gateway.spec.selector)}). If you need to access the gateway port through the gateway Service, it will not be available.${offline}`,
          resource: gateway.key,
          path: ['spec', 'servers', index, 'port', 'number'],
        });
      }
    }
  },
};
