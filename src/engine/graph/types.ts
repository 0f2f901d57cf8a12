import type { Labels, ServerTLSMode, ServiceType } from '../model/istio';
import type { LoadBalancerMapping, Protocol, RouteSection } from '../model/resolvePorts';
import type { WorkloadKind } from '../model/types';

/** What a topology node stands for. */
export const TOPOLOGY_NODE_TYPES = [
  'loadBalancer',
  'gateway',
  'virtualService',
  'service',
  'destinationRule',
  'serviceEntry',
  'workload',
  'missing',
] as const;

/** One of the node types. */
export type TopologyNodeType = (typeof TOPOLOGY_NODE_TYPES)[number];

/** What every node has. */
export interface TopologyNodeBase {
  /** The ResourceKey; for a placeholder, `missing:<kind>/<reference>`. */
  readonly id: string;
  readonly type: TopologyNodeType;
  /** The resource kind (`Service`, `Gateway`, ...); `Missing` for placeholders. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** `<Kind> <namespace>/<name>`: the canvas's accessible name. */
  readonly label: string;
  /** Number of model diagnostics about this resource. */
  readonly diagnostics: number;
  /** True for what Sailplan assumes but the YAML does not hold (Istio's default ingress Service). */
  readonly implicit: boolean;
}

/** A Service port, drawn as a port of the Service node. */
export interface ServicePortPart {
  /** `${key}#port/<index>`. */
  readonly id: string;
  readonly index: number;
  readonly name?: string;
  readonly port?: number;
  readonly targetPort?: number | string;
  readonly nodePort?: number;
  readonly protocol: Protocol;
}

/** A LoadBalancer Service: where external traffic enters. */
export interface LoadBalancerNode extends TopologyNodeBase {
  readonly type: 'loadBalancer';
  readonly selector: Labels;
  readonly ports: readonly ServicePortPart[];
}

/** A Gateway server, drawn as a port of the Gateway node. */
export interface ServerPart {
  /** `${key}#server/<index>`. */
  readonly id: string;
  readonly index: number;
  readonly name?: string;
  /** `port.number` as written (route-level port semantics use it). */
  readonly port?: number;
  /** The pod port Envoy listens on after Service port translation (§1.3). */
  readonly listenerPort?: number;
  /** `port.protocol` as written. */
  readonly protocol?: string;
  readonly hosts: readonly string[];
  /** The effective TLS mode: `tls.mode`, PASSTHROUGH when `tls` has no mode; absent without `tls`. */
  readonly tlsMode?: ServerTLSMode;
  readonly httpsRedirect: boolean;
  /** Which VirtualService section routes this server's traffic. */
  readonly section: RouteSection;
}

/** An Istio Gateway with its servers. */
export interface GatewayNode extends TopologyNodeBase {
  readonly type: 'gateway';
  readonly selector: Labels;
  readonly servers: readonly ServerPart[];
}

/** What an http rule does. tcp and tls rules always `route`. */
export type RuleAction = 'route' | 'redirect' | 'directResponse' | 'delegate' | 'none';

/** A VirtualService rule, drawn as a part of the VirtualService node, in rule order. */
export interface RulePart {
  /** `${key}#http/<index>`, `${key}#tcp/<index>` or `${key}#tls/<index>`. */
  readonly id: string;
  readonly section: 'http' | 'tcp' | 'tls';
  readonly index: number;
  /** The rule's name, else `rule <index>` (`tcp rule 0`, `tls rule 0` for L4 rules). */
  readonly displayName: string;
  readonly action: RuleAction;
}

/** An Istio VirtualService with its rules. */
export interface VirtualServiceNode extends TopologyNodeBase {
  readonly type: 'virtualService';
  /** `spec.hosts` as written. */
  readonly hosts: readonly string[];
  /** `spec.gateways` as written (empty: mesh only). */
  readonly gateways: readonly string[];
  /** True when it has no hosts: a delegate. */
  readonly delegate: boolean;
  readonly rules: readonly RulePart[];
}

/** A Kubernetes Service that is not a LoadBalancer. */
export interface ServiceNode extends TopologyNodeBase {
  readonly type: 'service';
  readonly serviceType: ServiceType;
  /** `name.namespace.svc.cluster.local`. */
  readonly host: string;
  readonly selector: Labels;
  readonly ports: readonly ServicePortPart[];
}

/** A DestinationRule subset, drawn as a part of the DestinationRule node. */
export interface SubsetPart {
  /** `${key}#subset/<index>`. */
  readonly id: string;
  readonly index: number;
  readonly name?: string;
  readonly labels: Labels;
}

/** An Istio DestinationRule with its subsets. */
export interface DestinationRuleNode extends TopologyNodeBase {
  readonly type: 'destinationRule';
  /** `spec.host` as written, and resolved in the rule's namespace. */
  readonly host: string;
  readonly resolvedHost: string;
  readonly subsets: readonly SubsetPart[];
}

/** An Istio ServiceEntry. */
export interface ServiceEntryNode extends TopologyNodeBase {
  readonly type: 'serviceEntry';
  readonly hosts: readonly string[];
  readonly ports: readonly {
    readonly number?: number;
    readonly name?: string;
    readonly protocol?: string;
  }[];
  readonly location?: string;
  readonly resolution?: string;
}

/** A Deployment, StatefulSet or DaemonSet, standing in for its pods. */
export interface WorkloadNode extends TopologyNodeBase {
  readonly type: 'workload';
  readonly workloadKind: WorkloadKind;
  readonly podLabels: Labels;
  readonly replicas?: number;
}

/** A placeholder for something referenced but absent: a host, a Gateway, a delegate. */
export interface MissingNode extends TopologyNodeBase {
  readonly type: 'missing';
  readonly missingKind: 'host' | 'Gateway' | 'VirtualService';
  /** The reference as resolved (a host, or `namespace/name`). */
  readonly reference: string;
}

/** Any topology node. */
export type TopologyNode =
  | LoadBalancerNode
  | GatewayNode
  | VirtualServiceNode
  | ServiceNode
  | DestinationRuleNode
  | ServiceEntryNode
  | WorkloadNode
  | MissingNode;

/** What a topology edge stands for. */
export const TOPOLOGY_EDGE_TYPES = [
  'loadBalancer',
  'binding',
  'route',
  'mirror',
  'delegate',
  'selects',
  'destinationRule',
  'subset',
] as const;

/** One of the edge types. */
export type TopologyEdgeType = (typeof TOPOLOGY_EDGE_TYPES)[number];

/** What every edge has. */
export interface TopologyEdgeBase {
  /** Stable across versions while the ends and their positions stay: `<type>:<source>-><target>`. */
  readonly id: string;
  readonly type: TopologyEdgeType;
  readonly source: string;
  /** A part of the source node (a server, a rule, a subset), when the edge leaves from one. */
  readonly sourcePart?: string;
  readonly target: string;
  /** True when the reference does not work: its target is missing, or it does not bind. */
  readonly dangling: boolean;
  /** Why it is dangling, for the user. */
  readonly reason?: string;
}

/** LoadBalancer Service -> Gateway, with the LoadBalancer ports that reach its servers. */
export interface LoadBalancerEdge extends TopologyEdgeBase {
  readonly type: 'loadBalancer';
  readonly mappings: readonly LoadBalancerMapping[];
}

/** Gateway server -> VirtualService bound to it (or a dangling reference that does not bind). */
export interface BindingEdge extends TopologyEdgeBase {
  readonly type: 'binding';
  /** The common hosts when bound. */
  readonly hosts: readonly string[];
}

/** Rule -> destination Service or ServiceEntry (or a missing host). */
export interface RouteEdge extends TopologyEdgeBase {
  readonly type: 'route';
  readonly section: 'http' | 'tcp' | 'tls';
  readonly destinationIndex: number;
  /** The destination host, resolved. */
  readonly host: string;
  readonly subset?: string;
  /** `destination.port.number`, else the destination's only port. */
  readonly port?: number;
  /** `weight` as written. */
  readonly weight?: number;
  /** Share of the rule's traffic in percent (routing-semantics §2.8.1). */
  readonly percent: number;
}

/** Rule -> mirror destination. */
export interface MirrorEdge extends TopologyEdgeBase {
  readonly type: 'mirror';
  readonly host: string;
  readonly subset?: string;
  readonly port?: number;
  /** Share of requests mirrored, in percent (absent in the YAML means 100). */
  readonly percent: number;
}

/** Rule -> delegate VirtualService. */
export interface DelegateEdge extends TopologyEdgeBase {
  readonly type: 'delegate';
}

/** Service or ServiceEntry -> workload it selects. */
export interface SelectsEdge extends TopologyEdgeBase {
  readonly type: 'selects';
}

/** DestinationRule -> the Service or ServiceEntry its host names. */
export interface DestinationRuleEdge extends TopologyEdgeBase {
  readonly type: 'destinationRule';
  readonly host: string;
}

/** DestinationRule subset -> workload in it. */
export interface SubsetEdge extends TopologyEdgeBase {
  readonly type: 'subset';
  readonly subset?: string;
}

/** Any topology edge. */
export type TopologyEdge =
  | LoadBalancerEdge
  | BindingEdge
  | RouteEdge
  | MirrorEdge
  | DelegateEdge
  | SelectsEdge
  | DestinationRuleEdge
  | SubsetEdge;

/** A namespace and the nodes in it, for grouping. */
export interface TopologyNamespace {
  readonly name: string;
  readonly nodeIds: readonly string[];
}

/** The abstract topology of a model: no layout, no React Flow types. */
export interface Topology {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
  readonly byId: ReadonlyMap<string, TopologyNode>;
  /** Namespaces in name order. Placeholders for hosts outside any namespace are in none. */
  readonly namespaces: readonly TopologyNamespace[];
}
