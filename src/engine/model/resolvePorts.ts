import type { Server, ServicePort } from './istio';
import { gatewayPods, gatewayServices } from './resolveSelector';
import type { PodStandIn } from './resolveSelector';
import type { GatewayResource, Model, ServiceResource } from './types';

/** Istio's protocols (`protocol.Instance`), plus UNSUPPORTED for a name Istio does not know. */
export const PROTOCOLS = [
  'HTTP',
  'HTTP2',
  'HTTP_PROXY',
  'HTTPS',
  'GRPC',
  'GRPC-WEB',
  'TCP',
  'TLS',
  'UDP',
  'MONGO',
  'REDIS',
  'MYSQL',
  'UNSUPPORTED',
] as const;

/** One of Istio's protocols. */
export type Protocol = (typeof PROTOCOLS)[number];

// Istio's Parse lower-cases the name and compares it with the lower-case names it knows.
const PROTOCOLS_BY_LOWER_NAME: ReadonlyMap<string, Protocol> = new Map(
  PROTOCOLS.filter((protocol) => protocol !== 'UNSUPPORTED').map((protocol) => [
    protocol.toLowerCase(),
    protocol,
  ]),
);

/** Parses a protocol name case-insensitively (Istio's `protocol.Parse`); unknown -> UNSUPPORTED. */
export function parseProtocol(value: string | undefined): Protocol {
  return PROTOCOLS_BY_LOWER_NAME.get((value ?? '').toLowerCase()) ?? 'UNSUPPORTED';
}

/** Istio's `IsHTTP`: protocols carried over HTTP, whose traffic is routed by `http[]` rules. */
export function isHttpProtocol(protocol: Protocol): boolean {
  return (
    protocol === 'HTTP' ||
    protocol === 'HTTP2' ||
    protocol === 'HTTP_PROXY' ||
    protocol === 'GRPC' ||
    protocol === 'GRPC-WEB'
  );
}

/** Istio's `IsTLS`: protocols that carry TLS (HTTPS and TLS). */
export function isTlsProtocol(protocol: Protocol): boolean {
  return protocol === 'HTTPS' || protocol === 'TLS';
}

/** Istio's `IsTCP`: TCP and the protocols carried over opaque TCP. */
export function isTcpProtocol(protocol: Protocol): boolean {
  return (
    protocol === 'TCP' ||
    protocol === 'HTTPS' ||
    protocol === 'TLS' ||
    protocol === 'MONGO' ||
    protocol === 'REDIS' ||
    protocol === 'MYSQL'
  );
}

const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);

/**
 * A Service port's protocol as Istio derives it (routing-semantics §5, `ConvertProtocol`): UDP as
 * declared; else `appProtocol` when set (with Kubernetes' `kubernetes.io/h2c`, `ws`, `wss`), else the
 * port name's prefix before `-` (`http-web` -> HTTP; `grpc-web...` -> GRPC-WEB); unknown names on
 * ports 25, 53, 3306 and 27017 count as TCP; anything else is UNSUPPORTED (Istio sniffs it).
 */
export function servicePortProtocol(port: ServicePort): Protocol {
  if ((port.protocol ?? '').toUpperCase() === 'UDP') return 'UDP';
  let name = port.name ?? '';
  if (port.appProtocol !== undefined) {
    name = port.appProtocol;
    if (name === 'kubernetes.io/h2c') return 'HTTP2';
    if (name === 'kubernetes.io/ws') return 'HTTP';
    if (name === 'kubernetes.io/wss') return 'HTTPS';
  }
  if (name.toLowerCase().startsWith('grpc-web')) return 'GRPC-WEB';
  const dash = name.indexOf('-');
  const protocol = parseProtocol(dash === -1 ? name : name.slice(0, dash));
  if (protocol === 'UNSUPPORTED' && WELL_KNOWN_TCP_PORTS.has(port.port ?? -1)) return 'TCP';
  return protocol;
}

/** Which VirtualService section routes a Gateway server's traffic (routing-semantics §1.2). */
export type RouteSection = 'http' | 'tls' | 'tcp' | 'none';

/**
 * The VirtualService section a server's traffic goes through (§1.2 table): HTTP-class servers
 * (Istio's `IsHTTP`, HTTP_PROXY included: the gateway listener builder tests `IsHTTP`) use `http`;
 * HTTPS with a terminating mode uses `http`; HTTPS or TLS in PASSTHROUGH (also when `tls` is present
 * without a mode) uses `tls`; AUTO_PASSTHROUGH uses none; TLS with termination and TCP-class servers
 * use `tcp`. Unknown protocols and UDP route nothing.
 */
export function serverRouteSection(server: Server): RouteSection {
  const protocol = parseProtocol(server.port?.protocol);
  const tls = server.tls;
  const mode = tls === undefined ? undefined : (tls.mode ?? 'PASSTHROUGH');
  if (isHttpProtocol(protocol)) return 'http';
  if (protocol === 'HTTPS' || protocol === 'TLS') {
    if (mode === 'AUTO_PASSTHROUGH') return 'none';
    if (mode === undefined || mode === 'PASSTHROUGH') return 'tls';
    return protocol === 'HTTPS' ? 'http' : 'tcp';
  }
  if (protocol === 'UNSUPPORTED' || protocol === 'UDP') return 'none';
  return 'tcp';
}

/** The Service label that opts a gateway Service out of port translation (§1.3). */
export const DISABLE_PORT_TRANSLATION_LABEL =
  'experimental.istio.io/disable-gateway-port-translation';

/**
 * A Service port's target port as a number: `targetPort` (default: `port`), a named port looked up
 * in the pods' container ports; undefined when a name cannot be resolved.
 */
export function resolveTargetPort(
  port: ServicePort,
  pods: readonly PodStandIn[],
): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (target === undefined) return undefined;
  for (const pod of pods) {
    for (const containerPort of pod.workload?.spec.containerPorts ?? []) {
      if (containerPort.name === target && containerPort.containerPort !== undefined) {
        return containerPort.containerPort;
      }
    }
  }
  return undefined;
}

/** Where a Gateway server's Envoy listener is, and which Service port led there. */
export interface ServerPortTranslation {
  /** The port Envoy listens on in the gateway pod. */
  readonly listenerPort: number;
  /** The Service whose port equalled the server's number, when one did. */
  readonly service?: ServiceResource;
  readonly servicePort?: ServicePort;
  /** True when that Service is Istio's default one, assumed by Sailplan. */
  readonly implicit?: boolean;
}

/**
 * Translates a Gateway server's port number to the gateway pod's listener port (routing-semantics
 * §1.3, `resolvePorts`): the `targetPort` of the first Service port (Services selecting the gateway
 * pods, creation order) whose `port` equals the number; else the number as written. Route-level port
 * semantics keep using the written number.
 */
export function translateServerPort(
  model: Model,
  gateway: GatewayResource,
  portNumber: number,
): ServerPortTranslation {
  const pods = gatewayPods(model, gateway);
  for (const { service, implicit } of gatewayServices(model, gateway)) {
    if (Object.hasOwn(service.labels, DISABLE_PORT_TRANSLATION_LABEL)) continue;
    for (const servicePort of service.spec.ports ?? []) {
      if (servicePort.port !== portNumber) continue;
      const listenerPort = resolveTargetPort(servicePort, pods);
      if (listenerPort === undefined) continue;
      return { listenerPort, service, servicePort, implicit };
    }
  }
  return { listenerPort: portNumber };
}

/** One way in: a LoadBalancer port whose target port reaches a Gateway server's listener. */
export interface LoadBalancerMapping {
  /** The LoadBalancer Service port external clients use. */
  readonly servicePort: number;
  /** The pod port it forwards to (= the server's listener port). */
  readonly targetPort: number;
  readonly serverIndex: number;
  /** The server's port number as written. */
  readonly serverPort: number;
}

/**
 * The LoadBalancer ports of `service` that reach servers of `gateway` (routing-semantics §5: a
 * server is live iff some LoadBalancer port's targetPort equals its translated listener port).
 */
export function loadBalancerMappings(
  model: Model,
  service: ServiceResource,
  gateway: GatewayResource,
): LoadBalancerMapping[] {
  const pods = gatewayPods(model, gateway);
  const listeners = (gateway.spec.servers ?? []).map((server) =>
    server.port?.number === undefined
      ? undefined
      : translateServerPort(model, gateway, server.port.number).listenerPort,
  );
  const mappings: LoadBalancerMapping[] = [];
  for (const servicePort of service.spec.ports ?? []) {
    if (servicePort.port === undefined || (servicePort.protocol ?? 'TCP').toUpperCase() !== 'TCP') {
      continue;
    }
    const targetPort = resolveTargetPort(servicePort, pods);
    if (targetPort === undefined) continue;
    listeners.forEach((listenerPort, serverIndex) => {
      const serverPort = gateway.spec.servers?.[serverIndex]?.port?.number;
      if (listenerPort === targetPort && serverPort !== undefined) {
        mappings.push({ servicePort: servicePort.port ?? 0, targetPort, serverIndex, serverPort });
      }
    });
  }
  return mappings;
}
