import type {
  Destination,
  HTTPMatchRequest,
  HTTPRoute,
  Labels,
  Server,
  TCPRoute,
  TLSRoute,
} from '../model/istio';
import type { ResourceKey, YamlPath } from '../model/types';
import type { TextEdit } from '../yaml/types';

/** The route sections of a VirtualService whose rules the rule intents edit. */
export type RuleSection = 'http' | 'tcp' | 'tls';

/** Kinds a user can add from the palette. */
export const ADDABLE_KINDS = [
  'Gateway',
  'VirtualService',
  'DestinationRule',
  'ServiceEntry',
  'Service',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
] as const;

/** One of the kinds `resource.add` creates. */
export type AddableKind = (typeof ADDABLE_KINDS)[number];

/** Adds a resource with valid defaults as a new document; the name is made unique if omitted. */
export interface ResourceAddIntent {
  readonly type: 'resource.add';
  readonly kind: AddableKind;
  readonly namespace: string;
  readonly name?: string;
  /** For a Service: `LoadBalancer` adds the ingress gateway's load balancer. */
  readonly serviceType?: 'ClusterIP' | 'LoadBalancer';
  /** The file to append to; defaults to the design's last file. */
  readonly file?: string;
}

/** Deletes a resource and removes the references other resources make to it. */
export interface ResourceDeleteIntent {
  readonly type: 'resource.delete';
  readonly key: ResourceKey;
}

/** Renames a resource; references to it follow. */
export interface ResourceRenameIntent {
  readonly type: 'resource.rename';
  readonly key: ResourceKey;
  readonly name: string;
}

/** Moves a resource to another namespace; references keep pointing at it. */
export interface ResourceSetNamespaceIntent {
  readonly type: 'resource.setNamespace';
  readonly key: ResourceKey;
  readonly namespace: string;
}

/** Points a Gateway at the pods a LoadBalancer Service exposes (selector := its selector). */
export interface GatewaySelectLoadBalancerIntent {
  readonly type: 'gateway.selectLoadBalancer';
  readonly gateway: ResourceKey;
  readonly loadBalancer: ResourceKey;
}

/** Binds a VirtualService to a Gateway (and gives it a host the server accepts, if needed). */
export interface VirtualServiceBindGatewayIntent {
  readonly type: 'virtualService.bindGateway';
  readonly virtualService: ResourceKey;
  readonly gateway: ResourceKey;
  /** The server the connection was drawn from; all servers when absent. */
  readonly server?: number;
}

/** Makes a Service select a workload's pods. */
export interface ServiceSelectWorkloadIntent {
  readonly type: 'service.selectWorkload';
  readonly service: ResourceKey;
  readonly workload: ResourceKey;
}

/** Sets the host a DestinationRule applies to. */
export interface DestinationRuleSetHostIntent {
  readonly type: 'destinationRule.setHost';
  readonly destinationRule: ResourceKey;
  readonly host: string;
}

/** Sets any field of a resource; `value: undefined` removes it. */
export interface FieldSetIntent {
  readonly type: 'field.set';
  readonly key: ResourceKey;
  /** Path inside the resource, e.g. `['spec', 'http', 0, 'timeout']`. */
  readonly path: YamlPath;
  readonly value: unknown;
}

/** Removes a field of a resource. */
export interface FieldRemoveIntent {
  readonly type: 'field.remove';
  readonly key: ResourceKey;
  readonly path: YamlPath;
}

/** Inserts an item into a list field (at the end when `index` is absent). */
export interface ListInsertIntent {
  readonly type: 'list.insert';
  readonly key: ResourceKey;
  readonly path: YamlPath;
  readonly index?: number;
  readonly value: unknown;
}

/** Removes an item of a list field. */
export interface ListRemoveIntent {
  readonly type: 'list.remove';
  readonly key: ResourceKey;
  readonly path: YamlPath;
  readonly index: number;
}

/** Moves an item of a list field so that it ends up at index `to`. */
export interface ListMoveIntent {
  readonly type: 'list.move';
  readonly key: ResourceKey;
  readonly path: YamlPath;
  readonly from: number;
  readonly to: number;
}

/**
 * Sets the weight of one destination of an http, tcp or tls rule. When the rule's weights summed
 * to 100 the others are rebalanced proportionally so the total stays 100; otherwise (weights are
 * relative since Istio 1.15) only this weight changes.
 */
export interface RouteSetWeightIntent {
  readonly type: 'route.setWeight';
  readonly virtualService: ResourceKey;
  /** The rule's section; `http` when absent. */
  readonly section?: RuleSection;
  readonly rule: number;
  readonly destination: number;
  readonly weight: number;
}

/**
 * Adds a destination to an http, tcp or tls rule. A rule whose only destination names no known
 * host gets it replaced; a second destination makes a 50/50 split; a further one joins with
 * weight 0 (or `weight`), so that adding never moves traffic silently in an existing split.
 */
export interface RouteAddDestinationIntent {
  readonly type: 'route.addDestination';
  readonly virtualService: ResourceKey;
  /** The rule's section; `http` when absent. */
  readonly section?: RuleSection;
  readonly rule: number;
  readonly destination: Destination;
  readonly weight?: number;
}

/** Removes a destination of a rule (the weights left are rebalanced like setWeight). */
export interface RouteRemoveDestinationIntent {
  readonly type: 'route.removeDestination';
  readonly virtualService: ResourceKey;
  /** The rule's section; `http` when absent. */
  readonly section?: RuleSection;
  readonly rule: number;
  readonly destination: number;
}

/** Adds a rule (before the first catch-all rule when `index` is absent). */
export interface RuleAddIntent {
  readonly type: 'rule.add';
  readonly virtualService: ResourceKey;
  /** The rule's section; `http` when absent. */
  readonly section?: RuleSection;
  readonly index?: number;
  /** The rule to add: an HTTPRoute, or a TCPRoute / TLSRoute for those sections. */
  readonly rule?: HTTPRoute | TCPRoute | TLSRoute;
}

/** Removes a rule. */
export interface RuleRemoveIntent {
  readonly type: 'rule.remove';
  readonly virtualService: ResourceKey;
  /** The rule's section; `http` when absent. */
  readonly section?: RuleSection;
  readonly rule: number;
}

/** Reorders the rules of a section (the first matching rule wins). */
export interface RuleMoveIntent {
  readonly type: 'rule.move';
  readonly virtualService: ResourceKey;
  /** The rule's section; `http` when absent. */
  readonly section?: RuleSection;
  readonly from: number;
  readonly to: number;
}

/** Names a rule (`name: undefined` removes it); only http rules have a name in Istio. */
export interface RuleSetNameIntent {
  readonly type: 'rule.setName';
  readonly virtualService: ResourceKey;
  readonly section?: RuleSection;
  readonly rule: number;
  readonly name: string | undefined;
}

/** Adds a match condition to an http rule (a `uri: prefix: /` when absent). */
export interface MatchAddIntent {
  readonly type: 'match.add';
  readonly virtualService: ResourceKey;
  readonly rule: number;
  readonly match?: HTTPMatchRequest;
}

/** Removes a match condition; a rule left with none matches every request. */
export interface MatchRemoveIntent {
  readonly type: 'match.remove';
  readonly virtualService: ResourceKey;
  readonly rule: number;
  readonly match: number;
}

/** Adds a Gateway server (the next free of HTTP 80, HTTPS 443, HTTP 8080... when absent). */
export interface ServerAddIntent {
  readonly type: 'server.add';
  readonly gateway: ResourceKey;
  readonly server?: Server;
}

/** Removes a Gateway server. */
export interface ServerRemoveIntent {
  readonly type: 'server.remove';
  readonly gateway: ResourceKey;
  readonly server: number;
}

/** Adds a DestinationRule subset (`v1`, `v2`... labelled `version: <name>` when absent). */
export interface SubsetAddIntent {
  readonly type: 'subset.add';
  readonly destinationRule: ResourceKey;
  readonly name?: string;
  readonly labels?: Labels;
}

/** Removes a subset and the `subset` references routes make to it. */
export interface SubsetRemoveIntent {
  readonly type: 'subset.remove';
  readonly destinationRule: ResourceKey;
  readonly subset: number;
}

/**
 * Renames a DestinationRule subset; route, mirror and mirrors destinations that name it (same host
 * as Istio resolves it, from a namespace that sees this DestinationRule) follow.
 */
export interface SubsetRenameIntent {
  readonly type: 'subset.rename';
  readonly destinationRule: ResourceKey;
  readonly subset: number;
  readonly name: string;
}

/** Turns a plain HTTP server's redirect to HTTPS on or off. */
export interface GatewaySetHttpsRedirectIntent {
  readonly type: 'gateway.setHttpsRedirect';
  readonly gateway: ResourceKey;
  readonly server: number;
  readonly enabled: boolean;
}

/**
 * Sets a Gateway server's protocol (`undefined` removes it) and keeps its `tls` as Istio's webhook
 * requires: HTTPS or TLS without TLS settings gets them (HTTPS: SIMPLE with a credential named
 * after the Gateway; TLS: PASSTHROUGH); a plain HTTP server keeps only `httpsRedirect`, and any
 * other protocol none.
 */
export interface GatewaySetServerProtocolIntent {
  readonly type: 'gateway.setServerProtocol';
  readonly gateway: ResourceKey;
  readonly server: number;
  readonly protocol: string | undefined;
}

/**
 * Sets a Gateway server's TLS mode (`undefined`: no TLS, keeping only `httpsRedirect`). A mode
 * that terminates TLS (SIMPLE, MUTUAL, OPTIONAL_MUTUAL) on a server naming no certificate gets the
 * Gateway's credential, as `server.add` names it; an HTTPS or TLS server cannot go without TLS.
 */
export interface GatewaySetServerTlsModeIntent {
  readonly type: 'gateway.setServerTlsMode';
  readonly gateway: ResourceKey;
  readonly server: number;
  readonly mode: string | undefined;
}

/** A user gesture as data: every change the canvas and the inspector make is one of these. */
export type Intent =
  | ResourceAddIntent
  | ResourceDeleteIntent
  | ResourceRenameIntent
  | ResourceSetNamespaceIntent
  | GatewaySelectLoadBalancerIntent
  | VirtualServiceBindGatewayIntent
  | ServiceSelectWorkloadIntent
  | DestinationRuleSetHostIntent
  | FieldSetIntent
  | FieldRemoveIntent
  | ListInsertIntent
  | ListRemoveIntent
  | ListMoveIntent
  | RouteSetWeightIntent
  | RouteAddDestinationIntent
  | RouteRemoveDestinationIntent
  | RuleAddIntent
  | RuleRemoveIntent
  | RuleMoveIntent
  | RuleSetNameIntent
  | MatchAddIntent
  | MatchRemoveIntent
  | ServerAddIntent
  | ServerRemoveIntent
  | SubsetAddIntent
  | SubsetRemoveIntent
  | SubsetRenameIntent
  | GatewaySetHttpsRedirectIntent
  | GatewaySetServerProtocolIntent
  | GatewaySetServerTlsModeIntent;

/** The `type` of an intent (`noun.verb`). */
export type IntentType = Intent['type'];

/** A text edit in one file of the design. */
export interface FileTextEdit extends TextEdit {
  readonly file: string;
}

/** What the UI should select once the edit is applied: a resource or a part of it. */
export interface PlanSelection {
  readonly key: ResourceKey;
  /** Path inside the resource (e.g. `['spec', 'http', 2]`); empty for the resource itself. */
  readonly path: YamlPath;
}

/** A change the intent makes beyond its own target, listed so that the UI can ask to confirm. */
export interface PlanEffect {
  readonly resource: ResourceKey;
  readonly description: string;
}

/** A planned intent: one batch of edits (one undo step) against the version it was planned on. */
export interface PlannedEdits {
  readonly edits: readonly FileTextEdit[];
  readonly selection?: PlanSelection;
  readonly effects: readonly PlanEffect[];
}

/** An intent that cannot be carried out, with the reason to show. */
export interface RefusedPlan {
  readonly refused: string;
}

/** What `planIntent` returns. */
export type PlanResult = PlannedEdits | RefusedPlan;

/** True when the plan was refused. */
export function isRefused(plan: PlanResult): plan is RefusedPlan {
  return 'refused' in plan;
}
