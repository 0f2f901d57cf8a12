import { partPath } from '../model/loadDesign';
import { isWildcardHost, resolveHost } from '../model/resolveHost';
import { isHttpProtocol, parseProtocol, servicePortProtocol } from '../model/resolvePorts';
import { IMPLICIT_INGRESS_SERVICE } from '../model/resolveSelector';
import type { Destination } from '../model/istio';
import type { Resource, ResourceKey } from '../model/types';
import type { Intent, PlanResult, RuleSection } from './intents';
import { isRefused } from './intents';
import { planIntent } from './planIntent';
import { describeResource } from './planners/common';
import { serviceHostFor } from './references';
import type { EditableDesign } from './session';

/** A canvas node id: a ResourceKey, or `${key}#http/N` (a rule), `${key}#server/N` (a server). */
export type NodeId = string;

/** The node id of rule `index` of a VirtualService's `section` (http by default). */
export function ruleNodeId(key: ResourceKey, index: number, section: RuleSection = 'http'): NodeId {
  return `${key}#${section}/${index}`;
}

/** The node id of server `index` of a Gateway. */
export function serverNodeId(key: ResourceKey, index: number): NodeId {
  return `${key}#server/${index}`;
}

/** A node id taken apart: the resource and, for a part, its spec section and index. */
export interface NodeReference {
  readonly key: ResourceKey;
  readonly part?: { readonly section: string; readonly index: number };
}

/** Splits a node id; undefined when its part suffix names no part. */
export function parseNodeId(id: NodeId): NodeReference | undefined {
  const hash = id.indexOf('#');
  if (hash === -1) return { key: id };
  const path = partPath(id.slice(hash + 1));
  const [, section, index] = path ?? [];
  if (typeof section !== 'string' || typeof index !== 'number') return undefined;
  return { key: id.slice(0, hash), part: { section, index } };
}

/** What a connection means: the intent it stands for, or why it means nothing. */
export type ConnectionMeaning = { readonly intent: Intent } | { readonly refused: string };

const WORKLOAD_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet'];

/**
 * The port a destination must name: none for a single-port target (Istio picks it), else the port
 * the connection was drawn to, else the first HTTP port for an http rule and the first other port
 * for a tcp or tls rule (routing-semantics §2.8.2).
 */
function destinationPort(
  target: Resource,
  portIndex: number | undefined,
  layer4: boolean,
): number | undefined {
  // An http rule prefers an HTTP port; a tcp or tls rule a port that is not one.
  const fits = (protocol: Parameters<typeof isHttpProtocol>[0]) =>
    isHttpProtocol(protocol) !== layer4;
  if (target.kind === 'Service') {
    const ports = target.spec.ports ?? [];
    if (ports.length <= 1) return undefined;
    const chosen = portIndex === undefined ? undefined : ports[portIndex];
    const preferred = ports.find((port) => fits(servicePortProtocol(port)));
    return (chosen ?? preferred ?? ports[0])?.port;
  }
  if (target.kind === 'ServiceEntry') {
    const ports = target.spec.ports ?? [];
    if (ports.length <= 1) return undefined;
    const preferred = ports.find((port) => fits(parseProtocol(port.protocol)));
    return (preferred ?? ports[0])?.number;
  }
  return undefined;
}

/** How `from` (a resource in `namespace`) writes the host of a Service or ServiceEntry. */
function hostOf(
  target: Resource,
  namespace: string,
  clusterDomain: string | undefined,
): string | { readonly refused: string } {
  if (target.kind === 'Service') {
    return serviceHostFor(target.name, target.namespace, namespace, clusterDomain);
  }
  if (target.kind === 'ServiceEntry') {
    const host = (target.spec.hosts ?? []).find((candidate) => !isWildcardHost(candidate));
    if (host === undefined) {
      return {
        refused: `${describeResource(target)} has only wildcard hosts; a route needs an exact host`,
      };
    }
    return host;
  }
  return { refused: `${describeResource(target)} is not a Service or ServiceEntry` };
}

function refusedTarget(source: Resource, target: Resource): { readonly refused: string } {
  const from = describeResource(source);
  const to = describeResource(target);
  if (source.kind === 'Service' && target.kind === 'Gateway') {
    return {
      refused: `A ${source.spec.type} Service cannot send traffic to a Gateway; only a LoadBalancer Service exposes one`,
    };
  }
  if (target.kind === 'Gateway' && source.kind === 'VirtualService') {
    return { refused: 'Connect from the Gateway to the VirtualService: traffic flows that way' };
  }
  if (
    source.kind === 'Service' &&
    (target.kind === 'VirtualService' || target.kind === 'ServiceEntry')
  ) {
    return { refused: `A Service sends traffic to pods, not to a ${target.kind}` };
  }
  if (WORKLOAD_KINDS.includes(source.kind)) {
    return {
      refused: `Traffic leaves a ${source.kind} through no resource here; connect a Service to it instead`,
    };
  }
  return { refused: `${from} cannot be connected to ${to}` };
}

/** The resource a node id names; Istio's default ingress Service when the canvas shows it implied. */
function resourceOf(design: EditableDesign, key: ResourceKey): Resource | undefined {
  const resource = design.model.byKey.get(key);
  if (resource !== undefined) return resource;
  return key === IMPLICIT_INGRESS_SERVICE.key ? IMPLICIT_INGRESS_SERVICE : undefined;
}

/** The rule a connection from a VirtualService starts at: its section and index, or why none. */
interface SourceRule {
  readonly section: RuleSection;
  readonly index: number;
}

function isRuleSection(section: string): section is RuleSection {
  return section === 'http' || section === 'tcp' || section === 'tls';
}

/**
 * The rule a connection from a VirtualService starts at: the rule part it was drawn from (http,
 * tcp or tls), else the VirtualService's only rule; undefined when it has none.
 */
function sourceRule(
  from: Resource & { readonly kind: 'VirtualService' },
  part: NodeReference['part'],
): SourceRule | undefined | { readonly refused: string } {
  if (part !== undefined) {
    if (!isRuleSection(part.section)) {
      return { refused: `A ${part.section} entry is not a rule; connect from one of its rules` };
    }
    return { section: part.section, index: part.index };
  }
  const rules = (['http', 'tcp', 'tls'] as const).flatMap((section) =>
    (from.spec[section] ?? []).map((_, index) => ({ section, index })),
  );
  if (rules.length > 1) return { refused: 'Connect from one of its rules: it has several' };
  return rules[0];
}

/** The intent that gives a rule a destination (or the VirtualService its first rule). */
function routeIntent(
  from: Resource & { readonly kind: 'VirtualService' },
  part: NodeReference['part'],
  destination: Destination,
): ConnectionMeaning {
  const rule = sourceRule(from, part);
  if (rule === undefined) {
    return {
      intent: {
        type: 'rule.add',
        virtualService: from.key,
        index: 0,
        rule: { route: [{ destination }] },
      },
    };
  }
  if ('refused' in rule) return rule;
  return {
    intent:
      rule.section === 'http'
        ? { type: 'route.addDestination', virtualService: from.key, rule: rule.index, destination }
        : {
            type: 'route.addDestination',
            virtualService: from.key,
            section: rule.section,
            rule: rule.index,
            destination,
          },
  };
}

/** The intent a connection drawn from `sourceId` to `targetId` stands for, or why there is none. */
export function connectionIntent(
  design: EditableDesign,
  sourceId: NodeId,
  targetId: NodeId,
): ConnectionMeaning {
  if (sourceId.startsWith('missing:') || targetId.startsWith('missing:')) {
    return { refused: 'That resource is not in the design yet; add it first' };
  }
  const source = parseNodeId(sourceId);
  const target = parseNodeId(targetId);
  if (source === undefined || target === undefined) return { refused: 'Unknown canvas node' };
  const from = resourceOf(design, source.key);
  const to = resourceOf(design, target.key);
  if (from === undefined || to === undefined) {
    return { refused: 'That resource is not in the design' };
  }
  if (from.key === to.key) return { refused: 'A resource cannot be connected to itself' };
  const targetPort = target.part?.section === 'ports' ? target.part.index : undefined;

  if (from.kind === 'Service' && to.kind === 'Gateway') {
    if (from.spec.type === 'LoadBalancer' || from.spec.type === 'NodePort') {
      return {
        intent: { type: 'gateway.selectLoadBalancer', gateway: to.key, loadBalancer: from.key },
      };
    }
    return refusedTarget(from, to);
  }
  if (from.kind === 'Gateway' && to.kind === 'VirtualService') {
    const server = source.part?.section === 'servers' ? source.part.index : undefined;
    return {
      intent:
        server === undefined
          ? { type: 'virtualService.bindGateway', virtualService: to.key, gateway: from.key }
          : {
              type: 'virtualService.bindGateway',
              virtualService: to.key,
              gateway: from.key,
              server,
            },
    };
  }
  if (from.kind === 'VirtualService' && (to.kind === 'Service' || to.kind === 'ServiceEntry')) {
    const host = hostOf(to, from.namespace, design.model.clusterDomain);
    if (typeof host !== 'string') return host;
    const layer4 = source.part?.section === 'tcp' || source.part?.section === 'tls';
    const port = destinationPort(to, targetPort, layer4);
    return routeIntent(
      from,
      source.part,
      port === undefined ? { host } : { host, port: { number: port } },
    );
  }
  if (from.kind === 'VirtualService' && to.kind === 'DestinationRule') {
    const written = to.spec.host;
    const subset =
      target.part?.section === 'subsets' ? to.spec.subsets?.[target.part.index]?.name : undefined;
    if (written === undefined || isWildcardHost(written)) {
      return { refused: `${describeResource(to)} has no exact host to route to` };
    }
    if (subset === undefined) {
      return { refused: 'Connect the rule to one of its subsets, or to the Service itself' };
    }
    const host =
      !written.includes('.') && to.namespace === from.namespace
        ? written
        : resolveHost(written, to.namespace, design.model.clusterDomain);
    return routeIntent(from, source.part, { host, subset });
  }
  if (from.kind === 'Service' && WORKLOAD_KINDS.includes(to.kind)) {
    return { intent: { type: 'service.selectWorkload', service: from.key, workload: to.key } };
  }
  if (from.kind === 'DestinationRule' && (to.kind === 'Service' || to.kind === 'ServiceEntry')) {
    const host = hostOf(to, from.namespace, design.model.clusterDomain);
    if (typeof host !== 'string') return host;
    return { intent: { type: 'destinationRule.setHost', destinationRule: from.key, host } };
  }
  return refusedTarget(from, to);
}

/** Plans the intent a connection stands for (see connectionIntent), or refuses with a reason. */
export function planConnection(
  design: EditableDesign,
  sourceId: NodeId,
  targetId: NodeId,
): PlanResult {
  const meaning = connectionIntent(design, sourceId, targetId);
  if ('refused' in meaning) return meaning;
  return planIntent(design, meaning.intent);
}

/** Hover feedback while a connection is drawn: whether dropping here would change anything, and why not. */
export type ConnectionCheck =
  | { readonly allowed: true; readonly intent: Intent }
  | { readonly allowed: false; readonly reason: string };

/**
 * Whether a connection from `sourceId` to `targetId` can be made. It plans the intent, so a
 * connection that already exists (or would change nothing) is reported with its reason.
 */
export function canConnect(
  design: EditableDesign,
  sourceId: NodeId,
  targetId: NodeId,
): ConnectionCheck {
  const meaning = connectionIntent(design, sourceId, targetId);
  if ('refused' in meaning) return { allowed: false, reason: meaning.refused };
  const plan = planIntent(design, meaning.intent);
  if (isRefused(plan)) return { allowed: false, reason: plan.refused };
  return { allowed: true, intent: meaning.intent };
}
