import type { Diagnostic } from '../diagnostics';
import type {
  DestinationRuleSpec,
  GatewaySpec,
  Labels,
  ServiceEntrySpec,
  ServiceSpec,
  VirtualServiceSpec,
  WorkloadSpec,
} from './istio';

/** The kinds Sailplan models. Other kinds are kept in the text and listed as not modelled. */
export const MODELLED_KINDS = [
  'Service',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Gateway',
  'VirtualService',
  'DestinationRule',
  'ServiceEntry',
] as const;

/** One of the modelled kinds. */
export type ResourceKind = (typeof MODELLED_KINDS)[number];

/** Workload kinds: their pod template labels stand in for pods. */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

/**
 * A resource's stable identity, `kind/namespace/name` (e.g. `Gateway/istio-system/default-gateway`).
 * View state (positions, selection) is keyed by it.
 */
export type ResourceKey = string;

/** A path inside a YAML document, as the `yaml` package's `getIn` takes it. */
export type YamlPath = readonly (string | number)[];

/** Where a resource's text is: a file, a document in it, and a path inside that document. */
export interface ResourceOrigin {
  /** The file name (`design.yaml` for the editor's buffer). */
  readonly file: string;
  /** Zero-based index of the YAML document within the file. */
  readonly documentIndex: number;
  /** Path of the resource inside the document: `[]`, or `['items', i]` inside a `kind: List`. */
  readonly path: YamlPath;
}

/** What every modelled resource has. */
export interface ResourceBase<K extends ResourceKind, S> {
  readonly kind: K;
  readonly apiVersion: string;
  readonly key: ResourceKey;
  readonly name: string;
  /** `metadata.namespace`, or `default` when absent. */
  readonly namespace: string;
  /** True when `metadata.namespace` was written. */
  readonly namespaceWritten: boolean;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly creationTimestamp?: string;
  /**
   * Position in creation order across the whole model (0 = oldest): creationTimestamp ascending
   * (ties by name, then namespace), then resources without one in document order.
   */
  readonly creationRank: number;
  readonly origin: ResourceOrigin;
  readonly spec: S;
}

/** A Kubernetes Service (any type). */
export type ServiceResource = ResourceBase<'Service', ServiceSpec>;
/** A Deployment, StatefulSet or DaemonSet. */
export type WorkloadResource = ResourceBase<WorkloadKind, WorkloadSpec>;
/** An Istio Gateway. */
export type GatewayResource = ResourceBase<'Gateway', GatewaySpec>;
/** An Istio VirtualService. */
export type VirtualServiceResource = ResourceBase<'VirtualService', VirtualServiceSpec>;
/** An Istio DestinationRule. */
export type DestinationRuleResource = ResourceBase<'DestinationRule', DestinationRuleSpec>;
/** An Istio ServiceEntry. */
export type ServiceEntryResource = ResourceBase<'ServiceEntry', ServiceEntrySpec>;

/** Any modelled resource. */
export type Resource =
  | ServiceResource
  | WorkloadResource
  | GatewayResource
  | VirtualServiceResource
  | DestinationRuleResource
  | ServiceEntryResource;

/** A resource of a kind Sailplan does not model: listed, never dropped from the text. */
export interface UnmodelledResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly origin: ResourceOrigin;
}

/** The model derived from a set of source files. Immutable; derive a new one per text version. */
export interface Model {
  /** Every modelled resource, in file and document order. */
  readonly resources: readonly Resource[];
  readonly byKey: ReadonlyMap<ResourceKey, Resource>;
  /** Each collection is in creation order (oldest first). */
  readonly services: readonly ServiceResource[];
  readonly workloads: readonly WorkloadResource[];
  readonly gateways: readonly GatewayResource[];
  readonly virtualServices: readonly VirtualServiceResource[];
  readonly destinationRules: readonly DestinationRuleResource[];
  readonly serviceEntries: readonly ServiceEntryResource[];
  readonly unmodelled: readonly UnmodelledResource[];
  /** Parse and model diagnostics (syntax errors, unknown kinds, bad shapes, duplicates). */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The cluster domain Service hosts are named in (`name.namespace.svc.<clusterDomain>`):
   * `cluster.local`, or the `spec.values.global.proxy.clusterDomain` of the design's first
   * IstioOperator that sets one. Absent means `cluster.local` (a model put together elsewhere, such
   * as the derive worker's, may leave it out); the resolve functions take it as it is.
   */
  readonly clusterDomain?: string;
}
