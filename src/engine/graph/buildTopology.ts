import type { Destination, HTTPRoute, ServicePort } from '../model/istio';
import { indexModel } from '../model/modelIndex';
import type { ModelIndex } from '../model/modelIndex';
import { bindVirtualService } from '../model/resolveBinding';
import { virtualServiceGateways } from '../model/resolveGateway';
import {
  CLUSTER_DOMAIN,
  hostSubsetOf,
  namespaceOfServiceHost,
  resolveHost,
  serviceFqdn,
} from '../model/resolveHost';
import {
  loadBalancerMappings,
  serverRouteSection,
  servicePortProtocol,
  translateServerPort,
} from '../model/resolvePorts';
import { lookupRegistryHost, registryPorts, registryResource } from '../model/resolveRegistry';
import {
  gatewayServices,
  serviceEntryWorkloads,
  serviceWorkloads,
  subsetWorkloads,
} from '../model/resolveSelector';
import { isVisibleTo } from '../model/resolveVisibility';
import type {
  DestinationRuleResource,
  GatewayResource,
  Model,
  ServiceEntryResource,
  ServiceResource,
  VirtualServiceResource,
  WorkloadResource,
} from '../model/types';
import type {
  MissingNode,
  RuleAction,
  RulePart,
  ServicePortPart,
  Topology,
  TopologyEdge,
  TopologyNode,
  TopologyNodeBase,
} from './types';

/**
 * Each destination's share of a rule's traffic in percent (routing-semantics §2.8.1): a single
 * destination gets 100 whatever its weight; otherwise destinations with weight 0 or none get 0 and
 * the rest share proportionally (weights need not sum to 100). All 0 when every weight is 0.
 */
export function destinationPercents(weights: readonly (number | undefined)[]): number[] {
  if (weights.length === 1) return [100];
  const positive = weights.map((weight) => (weight !== undefined && weight > 0 ? weight : 0));
  const total = positive.reduce((sum, weight) => sum + weight, 0);
  return positive.map((weight) => (total === 0 ? 0 : (weight * 100) / total));
}

/** The display name of a rule: its name, else `rule <index>` (`tcp rule 0` for L4 rules). */
export function ruleDisplayName(
  section: 'http' | 'tcp' | 'tls',
  index: number,
  name: string | undefined,
): string {
  if (name !== undefined && name !== '') return name;
  return section === 'http' ? `rule ${index}` : `${section} rule ${index}`;
}

function httpAction(rule: HTTPRoute): RuleAction {
  if (rule.redirect !== undefined) return 'redirect';
  if (rule.directResponse !== undefined) return 'directResponse';
  if (rule.delegate !== undefined) return 'delegate';
  if (rule.route !== undefined) return 'route';
  return 'none';
}

/** Builds one topology; a class only to share the node and edge lists between the steps. */
class TopologyBuilder {
  readonly nodes: TopologyNode[] = [];
  readonly edges: TopologyEdge[] = [];
  readonly byId = new Map<string, TopologyNode>();
  private readonly missing: MissingNode[] = [];
  private readonly edgeIds = new Set<string>();
  private readonly model: Model;
  private readonly index: ModelIndex;

  constructor(model: Model) {
    this.model = model;
    this.index = indexModel(model);
  }

  private base(
    id: string,
    kind: string,
    namespace: string,
    name: string,
    implicit = false,
  ): Omit<TopologyNodeBase, 'type'> {
    return {
      id,
      kind,
      namespace,
      name,
      label: `${kind} ${namespace}/${name}`,
      diagnostics: this.index.diagnosticCounts.get(id) ?? 0,
      implicit,
    };
  }

  private add(node: TopologyNode): void {
    if (this.byId.has(node.id)) return;
    this.byId.set(node.id, node);
    this.nodes.push(node);
  }

  private edge(edge: TopologyEdge): void {
    // Two equal references (the same host twice in one rule) would collide; suffix the repeat.
    let id = edge.id;
    for (let repeat = 2; this.edgeIds.has(id); repeat += 1) id = `${edge.id}~${repeat}`;
    this.edgeIds.add(id);
    this.edges.push(id === edge.id ? edge : { ...edge, id });
  }

  private missingNode(
    missingKind: MissingNode['missingKind'],
    reference: string,
    namespace: string,
    name: string,
  ): string {
    const id = `missing:${missingKind}/${reference}`;
    if (!this.byId.has(id)) {
      const label =
        missingKind === 'host'
          ? `Host ${reference} (missing)`
          : `${missingKind} ${reference} (missing)`;
      const node: MissingNode = {
        id,
        type: 'missing',
        kind: 'Missing',
        namespace,
        name,
        label,
        diagnostics: 0,
        implicit: false,
        missingKind,
        reference,
      };
      this.byId.set(id, node);
      this.missing.push(node);
    }
    return id;
  }

  private servicePorts(service: ServiceResource): ServicePortPart[] {
    return (service.spec.ports ?? []).map((port: ServicePort, index) => ({
      id: `${service.key}#port/${index}`,
      index,
      name: port.name,
      port: port.port,
      targetPort: port.targetPort,
      nodePort: port.nodePort,
      protocol: servicePortProtocol(port),
    }));
  }

  private serviceNode(service: ServiceResource, implicit: boolean): TopologyNode {
    const common = this.base(service.key, 'Service', service.namespace, service.name, implicit);
    const selector = service.spec.selector ?? {};
    if (service.spec.type === 'LoadBalancer') {
      return { ...common, type: 'loadBalancer', selector, ports: this.servicePorts(service) };
    }
    return {
      ...common,
      type: 'service',
      serviceType: service.spec.type,
      host: serviceFqdn(service.name, service.namespace, this.model.clusterDomain),
      selector,
      ports: this.servicePorts(service),
    };
  }

  build(): Topology {
    const { model } = this;
    for (const service of model.services) {
      if (service.spec.type === 'LoadBalancer') this.add(this.serviceNode(service, false));
    }
    for (const gateway of model.gateways) {
      for (const { service, implicit } of gatewayServices(model, gateway)) {
        if (implicit) this.add(this.serviceNode(service, true));
      }
    }
    for (const gateway of model.gateways) this.gateway(gateway);
    for (const virtualService of model.virtualServices) this.virtualServiceNode(virtualService);
    for (const service of model.services) {
      if (service.spec.type !== 'LoadBalancer') this.add(this.serviceNode(service, false));
    }
    for (const destinationRule of model.destinationRules) this.destinationRuleNode(destinationRule);
    for (const serviceEntry of model.serviceEntries) this.serviceEntryNode(serviceEntry);
    for (const workload of model.workloads) this.workloadNode(workload);

    for (const gateway of model.gateways) this.loadBalancerEdges(gateway);
    for (const virtualService of model.virtualServices) {
      this.bindingEdges(virtualService);
      this.ruleEdges(virtualService);
    }
    for (const service of model.services)
      this.selectEdges(service.key, serviceWorkloads(model, service));
    for (const serviceEntry of model.serviceEntries) {
      this.selectEdges(serviceEntry.key, serviceEntryWorkloads(model, serviceEntry));
    }
    for (const destinationRule of model.destinationRules)
      this.destinationRuleEdges(destinationRule);

    for (const node of this.missing) this.nodes.push(node);
    return { nodes: this.nodes, edges: this.edges, byId: this.byId, namespaces: this.namespaces() };
  }

  private gateway(gateway: GatewayResource): void {
    this.add({
      ...this.base(gateway.key, 'Gateway', gateway.namespace, gateway.name),
      type: 'gateway',
      selector: gateway.spec.selector ?? {},
      servers: (gateway.spec.servers ?? []).map((server, index) => {
        const number = server.port?.number;
        const tlsMode = server.tls === undefined ? undefined : (server.tls.mode ?? 'PASSTHROUGH');
        return {
          id: `${gateway.key}#server/${index}`,
          index,
          name: server.name,
          port: number,
          listenerPort:
            number === undefined
              ? undefined
              : translateServerPort(this.model, gateway, number).listenerPort,
          protocol: server.port?.protocol,
          hosts: server.hosts ?? [],
          tlsMode,
          httpsRedirect: server.tls?.httpsRedirect === true,
          section: serverRouteSection(server),
        };
      }),
    });
  }

  private virtualServiceNode(virtualService: VirtualServiceResource): void {
    const { spec, key } = virtualService;
    const rules: RulePart[] = [];
    (spec.http ?? []).forEach((rule, index) => {
      rules.push({
        id: `${key}#http/${index}`,
        section: 'http',
        index,
        displayName: ruleDisplayName('http', index, rule.name),
        action: httpAction(rule),
      });
    });
    for (const section of ['tcp', 'tls'] as const) {
      (spec[section] ?? []).forEach((rule, index) => {
        rules.push({
          id: `${key}#${section}/${index}`,
          section,
          index,
          displayName: ruleDisplayName(section, index, undefined),
          action: rule.route === undefined ? 'none' : 'route',
        });
      });
    }
    this.add({
      ...this.base(key, 'VirtualService', virtualService.namespace, virtualService.name),
      type: 'virtualService',
      hosts: spec.hosts ?? [],
      gateways: spec.gateways ?? [],
      delegate: (spec.hosts ?? []).length === 0,
      rules,
    });
  }

  private destinationRuleNode(destinationRule: DestinationRuleResource): void {
    const host = destinationRule.spec.host ?? '';
    this.add({
      ...this.base(
        destinationRule.key,
        'DestinationRule',
        destinationRule.namespace,
        destinationRule.name,
      ),
      type: 'destinationRule',
      host,
      resolvedHost: resolveHost(host, destinationRule.namespace, this.model.clusterDomain),
      subsets: (destinationRule.spec.subsets ?? []).map((subset, index) => ({
        id: `${destinationRule.key}#subset/${index}`,
        index,
        name: subset.name,
        labels: subset.labels ?? {},
      })),
    });
  }

  private serviceEntryNode(serviceEntry: ServiceEntryResource): void {
    const { spec } = serviceEntry;
    this.add({
      ...this.base(serviceEntry.key, 'ServiceEntry', serviceEntry.namespace, serviceEntry.name),
      type: 'serviceEntry',
      hosts: spec.hosts ?? [],
      ports: (spec.ports ?? []).map((port) => ({
        number: port.number,
        name: port.name,
        protocol: port.protocol,
      })),
      location: spec.location,
      resolution: spec.resolution,
    });
  }

  private workloadNode(workload: WorkloadResource): void {
    this.add({
      ...this.base(workload.key, workload.kind, workload.namespace, workload.name),
      type: 'workload',
      workloadKind: workload.kind,
      podLabels: workload.spec.podLabels,
      replicas: workload.spec.replicas,
    });
  }

  private loadBalancerEdges(gateway: GatewayResource): void {
    for (const { service } of gatewayServices(this.model, gateway)) {
      if (service.spec.type !== 'LoadBalancer') continue;
      const mappings = loadBalancerMappings(this.model, service, gateway);
      this.edge({
        id: `loadBalancer:${service.key}->${gateway.key}`,
        type: 'loadBalancer',
        source: service.key,
        target: gateway.key,
        dangling: mappings.length === 0,
        ...(mappings.length === 0
          ? { reason: 'no LoadBalancer port reaches a server of this Gateway' }
          : {}),
        mappings,
      });
    }
  }

  private bindingEdges(virtualService: VirtualServiceResource): void {
    const seen = new Set<string>();
    virtualServiceGateways(virtualService).forEach((reference) => {
      if (reference.type === 'mesh' || seen.has(reference.key)) return;
      seen.add(reference.key);
      const gateway = this.model.byKey.get(reference.key);
      if (gateway === undefined || gateway.kind !== 'Gateway') {
        const source = this.missingNode(
          'Gateway',
          `${reference.namespace}/${reference.name}`,
          reference.namespace,
          reference.name,
        );
        this.edge({
          id: `binding:${source}->${virtualService.key}`,
          type: 'binding',
          source,
          target: virtualService.key,
          dangling: true,
          reason: `Gateway ${reference.namespace}/${reference.name} does not exist (gateways: ${reference.written})`,
          hosts: [],
        });
        return;
      }
      const reasons: string[] = [];
      let bound = 0;
      (gateway.spec.servers ?? []).forEach((_, serverIndex) => {
        const binding = bindVirtualService(this.model, gateway, serverIndex, virtualService);
        if (!binding.bound) {
          reasons.push(binding.reason);
          return;
        }
        bound += 1;
        const serverId = `${gateway.key}#server/${serverIndex}`;
        this.edge({
          id: `binding:${serverId}->${virtualService.key}`,
          type: 'binding',
          source: gateway.key,
          sourcePart: serverId,
          target: virtualService.key,
          dangling: false,
          hosts: binding.hosts,
        });
      });
      if (bound > 0) return;
      const unique = [...new Set(reasons)];
      this.edge({
        id: `binding:${gateway.key}->${virtualService.key}`,
        type: 'binding',
        source: gateway.key,
        target: virtualService.key,
        dangling: true,
        reason:
          unique.length === 0
            ? `Gateway ${gateway.namespace}/${gateway.name} has no servers`
            : unique.length === 1
              ? (unique[0] ?? '')
              : reasons.map((reason, index) => `server ${index}: ${reason}`).join('; '),
        hosts: [],
      });
    });
  }

  /** The node a destination host points at, or a missing placeholder, with the port it implies. */
  private destinationTarget(
    host: string,
    port: number | undefined,
  ): { target: string; port?: number; reason?: string } {
    const entry = lookupRegistryHost(this.model, host);
    if (entry === undefined) {
      const expanded = `${host}.svc.${this.model.clusterDomain ?? CLUSTER_DOMAIN}`;
      const hint =
        host.includes('.') && this.index.servicesByFqdn.has(expanded)
          ? `; dotted names are not expanded, did you mean ${expanded}?`
          : '';
      return {
        target: this.missingNode(
          'host',
          host,
          namespaceOfServiceHost(host, this.model.clusterDomain) ?? '',
          host,
        ),
        port,
        reason: `no Service or ServiceEntry has host ${host}${hint}`,
      };
    }
    const target = registryResource(entry).key;
    const ports = registryPorts(entry);
    const implied = port ?? (ports.length === 1 ? ports[0] : undefined);
    return { target, port: implied };
  }

  private ruleEdges(virtualService: VirtualServiceResource): void {
    const { spec, key, namespace } = virtualService;
    const resolve = (destination: Destination | undefined) =>
      destination?.host === undefined
        ? undefined
        : resolveHost(destination.host, namespace, this.model.clusterDomain);

    (spec.http ?? []).forEach((rule, ruleIndex) => {
      const ruleId = `${key}#http/${ruleIndex}`;
      const routes = rule.route ?? [];
      const percents = destinationPercents(routes.map((route) => route.weight));
      routes.forEach((route, destinationIndex) => {
        this.routeEdge(
          ruleId,
          'http',
          destinationIndex,
          route.destination,
          resolve(route.destination),
          route.weight,
          percents[destinationIndex] ?? 0,
        );
      });
      if (rule.mirror !== undefined) {
        const percent = rule.mirrorPercentage?.value ?? rule.mirrorPercent ?? 100;
        this.mirrorEdge(`${ruleId}`, ruleId, rule.mirror, resolve(rule.mirror), percent);
      }
      (rule.mirrors ?? []).forEach((mirror, mirrorIndex) => {
        const percent = mirror.percentage?.value ?? 100;
        this.mirrorEdge(
          `${ruleId}/mirrors/${mirrorIndex}`,
          ruleId,
          mirror.destination,
          resolve(mirror.destination),
          percent,
        );
      });
      if (rule.delegate?.name !== undefined)
        this.delegateEdge(virtualService, ruleId, rule.delegate);
    });
    for (const section of ['tcp', 'tls'] as const) {
      (spec[section] ?? []).forEach((rule, ruleIndex) => {
        const ruleId = `${key}#${section}/${ruleIndex}`;
        const routes = rule.route ?? [];
        const percents = destinationPercents(routes.map((route) => route.weight));
        routes.forEach((route, destinationIndex) => {
          this.routeEdge(
            ruleId,
            section,
            destinationIndex,
            route.destination,
            resolve(route.destination),
            route.weight,
            percents[destinationIndex] ?? 0,
          );
        });
      });
    }
  }

  private routeEdge(
    ruleId: string,
    section: 'http' | 'tcp' | 'tls',
    destinationIndex: number,
    destination: Destination | undefined,
    host: string | undefined,
    weight: number | undefined,
    percent: number,
  ): void {
    if (host === undefined) return;
    const resourceKey = ruleId.slice(0, ruleId.indexOf('#'));
    const { target, port, reason } = this.destinationTarget(host, destination?.port?.number);
    this.edge({
      id: `route:${ruleId}/${destinationIndex}`,
      type: 'route',
      source: resourceKey,
      sourcePart: ruleId,
      target,
      dangling: reason !== undefined,
      reason,
      section,
      destinationIndex,
      host,
      subset: destination?.subset,
      port,
      weight,
      percent,
    });
  }

  private mirrorEdge(
    idSuffix: string,
    ruleId: string,
    destination: Destination | undefined,
    host: string | undefined,
    percent: number,
  ): void {
    if (host === undefined) return;
    const { target, port, reason } = this.destinationTarget(host, destination?.port?.number);
    this.edge({
      id: `mirror:${idSuffix}`,
      type: 'mirror',
      source: ruleId.slice(0, ruleId.indexOf('#')),
      sourcePart: ruleId,
      target,
      dangling: reason !== undefined,
      reason,
      host,
      subset: destination?.subset,
      port,
      percent,
    });
  }

  private delegateEdge(
    root: VirtualServiceResource,
    ruleId: string,
    delegate: { readonly name?: string; readonly namespace?: string },
  ): void {
    const namespace = delegate.namespace ?? root.namespace;
    const name = delegate.name ?? '';
    const key = `VirtualService/${namespace}/${name}`;
    const found = this.model.byKey.get(key);
    let target = key;
    let reason: string | undefined;
    if (found === undefined) {
      target = this.missingNode('VirtualService', `${namespace}/${name}`, namespace, name);
      reason = `delegate VirtualService ${namespace}/${name} does not exist; the rule is skipped`;
    } else if (!isVisibleTo(found, root.namespace)) {
      reason = `delegate VirtualService ${namespace}/${name} is not exported to ${root.namespace}; the rule is skipped`;
    }
    this.edge({
      id: `delegate:${ruleId}`,
      type: 'delegate',
      source: root.key,
      sourcePart: ruleId,
      target,
      dangling: reason !== undefined,
      reason,
    });
  }

  private selectEdges(source: string, workloads: readonly WorkloadResource[]): void {
    for (const workload of workloads) {
      this.edge({
        id: `selects:${source}->${workload.key}`,
        type: 'selects',
        source,
        target: workload.key,
        dangling: false,
      });
    }
  }

  private destinationRuleEdges(destinationRule: DestinationRuleResource): void {
    const written = destinationRule.spec.host;
    if (written === undefined) return;
    const host = resolveHost(written, destinationRule.namespace, this.model.clusterDomain);
    const exact = lookupRegistryHost(this.model, host);
    const targets: (ServiceResource | ServiceEntryResource)[] = [];
    if (exact !== undefined) {
      targets.push(registryResource(exact));
    } else if (host.startsWith('*')) {
      for (const [fqdn, service] of this.index.servicesByFqdn) {
        if (hostSubsetOf(fqdn, host)) targets.push(service);
      }
      for (const [entryHost, entries] of this.index.serviceEntriesByHost) {
        const first = entries[0];
        if (first !== undefined && hostSubsetOf(entryHost, host) && !targets.includes(first)) {
          targets.push(first);
        }
      }
    }
    if (targets.length === 0) {
      const target = this.missingNode(
        'host',
        host,
        namespaceOfServiceHost(host, this.model.clusterDomain) ?? '',
        host,
      );
      this.edge({
        id: `destinationRule:${destinationRule.key}->${target}`,
        type: 'destinationRule',
        source: destinationRule.key,
        target,
        dangling: true,
        reason: `no Service or ServiceEntry has host ${host}`,
        host,
      });
      return;
    }
    for (const target of targets) {
      this.edge({
        id: `destinationRule:${destinationRule.key}->${target.key}`,
        type: 'destinationRule',
        source: destinationRule.key,
        target: target.key,
        dangling: false,
        host,
      });
    }
    if (exact === undefined || targets.length !== 1) return;
    const [target] = targets;
    if (target === undefined) return;
    (destinationRule.spec.subsets ?? []).forEach((subset, index) => {
      const subsetId = `${destinationRule.key}#subset/${index}`;
      for (const workload of subsetWorkloads(this.model, target, subset.labels)) {
        this.edge({
          id: `subset:${subsetId}->${workload.key}`,
          type: 'subset',
          source: destinationRule.key,
          sourcePart: subsetId,
          target: workload.key,
          dangling: false,
          subset: subset.name,
        });
      }
    });
  }

  private namespaces(): { name: string; nodeIds: string[] }[] {
    const byNamespace = new Map<string, string[]>();
    for (const node of this.nodes) {
      if (node.namespace === '') continue;
      const ids = byNamespace.get(node.namespace);
      if (ids === undefined) byNamespace.set(node.namespace, [node.id]);
      else ids.push(node.id);
    }
    return [...byNamespace.keys()]
      .sort()
      .map((name) => ({ name, nodeIds: byNamespace.get(name) ?? [] }));
  }
}

/**
 * The abstract topology of a model (nodes keyed by ResourceKey, edges with stable ids, dangling
 * references to placeholder nodes with a reason), for the canvas to project and lay out. Uses the
 * model's indexes, so it stays linear in the design's size; it runs on every keystroke.
 */
export function buildTopology(model: Model): Topology {
  return new TopologyBuilder(model).build();
}
