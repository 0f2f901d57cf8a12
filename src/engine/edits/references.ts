import { resolveGatewayRef } from '../model/resolveGateway';
import { resolveHost, serviceFqdn } from '../model/resolveHost';
import type {
  DestinationRuleResource,
  Resource,
  VirtualServiceResource,
  YamlPath,
} from '../model/types';
import { field, isRecord, stringField } from './planners/common';
import type { EditSession, ResourceEditor } from './session';

/** The route sections of a VirtualService whose rules carry `route[].destination`. */
export const ROUTE_SECTIONS = ['http', 'tcp', 'tls'] as const;

/** One of `http`, `tcp`, `tls`. */
export type RouteSection = (typeof ROUTE_SECTIONS)[number];

/** Where one VirtualService names a host: a route destination, a mirror, or its own `hosts`. */
export type HostReference =
  | {
      readonly type: 'destination';
      readonly section: RouteSection;
      readonly rule: number;
      readonly destination: number;
      readonly written: string;
    }
  | { readonly type: 'mirror'; readonly rule: number; readonly written: string }
  | {
      readonly type: 'mirrors';
      readonly rule: number;
      readonly mirror: number;
      readonly written: string;
    }
  | { readonly type: 'host'; readonly index: number; readonly written: string };

/** The YAML path (inside the VirtualService) of the host a reference writes. */
export function hostReferencePath(reference: HostReference): YamlPath {
  switch (reference.type) {
    case 'destination':
      return [
        'spec',
        reference.section,
        reference.rule,
        'route',
        reference.destination,
        'destination',
        'host',
      ];
    case 'mirror':
      return ['spec', 'http', reference.rule, 'mirror', 'host'];
    case 'mirrors':
      return ['spec', 'http', reference.rule, 'mirrors', reference.mirror, 'destination', 'host'];
    case 'host':
      return ['spec', 'hosts', reference.index];
    default:
      return assertNever(reference);
  }
}

/** Exhaustiveness check for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

/** Every string the model holds for a VirtualService's destinations, mirrors and hosts. */
function modelHosts(virtualService: VirtualServiceResource): string[] {
  const hosts = [...(virtualService.spec.hosts ?? [])];
  for (const section of ROUTE_SECTIONS) {
    for (const rule of virtualService.spec[section] ?? []) {
      for (const route of rule.route ?? []) {
        if (route.destination?.host !== undefined) hosts.push(route.destination.host);
      }
    }
  }
  for (const rule of virtualService.spec.http ?? []) {
    if (rule.mirror?.host !== undefined) hosts.push(rule.mirror.host);
    for (const mirror of rule.mirrors ?? []) {
      if (mirror.destination?.host !== undefined) hosts.push(mirror.destination.host);
    }
  }
  return hosts;
}

/** Decides whether a host, as written and as resolved in the referrer's namespace, is wanted. */
export type HostPredicate = (resolved: string, written: string) => boolean;

/** A predicate for hosts that resolve to one of `targets`. */
export function resolvesToOneOf(targets: ReadonlySet<string>): HostPredicate {
  return (resolved) => targets.has(resolved);
}

/**
 * The places in a VirtualService's text that name a host `wanted` accepts (resolved in the
 * VirtualService's namespace and the design's `clusterDomain`). The model narrows the candidates
 * cheaply; the text gives the exact positions, which the model might not keep for entries it dropped.
 */
export function findHostReferences(
  editor: ResourceEditor,
  wanted: HostPredicate,
  includeOwnHosts: boolean,
  clusterDomain: string | undefined,
): HostReference[] {
  const virtualService = editor.resource;
  if (virtualService.kind !== 'VirtualService') return [];
  const namespace = virtualService.namespace;
  const hits = (written: unknown): written is string =>
    typeof written === 'string' && wanted(resolveHost(written, namespace, clusterDomain), written);
  if (!modelHosts(virtualService).some(hits)) return [];
  const references: HostReference[] = [];
  if (includeOwnHosts) {
    editor.readList(['spec', 'hosts']).forEach((written, index) => {
      if (hits(written)) references.push({ type: 'host', index, written });
    });
  }
  for (const section of ROUTE_SECTIONS) {
    editor.readList(['spec', section]).forEach((rule, ruleIndex) => {
      const routes = field(rule, 'route');
      if (!Array.isArray(routes)) return;
      routes.forEach((route: unknown, destination) => {
        const written = stringField(field(route, 'destination'), 'host');
        if (hits(written)) {
          references.push({ type: 'destination', section, rule: ruleIndex, destination, written });
        }
      });
    });
  }
  editor.readList(['spec', 'http']).forEach((rule, ruleIndex) => {
    const mirror = stringField(field(rule, 'mirror'), 'host');
    if (hits(mirror)) references.push({ type: 'mirror', rule: ruleIndex, written: mirror });
    const mirrors = field(rule, 'mirrors');
    if (!Array.isArray(mirrors)) return;
    mirrors.forEach((entry: unknown, index) => {
      const written = stringField(field(entry, 'destination'), 'host');
      if (hits(written)) {
        references.push({ type: 'mirrors', rule: ruleIndex, mirror: index, written });
      }
    });
  });
  return references;
}

/** Where a VirtualService names a Gateway: its `gateways`, or a match's `gateways`. */
export interface GatewayReferenceSite {
  /** Path of the `gateways` list inside the VirtualService. */
  readonly list: YamlPath;
  readonly index: number;
  readonly written: string;
}

/** The `gateways` entries (top level and in http, tcp and tls matches) naming `gatewayKey`. */
export function findGatewayReferences(
  editor: ResourceEditor,
  gatewayKey: string,
): GatewayReferenceSite[] {
  const virtualService = editor.resource;
  if (virtualService.kind !== 'VirtualService') return [];
  const namespace = virtualService.namespace;
  const names = (written: unknown): written is string => {
    if (typeof written !== 'string') return false;
    const reference = resolveGatewayRef(written, namespace);
    return reference.type === 'gateway' && reference.key === gatewayKey;
  };
  const found: GatewayReferenceSite[] = [];
  const scan = (list: YamlPath) => {
    editor.readList(list).forEach((written, index) => {
      if (names(written)) found.push({ list, index, written });
    });
  };
  scan(['spec', 'gateways']);
  for (const section of ROUTE_SECTIONS) {
    editor.readList(['spec', section]).forEach((rule, ruleIndex) => {
      const matches = field(rule, 'match');
      if (!Array.isArray(matches)) return;
      matches.forEach((match: unknown, matchIndex) => {
        if (isRecord(match) && Array.isArray(match.gateways)) {
          scan(['spec', section, ruleIndex, 'match', matchIndex, 'gateways']);
        }
      });
    });
  }
  return found;
}

/**
 * The hosts a resource is known by in the registry (in `clusterDomain`): a Service's FQDN, a
 * ServiceEntry's hosts.
 */
export function registryHostsOf(
  resource: Resource,
  clusterDomain: string | undefined,
): Set<string> {
  if (resource.kind === 'Service') {
    return new Set([serviceFqdn(resource.name, resource.namespace, clusterDomain)]);
  }
  if (resource.kind === 'ServiceEntry') {
    return new Set(
      (resource.spec.hosts ?? []).map((host) =>
        resolveHost(host, resource.namespace, clusterDomain),
      ),
    );
  }
  return new Set();
}

/** The DestinationRules whose host resolves to one of `targets`. */
export function destinationRulesWithHost(
  session: EditSession,
  targets: ReadonlySet<string>,
): DestinationRuleResource[] {
  const { destinationRules, clusterDomain } = session.design.model;
  return destinationRules.filter(
    (rule) =>
      rule.spec.host !== undefined &&
      targets.has(resolveHost(rule.spec.host, rule.namespace, clusterDomain)),
  );
}

/**
 * How to write a reference to a Service from a resource in `fromNamespace`: the short name in
 * the same namespace (as people write it), else the FQDN in `clusterDomain` (a dotted short form
 * such as `web.prod` is not expanded by Istio, routing-semantics §2.1).
 */
export function serviceHostFor(
  name: string,
  namespace: string,
  fromNamespace: string,
  clusterDomain: string | undefined,
): string {
  return namespace === fromNamespace ? name : serviceFqdn(name, namespace, clusterDomain);
}
