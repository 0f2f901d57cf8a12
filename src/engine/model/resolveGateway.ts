import type { VirtualServiceResource } from './types';

/** The reserved gateway name meaning "all sidecars" (routing-semantics §1.8, §2.2). */
export const MESH_GATEWAY = 'mesh';

/** How a gateway reference was written. */
export type GatewayReferenceForm = 'namespaced' | 'relative' | 'short' | 'legacyFqdn';

/** A VirtualService's `gateways[]` entry, resolved. */
export type GatewayReference =
  | { readonly type: 'mesh'; readonly written: string }
  | {
      readonly type: 'gateway';
      readonly written: string;
      readonly form: GatewayReferenceForm;
      readonly namespace: string;
      readonly name: string;
      /** The Gateway's ResourceKey, `Gateway/<namespace>/<name>`. */
      readonly key: string;
    };

function gatewayReference(
  written: string,
  form: GatewayReferenceForm,
  namespace: string,
  name: string,
): GatewayReference {
  return { type: 'gateway', written, form, namespace, name, key: `Gateway/${namespace}/${name}` };
}

/**
 * Resolves a `gateways[]` entry of a VirtualService in `virtualServiceNamespace` (routing-semantics
 * §1.8, `resolveGatewayName`): `ns/name` as written; `./name` and a bare `name` in the
 * VirtualService's namespace (not the Gateway's); the legacy `name.ns[.svc.cluster.local]` form as
 * `ns/name`; `mesh` as the mesh.
 */
export function resolveGatewayRef(
  written: string,
  virtualServiceNamespace: string,
): GatewayReference {
  if (written === MESH_GATEWAY) return { type: 'mesh', written };
  const slash = written.indexOf('/');
  if (slash !== -1) {
    const namespace = written.slice(0, slash);
    const name = written.slice(slash + 1);
    if (namespace === '.')
      return gatewayReference(written, 'relative', virtualServiceNamespace, name);
    return gatewayReference(written, 'namespaced', namespace, name);
  }
  const dot = written.indexOf('.');
  if (dot === -1) return gatewayReference(written, 'short', virtualServiceNamespace, written);
  // Legacy FQDN: the label after the first dot is the namespace.
  const rest = written.slice(dot + 1);
  const nextDot = rest.indexOf('.');
  const namespace = nextDot === -1 ? rest : rest.slice(0, nextDot);
  return gatewayReference(written, 'legacyFqdn', namespace, written.slice(0, dot));
}

/**
 * A VirtualService's top-level gateways, resolved. Omitted or empty means `["mesh"]` (§2.2), so an
 * ingress request never reaches a VirtualService without gateways.
 */
export function virtualServiceGateways(virtualService: VirtualServiceResource): GatewayReference[] {
  const written = virtualService.spec.gateways;
  const entries = written === undefined || written.length === 0 ? [MESH_GATEWAY] : written;
  return entries.map((entry) => resolveGatewayRef(entry, virtualService.namespace));
}

/** A Gateway server host split into the namespaces it admits and its DNS name (§1.4). */
export interface ServerHost {
  readonly written: string;
  /** The namespace whose VirtualServices may bind, or `*` for any. */
  readonly namespace: string;
  /** The host without its namespace part: `*`, `*.example.com`, `shop.example.com`... */
  readonly dnsName: string;
}

/**
 * Parses a Gateway server host `[<namespace>/]<dnsName>` (routing-semantics §1.4): no namespace
 * part, or `*`, admits any namespace; `.` admits the Gateway resource's namespace; `ns` admits `ns`
 * only.
 */
export function parseServerHost(written: string, gatewayNamespace: string): ServerHost {
  const slash = written.indexOf('/');
  if (slash === -1) return { written, namespace: '*', dnsName: written };
  const prefix = written.slice(0, slash);
  const dnsName = written.slice(slash + 1);
  return { written, namespace: prefix === '.' ? gatewayNamespace : prefix, dnsName };
}

/** True when a server host admits VirtualServices from `namespace`. */
export function serverHostAdmits(host: ServerHost, namespace: string): boolean {
  return host.namespace === '*' || host.namespace === namespace;
}

/**
 * The DNS names of a server's hosts that a VirtualService in `virtualServiceNamespace` may bind
 * to (the `ns/` filter of §2.4), without their namespace part.
 */
export function admittedServerHosts(
  hosts: readonly string[],
  gatewayNamespace: string,
  virtualServiceNamespace: string,
): string[] {
  const admitted: string[] = [];
  for (const written of hosts) {
    const host = parseServerHost(written, gatewayNamespace);
    if (serverHostAdmits(host, virtualServiceNamespace)) admitted.push(host.dnsName);
  }
  return admitted;
}
