import {
  admittedServerHosts,
  parseServerHost,
  resolveGatewayRef,
  serverHostAdmits,
} from '../../model/resolveGateway';
import { intersectHosts, isWildcardHost, resolveHost } from '../../model/resolveHost';
import { isHttpProtocol, isTlsProtocol, parseProtocol } from '../../model/resolvePorts';
import { IMPLICIT_INGRESS_SERVICE, selectorMatches } from '../../model/resolveSelector';
import type { Server } from '../../model/istio';
import type {
  GatewaySelectLoadBalancerIntent,
  GatewaySetHttpsRedirectIntent,
  GatewaySetServerProtocolIntent,
  GatewaySetServerTlsModeIntent,
  ServerAddIntent,
  ServerRemoveIntent,
  VirtualServiceBindGatewayIntent,
} from '../intents';
import { refuse } from '../refusal';
import {
  describeResource,
  editKind,
  field,
  isRecord,
  numberField,
  requireIndex,
  stringField,
  uniqueName,
} from './common';
import type { ResourceKey, YamlPath } from '../../model/types';
import type { EditSession, ResourceEditor } from '../session';
import type { Planner } from './common';

/** The reserved gateway name for the sidecars of the mesh. */
const MESH_GATEWAY = 'mesh';

/** The next server a Gateway lacks: HTTP 80, then HTTPS 443 (SIMPLE TLS), then HTTP 8080, 8081... */
function defaultServer(servers: readonly unknown[], gatewayName: string): Server {
  const ports = new Set(servers.map((server) => numberField(field(server, 'port'), 'number')));
  const names = new Set(servers.map((server) => stringField(field(server, 'port'), 'name')));
  const taken = (name: string) => names.has(name);
  if (!ports.has(80)) {
    return {
      port: { number: 80, name: uniqueName('http', taken), protocol: 'HTTP' },
      hosts: ['*'],
    };
  }
  if (!ports.has(443)) {
    return {
      port: { number: 443, name: uniqueName('https', taken), protocol: 'HTTPS' },
      hosts: ['*'],
      tls: { mode: 'SIMPLE', credentialName: defaultCredentialName(gatewayName) },
    };
  }
  let number = 8080;
  while (ports.has(number)) number += 1;
  return {
    port: { number, name: uniqueName(`http-${number}`, taken), protocol: 'HTTP' },
    hosts: ['*'],
  };
}

/** The credential a new HTTPS server names: one secret per Gateway, as `server.add` names it. */
function defaultCredentialName(gatewayName: string): string {
  return `${gatewayName}-credential`;
}

/** Adds a server (the intent's, or the next one the Gateway lacks). */
export const planServerAdd: Planner<ServerAddIntent> = (session, intent) => {
  const editor = editKind(session, intent.gateway, ['Gateway']);
  const servers = editor.readList(['spec', 'servers']);
  editor.insert(
    ['spec', 'servers'],
    undefined,
    intent.server ?? defaultServer(servers, editor.resource.name),
  );
  return { key: intent.gateway, path: ['spec', 'servers', servers.length] };
};

/** Removes a server; a Gateway keeps at least one. */
export const planServerRemove: Planner<ServerRemoveIntent> = (session, intent) => {
  const editor = editKind(session, intent.gateway, ['Gateway']);
  const servers = editor.readList(['spec', 'servers']);
  requireIndex(servers, intent.server, 'server');
  if (servers.length === 1) {
    refuse(`A Gateway needs a server; delete ${describeResource(editor.resource)} instead`);
  }
  editor.remove(['spec', 'servers', intent.server]);
  return { key: intent.gateway, path: [] };
};

/** The Gateway's editor, its server as written and that server's path; refused when there is none. */
function gatewayServer(
  session: EditSession,
  intent: { readonly gateway: ResourceKey; readonly server: number },
) {
  const editor = editKind(session, intent.gateway, ['Gateway']);
  const servers = editor.readList(['spec', 'servers']);
  requireIndex(servers, intent.server, 'server');
  return { editor, server: servers[intent.server], serverPath: ['spec', 'servers', intent.server] };
}

/**
 * Turns `tls.httpsRedirect` on or off for a plain HTTP server (elsewhere it means nothing,
 * routing-semantics §1.7). Turning it off removes `tls` when nothing else is in it.
 */
export const planGatewaySetHttpsRedirect: Planner<GatewaySetHttpsRedirectIntent> = (
  session,
  intent,
) => {
  const { editor, server, serverPath } = gatewayServer(session, intent);
  const protocol = stringField(field(server, 'port'), 'protocol');
  if (!isHttpProtocol(parseProtocol(protocol))) {
    refuse(
      `An HTTPS redirect applies to plain HTTP servers; server ${intent.server + 1} is ${protocol ?? 'without a protocol'}`,
    );
  }
  const tls = field(server, 'tls');
  const enabled = field(tls, 'httpsRedirect') === true;
  if (intent.enabled && !enabled) editor.set([...serverPath, 'tls', 'httpsRedirect'], true);
  if (!intent.enabled && enabled) {
    const others = isRecord(tls) ? Object.keys(tls).filter((key) => key !== 'httpsRedirect') : [];
    editor.remove(
      others.length === 0 ? [...serverPath, 'tls'] : [...serverPath, 'tls', 'httpsRedirect'],
    );
  }
  return { key: intent.gateway, path: serverPath };
};

/**
 * Sets a server's protocol and keeps its `tls` as Istio's webhook requires (§1.2), in one batch:
 * an HTTPS or TLS server without TLS settings gets them (HTTPS terminates: SIMPLE with the
 * Gateway's credential; TLS: PASSTHROUGH, since it routes by SNI); `tls` without a mode on HTTPS
 * gets SIMPLE (and a credential) rather than the passthrough it would mean. A plain HTTP server
 * keeps only `httpsRedirect` of it, and any other protocol none of it.
 */
export const planGatewaySetServerProtocol: Planner<GatewaySetServerProtocolIntent> = (
  session,
  intent,
) => {
  const { editor, server, serverPath } = gatewayServer(session, intent);
  const protocolPath = [...serverPath, 'port', 'protocol'];
  if (intent.protocol === undefined || intent.protocol.trim() === '') {
    editor.remove(protocolPath);
    return { key: intent.gateway, path: serverPath };
  }
  const protocol = intent.protocol.trim();
  if (stringField(field(server, 'port'), 'protocol') !== protocol) {
    editor.set(protocolPath, protocol);
  }
  const parsed = parseProtocol(protocol);
  const tls = field(server, 'tls');
  const tlsPath = [...serverPath, 'tls'];
  const serverLabel = `server ${intent.server + 1}`;
  if (isTlsProtocol(parsed)) {
    const terminates = parsed === 'HTTPS';
    if (!isRecord(tls)) {
      editor.set(
        tlsPath,
        terminates
          ? { mode: 'SIMPLE', credentialName: defaultCredentialName(editor.resource.name) }
          : { mode: 'PASSTHROUGH' },
      );
    } else if (terminates && field(tls, 'mode') === undefined) {
      if (
        field(tls, 'credentialName') === undefined &&
        field(tls, 'credentialNames') === undefined
      ) {
        // Both keys are new: written as one value, since two insertions at the same end of the
        // map would overlap (a flow map such as `{httpsRedirect: true}`).
        editor.set(tlsPath, {
          ...tls,
          mode: 'SIMPLE',
          credentialName: defaultCredentialName(editor.resource.name),
        });
      } else {
        editor.set([...tlsPath, 'mode'], 'SIMPLE');
      }
    }
    return { key: intent.gateway, path: serverPath };
  }
  if (!isRecord(tls)) return { key: intent.gateway, path: serverPath };
  const redirect = isHttpProtocol(parsed) && field(tls, 'httpsRedirect') === true;
  if (clearTls(editor, tls, tlsPath, redirect) > 0 || !redirect) {
    session.note(
      intent.gateway,
      `The TLS settings of ${serverLabel} are removed: Istio rejects them on a plain ${protocol} server${
        redirect ? ' (its HTTPS redirect is kept)' : ''
      }`,
    );
  }
  return { key: intent.gateway, path: serverPath };
};

/**
 * Takes a server's TLS settings away: all of `tls`, or, with `keepRedirect`, all of it but
 * `httpsRedirect` (the one field a plain HTTP server may have). Returns how many fields went.
 */
function clearTls(
  editor: ResourceEditor,
  tls: Readonly<Record<string, unknown>>,
  tlsPath: YamlPath,
  keepRedirect: boolean,
): number {
  if (!keepRedirect) {
    editor.remove(tlsPath);
    return Object.keys(tls).length;
  }
  const others = Object.keys(tls).filter((key) => key !== 'httpsRedirect');
  // Written as the one value left, not removed key by key: the document editor then takes the
  // others out of a block map entry by entry and rewrites a flow map whole, where removals of
  // neighbouring entries would overlap (`{httpsRedirect: true, mode: SIMPLE, credentialName: x}`).
  if (others.length > 0) editor.set(tlsPath, { httpsRedirect: true });
  return others.length;
}

/** TLS modes in which the gateway terminates TLS, and so needs a certificate. */
const TERMINATING_MODES: ReadonlySet<string> = new Set(['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL']);

/** Fields of a server's `tls` that name its certificate. */
const CERTIFICATE_FIELDS = [
  'credentialName',
  'credentialNames',
  'serverCertificate',
  'tlsCertificates',
];

/**
 * Sets a server's TLS mode in one batch: a mode that terminates TLS on a server naming no
 * certificate also gets the Gateway's credential (the webhook rejects SIMPLE without one); no TLS
 * keeps only `httpsRedirect`, and is refused on an HTTPS or TLS server, which needs TLS settings.
 */
export const planGatewaySetServerTlsMode: Planner<GatewaySetServerTlsModeIntent> = (
  session,
  intent,
) => {
  const { editor, server, serverPath } = gatewayServer(session, intent);
  const tlsPath = [...serverPath, 'tls'];
  const tls = field(server, 'tls');
  const protocol = stringField(field(server, 'port'), 'protocol');
  if (intent.mode === undefined || intent.mode === '') {
    if (isTlsProtocol(parseProtocol(protocol))) {
      refuse(
        `${protocol ?? ''} servers need TLS settings; change the protocol of server ${intent.server + 1} first`,
      );
    }
    if (!isRecord(tls)) return { key: intent.gateway, path: serverPath };
    clearTls(editor, tls, tlsPath, field(tls, 'httpsRedirect') === true);
    return { key: intent.gateway, path: serverPath };
  }
  const credential =
    TERMINATING_MODES.has(intent.mode) &&
    !CERTIFICATE_FIELDS.some((name) => field(tls, name) !== undefined)
      ? defaultCredentialName(editor.resource.name)
      : undefined;
  // A new `tls` is written whole: its fields are not set one by one into a map not yet written.
  if (!isRecord(tls)) {
    editor.set(
      tlsPath,
      credential === undefined
        ? { mode: intent.mode }
        : { mode: intent.mode, credentialName: credential },
    );
    return { key: intent.gateway, path: serverPath };
  }
  if (field(tls, 'mode') !== intent.mode) editor.set([...tlsPath, 'mode'], intent.mode);
  if (credential !== undefined) editor.set([...tlsPath, 'credentialName'], credential);
  return { key: intent.gateway, path: serverPath };
};

/**
 * Connects a LoadBalancer Service to a Gateway: the Gateway's selector becomes the Service's, so
 * the Gateway configures exactly the pods the load balancer sends traffic to (§1.1, §5).
 */
export const planGatewaySelectLoadBalancer: Planner<GatewaySelectLoadBalancerIntent> = (
  session,
  intent,
) => {
  const editor = editKind(session, intent.gateway, ['Gateway']);
  // Istio's default ingress Service is drawn even when the YAML does not hold it.
  const service =
    intent.loadBalancer === IMPLICIT_INGRESS_SERVICE.key &&
    !session.design.model.byKey.has(intent.loadBalancer)
      ? IMPLICIT_INGRESS_SERVICE
      : session.resource(intent.loadBalancer);
  if (service.kind !== 'Service') refuse(`${describeResource(service)} is not a Service`);
  if (service.spec.type !== 'LoadBalancer' && service.spec.type !== 'NodePort') {
    refuse(
      `${describeResource(service)} is a ${service.spec.type} Service; only a LoadBalancer (or NodePort) Service exposes a Gateway`,
    );
  }
  const selector = service.spec.selector;
  if (selector === undefined || Object.keys(selector).length === 0) {
    refuse(`${describeResource(service)} has no selector, so it exposes no gateway pods`);
  }
  const current = editor.resource.spec.selector;
  if (
    current !== undefined &&
    Object.keys(current).length > 0 &&
    selectorMatches(current, selector)
  ) {
    refuse(
      `${describeResource(editor.resource)} already selects the pods of ${describeResource(service)}`,
    );
  }
  editor.set(['spec', 'selector'], { ...selector });
  return { key: intent.gateway, path: ['spec', 'selector'] };
};

/**
 * Binds a VirtualService to a Gateway: adds `namespace/name` to its gateways, and when none of its
 * hosts meets a host of the server(s) it may bind to, adds the first such server host (§1.4, §2.4)
 * that is safe: an exact host, unless the Gateway is all the VirtualService is bound to (a
 * wildcard would also capture traffic on mesh sidecars or its other gateways). With no safe host
 * the intent is refused, saying why.
 */
export const planVirtualServiceBindGateway: Planner<VirtualServiceBindGatewayIntent> = (
  session,
  intent,
) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  const virtualService = editor.resource;
  const gateway = session.resource(intent.gateway);
  if (gateway.kind !== 'Gateway') refuse(`${describeResource(gateway)} is not a Gateway`);
  const allServers = gateway.spec.servers ?? [];
  if (intent.server !== undefined) requireIndex(allServers, intent.server, 'server');
  const servers =
    intent.server === undefined ? allServers : allServers.slice(intent.server, intent.server + 1);
  const admitting = servers.filter((server) =>
    (server.hosts ?? []).some((host) =>
      serverHostAdmits(parseServerHost(host, gateway.namespace), virtualService.namespace),
    ),
  );
  if (admitting.length === 0) {
    refuse(
      `${describeResource(gateway)} only accepts VirtualServices from other namespaces than ${virtualService.namespace}`,
    );
  }
  const writtenHosts = editor
    .readList(['spec', 'hosts'])
    .filter((host) => typeof host === 'string');
  if (writtenHosts.length === 0) {
    refuse(
      `${describeResource(virtualService)} has no hosts, so it is a delegate; bind the VirtualService that delegates to it`,
    );
  }
  const hosts = writtenHosts.map((host) =>
    resolveHost(host, virtualService.namespace, session.design.model.clusterDomain),
  );
  const intersects = admitting.some(
    (server) =>
      intersectHosts(
        admittedServerHosts(server.hosts ?? [], gateway.namespace, virtualService.namespace),
        hosts,
      ).length > 0,
  );
  const gateways = editor.readList(['spec', 'gateways']);
  const bound = gateways.some((written) => {
    if (typeof written !== 'string') return false;
    const reference = resolveGatewayRef(written, virtualService.namespace);
    return reference.type === 'gateway' && reference.key === gateway.key;
  });
  if (bound && intersects) {
    refuse(`${describeResource(virtualService)} is already bound to ${describeResource(gateway)}`);
  }
  if (!bound) {
    if (gateways.length === 0) {
      editor.set(['spec', 'gateways'], [`${gateway.namespace}/${gateway.name}`]);
      session.note(
        virtualService.key,
        'It no longer applies to sidecars (mesh); add "mesh" to its gateways to keep that',
      );
    } else {
      editor.insert(['spec', 'gateways'], undefined, `${gateway.namespace}/${gateway.name}`);
    }
  }
  if (!intersects) {
    // The new host applies wherever the VirtualService does: on its sidecars (mesh, also when it
    // names no gateway) and its other gateways. A wildcard there would capture their traffic too,
    // and Istio rejects `*` on a VirtualService bound to mesh; so only an exact host is added,
    // unless this Gateway is all the VirtualService is bound to.
    const onlyThisGateway =
      gateways.length > 0 &&
      gateways.every((written) => {
        if (typeof written !== 'string') return false;
        const reference = resolveGatewayRef(written, virtualService.namespace);
        return reference.type === 'gateway' && reference.key === gateway.key;
      });
    const candidates = admitting.flatMap((server) =>
      admittedServerHosts(server.hosts ?? [], gateway.namespace, virtualService.namespace),
    );
    const host = candidates.find((candidate) => onlyThisGateway || !isWildcardHost(candidate));
    if (host === undefined) {
      const appliesToMesh =
        gateways.length === 0 || gateways.some((written) => written === MESH_GATEWAY);
      const where = appliesToMesh
        ? 'its sidecars (mesh), where Istio rejects a * host and a wildcard captures every matching service'
        : 'its other gateways, capturing their traffic';
      refuse(
        `None of the hosts of ${describeResource(virtualService)} is accepted by ${describeResource(gateway)} (${[...new Set(candidates)].join(', ')}), and a wildcard host would also apply to ${where}; add an exact host the server accepts to its hosts first, or give the server an exact host`,
      );
    }
    editor.insert(['spec', 'hosts'], undefined, host);
    session.note(
      virtualService.key,
      `Host ${host} is added so that ${describeResource(gateway)} routes it${
        onlyThisGateway || gateways.length === 0
          ? ''
          : '; it also applies wherever the VirtualService already does'
      }`,
    );
  }
  return { key: intent.virtualService, path: ['spec', 'gateways'] };
};
