import { resolveGatewayRef } from '../../model/resolveGateway';
import { resolveHost, serviceFqdn } from '../../model/resolveHost';
import { serviceWorkloads } from '../../model/resolveSelector';
import type {
  Resource,
  ResourceKey,
  ServiceResource,
  VirtualServiceResource,
  YamlPath,
} from '../../model/types';
import type {
  AddableKind,
  ResourceAddIntent,
  ResourceDeleteIntent,
  ResourceRenameIntent,
  ResourceSetNamespaceIntent,
} from '../intents';
import {
  ROUTE_SECTIONS,
  assertNever,
  destinationRulesWithHost,
  findGatewayReferences,
  findHostReferences,
  hostReferencePath,
  registryHostsOf,
  resolvesToOneOf,
} from '../references';
import type { HostReference, RouteSection } from '../references';
import { refuse } from '../refusal';
import type { EditSession, ResourceEditor } from '../session';
import {
  describeResource,
  field,
  isRecord,
  PLACEHOLDER_RESPONSE_BODY,
  requireNamespaceName,
  requireResourceName,
  ruleLabel,
  ruleName,
  stringField,
  uniqueName,
} from './common';
import type { Planner } from './common';
import { rebalanceAfterRemoval } from './routes';
import { removeSubsetReferences } from './services';

// --- resource.add ------------------------------------------------------------------------------

const DEFAULT_API_VERSIONS: Readonly<Record<AddableKind, string>> = {
  Gateway: 'networking.istio.io/v1',
  VirtualService: 'networking.istio.io/v1',
  DestinationRule: 'networking.istio.io/v1',
  ServiceEntry: 'networking.istio.io/v1',
  Service: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
};

const BASE_NAMES: Readonly<Record<AddableKind, string>> = {
  Gateway: 'gateway',
  VirtualService: 'virtual-service',
  DestinationRule: 'destination-rule',
  ServiceEntry: 'service-entry',
  Service: 'service',
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
};

/** The apiVersion the design already uses most for `kind` (so v1alpha3 files stay v1alpha3). */
function apiVersionFor(session: EditSession, kind: AddableKind): string {
  const counts = new Map<string, number>();
  for (const resource of session.design.model.resources) {
    if (resource.kind === kind)
      counts.set(resource.apiVersion, (counts.get(resource.apiVersion) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [version, count] of counts) {
    if (best === undefined || count > (counts.get(best) ?? 0)) best = version;
  }
  return best ?? DEFAULT_API_VERSIONS[kind];
}

/** Whether a Service fronts Istio's gateway pods (`istio: ...` selector): no route's target. */
function isGatewayService(service: ServiceResource): boolean {
  return service.spec.selector?.istio !== undefined;
}

/** The Services a new resource in `namespace` may point at, best first (see `prefer`). */
function candidateServices(
  session: EditSession,
  namespace: string,
  taken: (service: ServiceResource) => boolean,
): ServiceResource[] {
  const rank = (service: ServiceResource) =>
    (service.namespace === namespace ? 0 : 2) + (taken(service) ? 1 : 0);
  return session.design.model.services
    .filter((service) => !isGatewayService(service) && service.spec.type !== 'ExternalName')
    .map((service, order) => ({ service, order, rank: rank(service) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ service }) => service);
}

/** How a resource in `namespace` names a Service: its short name there, else its FQDN. */
function serviceHostFrom(service: ServiceResource, namespace: string, clusterDomain?: string) {
  return service.namespace === namespace
    ? service.name
    : serviceFqdn(service.name, service.namespace, clusterDomain);
}

/** The FQDNs the design's VirtualServices route to (destinations of every section). */
function routedHosts(session: EditSession): Set<string> {
  const { clusterDomain } = session.design.model;
  const hosts = new Set<string>();
  for (const virtualService of session.design.model.virtualServices) {
    for (const section of ROUTE_SECTIONS) {
      for (const rule of virtualService.spec[section] ?? []) {
        for (const route of rule.route ?? []) {
          const host = route.destination?.host;
          if (host !== undefined) {
            hosts.add(resolveHost(host, virtualService.namespace, clusterDomain));
          }
        }
      }
    }
  }
  return hosts;
}

/** The FQDNs the design's VirtualServices already claim as hosts (any gateway or mesh). */
function virtualServiceHosts(session: EditSession): Set<string> {
  const { clusterDomain } = session.design.model;
  const hosts = new Set<string>();
  for (const virtualService of session.design.model.virtualServices) {
    for (const host of virtualService.spec.hosts ?? []) {
      hosts.add(resolveHost(host, virtualService.namespace, clusterDomain));
    }
  }
  return hosts;
}

/**
 * A new VirtualService: for the sidecars (mesh), routing a Service's host to it, the Service one
 * in its namespace that no VirtualService routes to yet if there is one (with its first port when
 * it has several, which Istio then requires). Its host is the Service's, unless another
 * VirtualService has it already (`<name>.example.com` then). With no Service in the design it has
 * nothing to route to and answers 200 with a note (a destination naming no Service would be
 * IST0101, an error): connecting its rule to a Service replaces that answer.
 */
function virtualServiceSpec(
  session: EditSession,
  namespace: string,
  name: string,
): Record<string, unknown> {
  const { clusterDomain } = session.design.model;
  const routed = routedHosts(session);
  const [service] = candidateServices(session, namespace, (candidate) =>
    routed.has(serviceFqdn(candidate.name, candidate.namespace, clusterDomain)),
  );
  if (service === undefined) {
    return {
      hosts: [`${name}.example.com`],
      http: [{ directResponse: { status: 200, body: { string: PLACEHOLDER_RESPONSE_BODY } } }],
    };
  }
  const host = serviceHostFrom(service, namespace, clusterDomain);
  const destination: Record<string, unknown> = { host };
  const ports = service.spec.ports ?? [];
  const [first] = ports;
  if (ports.length > 1 && first?.port !== undefined) destination.port = { number: first.port };
  const claimed = virtualServiceHosts(session).has(
    serviceFqdn(service.name, service.namespace, clusterDomain),
  );
  return {
    hosts: [claimed ? `${name}.example.com` : host],
    http: [{ route: [{ destination }] }],
  };
}

/**
 * A new DestinationRule's host: a Service of the design, the one in its namespace that no
 * DestinationRule configures yet if there is one; with no Service, a ServiceEntry's host; with
 * neither, its own name (IST0174, a warning, says the host matches nothing until it is set).
 */
function destinationRuleHost(session: EditSession, namespace: string, name: string): string {
  const { clusterDomain } = session.design.model;
  const configured = new Set(
    session.design.model.destinationRules.map((rule) =>
      resolveHost(rule.spec.host ?? '', rule.namespace, clusterDomain),
    ),
  );
  const [service] = candidateServices(session, namespace, (candidate) =>
    configured.has(serviceFqdn(candidate.name, candidate.namespace, clusterDomain)),
  );
  if (service !== undefined) return serviceHostFrom(service, namespace, clusterDomain);
  const external = session.design.model.serviceEntries
    .flatMap((entry) => entry.spec.hosts ?? [])
    .find((host) => host !== '' && !host.startsWith('*') && !configured.has(host));
  return external ?? name;
}

/**
 * A new Gateway's server hosts: `*`, unless another Gateway has a port 80 server with `*` already
 * (two Gateways on the same pods binding the same host and port conflict, IST0145): then its own
 * `<name>.example.com`.
 */
function gatewayHosts(session: EditSession, name: string): string[] {
  const wildcardTaken = session.design.model.gateways.some((gateway) =>
    (gateway.spec.servers ?? []).some(
      (server) => server.port?.number === 80 && (server.hosts ?? []).includes('*'),
    ),
  );
  return [wildcardTaken ? `${name}.example.com` : '*'];
}

/** The spec of a new resource: valid as it stands, and ready to be connected. */
function defaultSpec(
  session: EditSession,
  intent: ResourceAddIntent,
  name: string,
): Record<string, unknown> {
  const app = { app: name };
  const podTemplate = {
    metadata: { labels: { ...app } },
    spec: { containers: [{ name, image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  };
  switch (intent.kind) {
    case 'Gateway':
      return {
        selector: { istio: 'ingressgateway' },
        servers: [
          {
            port: { number: 80, name: 'http', protocol: 'HTTP' },
            hosts: gatewayHosts(session, name),
          },
        ],
      };
    case 'VirtualService':
      return virtualServiceSpec(session, intent.namespace, name);
    case 'DestinationRule':
      return { host: destinationRuleHost(session, intent.namespace, name) };
    case 'ServiceEntry':
      return {
        hosts: [`${name}.example.com`],
        location: 'MESH_EXTERNAL',
        ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
        resolution: 'DNS',
      };
    case 'Service':
      if (intent.serviceType === 'LoadBalancer') {
        // The load balancer an Istio install puts in front of its ingress gateway pods.
        return {
          type: 'LoadBalancer',
          selector: { istio: 'ingressgateway' },
          ports: [
            { name: 'http2', port: 80, targetPort: 8080 },
            { name: 'https', port: 443, targetPort: 8443 },
          ],
        };
      }
      return { selector: { ...app }, ports: [{ name: 'http', port: 80, targetPort: 80 }] };
    case 'Deployment':
      return { replicas: 1, selector: { matchLabels: { ...app } }, template: podTemplate };
    case 'StatefulSet':
      return {
        serviceName: name,
        replicas: 1,
        selector: { matchLabels: { ...app } },
        template: podTemplate,
      };
    case 'DaemonSet':
      return { selector: { matchLabels: { ...app } }, template: podTemplate };
    default:
      return assertNever(intent.kind);
  }
}

/** Adds a resource as a new document at the end of a file, with a name unique in the design. */
export const planResourceAdd: Planner<ResourceAddIntent> = (session, intent) => {
  requireNamespaceName(intent.namespace);
  const taken = (name: string) =>
    session.design.model.byKey.has(`${intent.kind}/${intent.namespace}/${name}`);
  let name = intent.name;
  if (name !== undefined) {
    requireResourceName(name);
    if (taken(name)) refuse(`A ${intent.kind} named ${name} already exists in ${intent.namespace}`);
  } else {
    const base =
      intent.kind === 'Service' && intent.serviceType === 'LoadBalancer'
        ? 'istio-ingressgateway'
        : BASE_NAMES[intent.kind];
    name = uniqueName(base, taken);
  }
  const file = intent.file ?? session.design.files[session.design.files.length - 1]?.name;
  if (file === undefined) refuse('The design has no file to add the resource to');
  const metadata: Record<string, unknown> = { name, namespace: intent.namespace };
  if (intent.kind === 'Service' && intent.serviceType === 'LoadBalancer') {
    metadata.labels = { istio: 'ingressgateway' };
  }
  session.appendDocument(file, {
    apiVersion: apiVersionFor(session, intent.kind),
    kind: intent.kind,
    metadata,
    spec: defaultSpec(session, intent, name),
  });
  return { key: `${intent.kind}/${intent.namespace}/${name}`, path: [] };
};

// --- references ----------------------------------------------------------------------------------

/** The VirtualServices other than `except`, as editors, that `mentions` says may be relevant. */
function virtualServiceEditors(
  session: EditSession,
  except: ReadonlySet<ResourceKey>,
): ResourceEditor[] {
  return session.design.model.virtualServices
    .filter((virtualService) => !except.has(virtualService.key))
    .map((virtualService) => session.edit(virtualService));
}

/** True when a model VirtualService names `gatewayKey` anywhere (cheap pre-filter). */
function mentionsGateway(virtualService: VirtualServiceResource, gatewayKey: string): boolean {
  const names = (written: string) => {
    const reference = resolveGatewayRef(written, virtualService.namespace);
    return reference.type === 'gateway' && reference.key === gatewayKey;
  };
  if ((virtualService.spec.gateways ?? []).some(names)) return true;
  return ROUTE_SECTIONS.some((section) =>
    (virtualService.spec[section] ?? []).some((rule) =>
      (rule.match ?? []).some((match) => (match.gateways ?? []).some(names)),
    ),
  );
}

/** The VirtualServices whose http rules delegate to `target`. */
function delegatingRules(
  session: EditSession,
  target: Resource,
): { readonly editor: ResourceEditor; readonly rules: number[] }[] {
  const found: { editor: ResourceEditor; rules: number[] }[] = [];
  for (const virtualService of session.design.model.virtualServices) {
    if (virtualService.key === target.key) continue;
    const rules: number[] = [];
    (virtualService.spec.http ?? []).forEach((rule, index) => {
      const delegate = rule.delegate;
      if (
        delegate?.name === target.name &&
        (delegate.namespace ?? virtualService.namespace) === target.namespace
      ) {
        rules.push(index);
      }
    });
    if (rules.length > 0) found.push({ editor: session.edit(virtualService), rules });
  }
  return found;
}

// --- resource.delete -----------------------------------------------------------------------------

/** Removes the gateways entries naming `gateway`; an emptied top-level list goes with its key. */
function removeGatewayReferences(
  session: EditSession,
  gateway: Resource,
  deleted: ReadonlySet<ResourceKey>,
): void {
  for (const virtualService of session.design.model.virtualServices) {
    if (deleted.has(virtualService.key) || !mentionsGateway(virtualService, gateway.key)) continue;
    const editor = session.edit(virtualService);
    const sites = findGatewayReferences(editor, gateway.key);
    const byList = new Map<string, { list: YamlPath; indices: number[] }>();
    for (const site of sites) {
      const id = JSON.stringify(site.list);
      const entry = byList.get(id) ?? { list: site.list, indices: [] };
      entry.indices.push(site.index);
      byList.set(id, entry);
    }
    for (const { list, indices } of byList.values()) {
      const length = editor.readList(list).length;
      if (indices.length === length) editor.remove(list);
      else editor.removeItems(list, indices);
      if (indices.length === length && list.length === 2) {
        session.note(
          virtualService.key,
          `Its only gateway ${describeResource(gateway)} is removed, so it applies to sidecars (mesh) only`,
        );
      } else {
        session.note(
          virtualService.key,
          `Its reference to ${describeResource(gateway)} is removed`,
        );
      }
    }
  }
}

/** The rules of each route section that route only to hosts `references` name. */
function rulesLeftWithoutRoute(
  editor: ResourceEditor,
  references: readonly HostReference[],
): Map<RouteSection, number[]> {
  const emptied = new Map<RouteSection, number[]>();
  for (const section of ROUTE_SECTIONS) {
    editor.readList(['spec', section]).forEach((_, ruleIndex) => {
      const routes = editor.readList(['spec', section, ruleIndex, 'route']);
      const hits = references.filter(
        (reference) =>
          reference.type === 'destination' &&
          reference.section === section &&
          reference.rule === ruleIndex,
      ).length;
      if (hits > 0 && hits === routes.length) {
        emptied.set(section, [...(emptied.get(section) ?? []), ruleIndex]);
      }
    });
  }
  return emptied;
}

/** True when removing `emptied` leaves a VirtualService no http, tcp or tls rule. */
function leavesNoRoute(editor: ResourceEditor, emptied: Map<RouteSection, number[]>): boolean {
  return ROUTE_SECTIONS.every(
    (section) => editor.readList(['spec', section]).length === (emptied.get(section)?.length ?? 0),
  );
}

/**
 * Removes what a VirtualService routes to hosts that are going away: their destinations (a rule
 * left without destinations goes too, and a section left without rules goes with its key, never
 * `http: []`; the weights left are rebalanced) and mirrors.
 */
function removeRoutesTo(
  session: EditSession,
  editor: ResourceEditor,
  references: readonly HostReference[],
  target: Resource,
): void {
  const key = editor.resource.key;
  const emptied = rulesLeftWithoutRoute(editor, references);
  for (const section of ROUTE_SECTIONS) {
    const rules = editor.readList(['spec', section]);
    const removedRules = emptied.get(section) ?? [];
    rules.forEach((_, ruleIndex) => {
      if (removedRules.includes(ruleIndex)) return;
      const routePath: YamlPath = ['spec', section, ruleIndex, 'route'];
      const routes = editor.readList(routePath);
      const hit = references
        .filter(
          (reference) =>
            reference.type === 'destination' &&
            reference.section === section &&
            reference.rule === ruleIndex,
        )
        .map((reference) => (reference.type === 'destination' ? reference.destination : -1));
      if (hit.length > 0) {
        editor.removeItems(routePath, hit);
        rebalanceAfterRemoval(editor, routePath, routes, hit);
      }
      if (section !== 'http') return;
      if (
        references.some((reference) => reference.type === 'mirror' && reference.rule === ruleIndex)
      ) {
        editor.remove(['spec', 'http', ruleIndex, 'mirror']);
      }
      const mirrors = references
        .filter((reference) => reference.type === 'mirrors' && reference.rule === ruleIndex)
        .map((reference) => (reference.type === 'mirrors' ? reference.mirror : -1));
      if (mirrors.length > 0) {
        const mirrorsPath: YamlPath = ['spec', 'http', ruleIndex, 'mirrors'];
        if (mirrors.length === editor.readList(mirrorsPath).length) editor.remove(mirrorsPath);
        else editor.removeItems(mirrorsPath, mirrors);
      }
    });
    if (removedRules.length === 0) continue;
    if (removedRules.length === rules.length) {
      editor.remove(['spec', section]);
      session.note(
        key,
        `All its ${section} rules routed only to ${describeResource(target)} and are removed, with its ${section} section`,
      );
    } else {
      editor.removeItems(['spec', section], removedRules);
      session.note(
        key,
        `${removedRules.map((rule, at) => (at === 0 ? ruleLabel : ruleName)(rules[rule], rule, section)).join(', ')} routed only to ${describeResource(target)} and ${removedRules.length > 1 ? 'are' : 'is'} removed`,
      );
    }
  }
  if (emptied.size === 0)
    session.note(key, `Its routes to ${describeResource(target)} are removed`);
}

/** Removes the documents or `kind: List` items of `resources`, one batch per document. */
function removeResources(session: EditSession, resources: readonly Resource[]): void {
  const byDocument = new Map<string, Resource[]>();
  for (const resource of resources) {
    const id = `${resource.origin.documentIndex}\u0000${resource.origin.file}`;
    byDocument.set(id, [...(byDocument.get(id) ?? []), resource]);
  }
  for (const group of byDocument.values()) {
    const [first] = group;
    if (first === undefined) continue;
    const { file, documentIndex, path } = first.origin;
    if (path.length === 0) {
      session.removeDocument(file, documentIndex);
      continue;
    }
    const indices = group
      .map((resource) => resource.origin.path[1])
      .filter((index) => typeof index === 'number');
    session.documentEditor(file, documentIndex).removeItems(path.slice(0, 1), indices);
  }
}

/**
 * Deletes a resource and what points at it: a Gateway's entries in VirtualService gateways; a
 * Service's or ServiceEntry's route destinations and mirrors (and the DestinationRules for its
 * host, which configure nothing else); a DestinationRule's subsets in destinations; the rules that
 * delegate to a VirtualService. Every such change is listed in `effects`.
 */
export const planResourceDelete: Planner<ResourceDeleteIntent> = (session, intent) => {
  const target = session.resource(intent.key);
  const deleted = new Map<ResourceKey, Resource>([[target.key, target]]);
  switch (target.kind) {
    case 'Gateway':
      removeGatewayReferences(session, target, new Set(deleted.keys()));
      break;
    case 'Service':
    case 'ServiceEntry': {
      const hosts = registryHostsOf(target, session.design.model.clusterDomain);
      for (const rule of destinationRulesWithHost(session, hosts)) {
        deleted.set(rule.key, rule);
        session.note(
          rule.key,
          `Deleted too: it configures ${rule.spec.host ?? ''}, which goes away`,
        );
      }
      for (const editor of virtualServiceEditors(session, new Set(deleted.keys()))) {
        const references = findHostReferences(
          editor,
          resolvesToOneOf(hosts),
          false,
          session.design.model.clusterDomain,
        );
        if (references.length === 0) continue;
        if (leavesNoRoute(editor, rulesLeftWithoutRoute(editor, references))) {
          // A VirtualService with no http, tcp or tls route is rejected by Istio: it goes too.
          deleted.set(editor.resource.key, editor.resource);
          session.note(
            editor.resource.key,
            `Deleted too: every route it has goes only to ${describeResource(target)}, and Istio rejects a VirtualService without routes`,
          );
          continue;
        }
        removeRoutesTo(session, editor, references, target);
      }
      break;
    }
    case 'DestinationRule': {
      const host = target.spec.host;
      if (host === undefined) break;
      for (const subset of target.spec.subsets ?? []) {
        if (subset.name !== undefined) {
          removeSubsetReferences(
            session,
            resolveHost(host, target.namespace, session.design.model.clusterDomain),
            subset.name,
          );
        }
      }
      break;
    }
    case 'VirtualService':
      for (const { editor, rules } of delegatingRules(session, target)) {
        editor.removeItems(['spec', 'http'], rules);
        session.note(
          editor.resource.key,
          `Its rules delegating to ${describeResource(target)} are removed`,
        );
      }
      break;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      break;
    default:
      assertNever(target);
  }
  removeResources(session, [...deleted.values()]);
  return undefined;
};

// --- resource.rename and resource.setNamespace ---------------------------------------------------

/** A gateway reference written in its own form but naming `namespace/name`. */
function rewriteGatewayReference(
  written: string,
  referrerNamespace: string,
  namespace: string,
  name: string,
): string {
  const reference = resolveGatewayRef(written, referrerNamespace);
  if (reference.type !== 'gateway') return written;
  if (reference.namespace !== namespace) return `${namespace}/${name}`;
  switch (reference.form) {
    case 'namespaced':
      return `${namespace}/${name}`;
    case 'relative':
      return `./${name}`;
    case 'short':
      return name;
    case 'legacyFqdn':
      return name + written.slice(reference.name.length);
    default:
      return assertNever(reference.form);
  }
}

/** Points every gateways entry naming `gateway` at `namespace/name` instead. */
function retargetGatewayReferences(
  session: EditSession,
  gateway: Resource,
  namespace: string,
  name: string,
): void {
  for (const virtualService of session.design.model.virtualServices) {
    if (!mentionsGateway(virtualService, gateway.key)) continue;
    const editor = session.edit(virtualService);
    for (const site of findGatewayReferences(editor, gateway.key)) {
      editor.set(
        [...site.list, site.index],
        rewriteGatewayReference(site.written, virtualService.namespace, namespace, name),
      );
    }
    if (virtualService.key !== gateway.key) {
      session.note(virtualService.key, `Its reference to ${describeResource(gateway)} follows`);
    }
  }
}

/**
 * A Service host written in its own form (short or FQDN in `clusterDomain`) but naming
 * `namespace/name`.
 */
function rewriteServiceHost(
  written: string,
  referrerNamespace: string,
  namespace: string,
  name: string,
  clusterDomain: string | undefined,
): string {
  if (!written.includes('.') && referrerNamespace === namespace) return name;
  return serviceFqdn(name, namespace, clusterDomain);
}

/** Points every reference to a Service (destinations, mirrors, hosts, DestinationRule hosts) at its new name. */
function retargetServiceReferences(
  session: EditSession,
  service: Resource,
  namespace: string,
  name: string,
): void {
  const { clusterDomain } = session.design.model;
  const hosts = registryHostsOf(service, clusterDomain);
  for (const virtualService of session.design.model.virtualServices) {
    const editor = session.edit(virtualService);
    const references = findHostReferences(editor, resolvesToOneOf(hosts), true, clusterDomain);
    for (const reference of references) {
      editor.set(
        hostReferencePath(reference),
        rewriteServiceHost(
          reference.written,
          virtualService.namespace,
          namespace,
          name,
          clusterDomain,
        ),
      );
    }
    if (references.length > 0)
      session.note(virtualService.key, `Its references to ${describeResource(service)} follow`);
  }
  for (const rule of destinationRulesWithHost(session, hosts)) {
    const written = rule.spec.host ?? '';
    session
      .edit(rule)
      .set(
        ['spec', 'host'],
        rewriteServiceHost(written, rule.namespace, namespace, name, clusterDomain),
      );
    session.note(rule.key, `Its host follows ${describeResource(service)}`);
  }
}

/** Points rules delegating to a VirtualService at its new name and namespace. */
function retargetDelegates(
  session: EditSession,
  target: Resource,
  namespace: string,
  name: string,
): void {
  for (const { editor, rules } of delegatingRules(session, target)) {
    for (const rule of rules) {
      const path: YamlPath = ['spec', 'http', rule, 'delegate'];
      if (name !== target.name) editor.set([...path, 'name'], name);
      const written = stringField(editor.read(path), 'namespace');
      if (namespace !== target.namespace || written !== undefined) {
        const sameAsReferrer = namespace === editor.resource.namespace && written === undefined;
        if (!sameAsReferrer) editor.set([...path, 'namespace'], namespace);
      }
    }
    session.note(editor.resource.key, `Its delegation to ${describeResource(target)} follows`);
  }
}

function requireFreeKey(
  session: EditSession,
  target: Resource,
  namespace: string,
  name: string,
): void {
  if (session.design.model.byKey.has(`${target.kind}/${namespace}/${name}`)) {
    refuse(`A ${target.kind} named ${name} already exists in ${namespace}`);
  }
}

/** Renames a resource; references to it (gateway refs, hosts, delegates) follow. */
export const planResourceRename: Planner<ResourceRenameIntent> = (session, intent) => {
  const target = session.resource(intent.key);
  requireResourceName(intent.name);
  if (intent.name === target.name) refuse(`${describeResource(target)} already has that name`);
  requireFreeKey(session, target, target.namespace, intent.name);
  session.edit(target).set(['metadata', 'name'], intent.name);
  if (target.kind === 'Gateway')
    retargetGatewayReferences(session, target, target.namespace, intent.name);
  if (target.kind === 'Service')
    retargetServiceReferences(session, target, target.namespace, intent.name);
  if (target.kind === 'VirtualService')
    retargetDelegates(session, target, target.namespace, intent.name);
  return { key: `${target.kind}/${target.namespace}/${intent.name}`, path: [] };
};

/**
 * Keeps the meaning of the moved resource's own short references, which Istio resolves in the
 * resource's namespace (routing-semantics §1.8, §2.1): they are written out for the old namespace,
 * in the design's `clusterDomain`.
 */
function pinOwnReferences(
  editor: ResourceEditor,
  oldNamespace: string,
  clusterDomain: string | undefined,
): void {
  const resource = editor.resource;
  if (resource.kind === 'VirtualService') {
    editor.readList(['spec', 'gateways']).forEach((written, index) => {
      if (typeof written !== 'string') return;
      const reference = resolveGatewayRef(written, oldNamespace);
      if (
        reference.type === 'gateway' &&
        (reference.form === 'short' || reference.form === 'relative')
      ) {
        editor.set(['spec', 'gateways', index], `${oldNamespace}/${reference.name}`);
      }
    });
    const isShort = (_: string, written: string) => !written.includes('.') && written !== '*';
    for (const reference of findHostReferences(editor, isShort, true, clusterDomain)) {
      editor.set(
        hostReferencePath(reference),
        serviceFqdn(reference.written, oldNamespace, clusterDomain),
      );
    }
    editor.readList(['spec', 'http']).forEach((rule, index) => {
      const delegate = field(rule, 'delegate');
      if (isRecord(delegate) && delegate.name !== undefined && delegate.namespace === undefined) {
        editor.set(['spec', 'http', index, 'delegate', 'namespace'], oldNamespace);
      }
    });
  }
  if (resource.kind === 'DestinationRule') {
    const host = stringField(editor.read(['spec']), 'host');
    if (host !== undefined && host !== '*' && !host.includes('.')) {
      editor.set(['spec', 'host'], serviceFqdn(host, oldNamespace, clusterDomain));
    }
  }
  if (resource.kind === 'Gateway') {
    editor.readList(['spec', 'servers']).forEach((server, serverIndex) => {
      const hosts = field(server, 'hosts');
      if (!Array.isArray(hosts)) return;
      hosts.forEach((host: unknown, hostIndex) => {
        if (typeof host === 'string' && host.startsWith('./')) {
          editor.set(
            ['spec', 'servers', serverIndex, 'hosts', hostIndex],
            `${oldNamespace}/${host.slice(2)}`,
          );
        }
      });
    });
  }
}

/**
 * Moves a resource to another namespace. References to it follow (gateway refs become
 * `namespace/name`, Service hosts become FQDNs), and its own short references keep naming what
 * they named. Namespace-bound relations that cannot follow (a Service and its pods) are listed.
 */
export const planResourceSetNamespace: Planner<ResourceSetNamespaceIntent> = (session, intent) => {
  const target = session.resource(intent.key);
  requireNamespaceName(intent.namespace);
  if (intent.namespace === target.namespace)
    refuse(`${describeResource(target)} is already in ${intent.namespace}`);
  requireFreeKey(session, target, intent.namespace, target.name);
  const editor = session.edit(target);
  editor.set(['metadata', 'namespace'], intent.namespace);
  pinOwnReferences(editor, target.namespace, session.design.model.clusterDomain);
  switch (target.kind) {
    case 'Gateway':
      retargetGatewayReferences(session, target, intent.namespace, target.name);
      break;
    case 'Service': {
      retargetServiceReferences(session, target, intent.namespace, target.name);
      const workloads = serviceWorkloads(session.design.model, target);
      if (workloads.length > 0) {
        session.note(
          target.key,
          `It selects pods in ${intent.namespace} only, so it no longer reaches ${workloads.map(describeResource).join(', ')}`,
        );
      }
      break;
    }
    case 'VirtualService':
      retargetDelegates(session, target, intent.namespace, target.name);
      break;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      for (const service of session.design.model.services) {
        if (
          service.namespace === target.namespace &&
          serviceWorkloads(session.design.model, service).includes(target)
        ) {
          session.note(
            service.key,
            `It no longer selects ${describeResource(target)} (a Service selects pods in its own namespace)`,
          );
        }
      }
      break;
    case 'DestinationRule':
    case 'ServiceEntry':
      break;
    default:
      assertNever(target);
  }
  return { key: `${target.kind}/${intent.namespace}/${target.name}`, path: [] };
};
