/**
 * The Istio networking API (networking.istio.io v1alpha3, v1beta1 and v1 share one schema) and the
 * Kubernetes fields Sailplan reads, as the model exposes them after shape checks: every field is
 * optional as in the API, but a field that is present has the type written here (the model drops a
 * wrongly typed field with a diagnostic instead of passing it on). Names follow the YAML keys.
 */

/** A label map (`key: value`). */
export type Labels = Readonly<Record<string, string>>;

/** Istio's StringMatch: exactly one of exact, prefix or regex (RE2). */
export interface StringMatch {
  readonly exact?: string;
  readonly prefix?: string;
  readonly regex?: string;
}

/** `port: { number }` as used by destinations and mirrors. */
export interface PortSelector {
  readonly number?: number;
}

/** A VirtualService destination. `host` is as written; resolve it with `resolveHost`. */
export interface Destination {
  readonly host?: string;
  readonly subset?: string;
  readonly port?: PortSelector;
}

/** Request or response header operations. */
export interface HeaderOperations {
  readonly set?: Readonly<Record<string, string>>;
  readonly add?: Readonly<Record<string, string>>;
  readonly remove?: readonly string[];
}

/** `headers: { request, response }` on a rule or a destination. */
export interface Headers {
  readonly request?: HeaderOperations;
  readonly response?: HeaderOperations;
}

/** `{ value }` percentage (a double in [0, 100]). */
export interface Percent {
  readonly value?: number;
}

/** One `match` entry of an http rule: all its conditions must hold. */
export interface HTTPMatchRequest {
  readonly name?: string;
  readonly uri?: StringMatch;
  readonly scheme?: StringMatch;
  readonly method?: StringMatch;
  readonly authority?: StringMatch;
  readonly headers?: Readonly<Record<string, StringMatch>>;
  readonly withoutHeaders?: Readonly<Record<string, StringMatch>>;
  readonly queryParams?: Readonly<Record<string, StringMatch>>;
  readonly port?: number;
  readonly sourceLabels?: Labels;
  readonly sourceNamespace?: string;
  readonly gateways?: readonly string[];
  readonly ignoreUriCase?: boolean;
  readonly statPrefix?: string;
}

/** A weighted destination of an http rule. */
export interface HTTPRouteDestination {
  readonly destination?: Destination;
  readonly weight?: number;
  readonly headers?: Headers;
}

/** `redirect` of an http rule. */
export interface HTTPRedirect {
  readonly uri?: string;
  readonly prefixRewrite?: string;
  readonly authority?: string;
  readonly port?: number;
  readonly derivePort?: 'FROM_PROTOCOL_DEFAULT' | 'FROM_REQUEST_PORT';
  readonly scheme?: string;
  readonly redirectCode?: number;
}

/** `directResponse` of an http rule. */
export interface HTTPDirectResponse {
  readonly status?: number;
  readonly body?: { readonly string?: string; readonly bytes?: string };
}

/** `rewrite` of an http rule. */
export interface HTTPRewrite {
  readonly uri?: string;
  readonly authority?: string;
  readonly uriRegexRewrite?: { readonly match?: string; readonly rewrite?: string };
}

/** `fault` of an http rule. */
export interface HTTPFaultInjection {
  readonly delay?: {
    readonly fixedDelay?: string;
    readonly exponentialDelay?: string;
    readonly percentage?: Percent;
    /** Deprecated integer percentage. */
    readonly percent?: number;
  };
  readonly abort?: {
    readonly httpStatus?: number;
    readonly grpcStatus?: string;
    readonly http2Error?: string;
    readonly percentage?: Percent;
  };
}

/** `retries` of an http rule. */
export interface HTTPRetry {
  readonly attempts?: number;
  readonly perTryTimeout?: string;
  readonly retryOn?: string;
  readonly retryRemoteLocalities?: boolean;
  readonly retryIgnorePreviousHosts?: boolean;
  readonly backoff?: string;
}

/** `corsPolicy` of an http rule. */
export interface CorsPolicy {
  readonly allowOrigins?: readonly StringMatch[];
  /** Deprecated list of exact origins. */
  readonly allowOrigin?: readonly string[];
  readonly allowMethods?: readonly string[];
  readonly allowHeaders?: readonly string[];
  readonly exposeHeaders?: readonly string[];
  readonly maxAge?: string;
  readonly allowCredentials?: boolean;
  readonly unmatchedPreflights?: 'UNSPECIFIED' | 'FORWARD' | 'IGNORE';
}

/** One entry of `mirrors`. */
export interface HTTPMirrorPolicy {
  readonly destination?: Destination;
  readonly percentage?: Percent;
}

/** One http rule of a VirtualService. */
export interface HTTPRoute {
  readonly name?: string;
  readonly match?: readonly HTTPMatchRequest[];
  readonly route?: readonly HTTPRouteDestination[];
  readonly redirect?: HTTPRedirect;
  readonly directResponse?: HTTPDirectResponse;
  readonly delegate?: { readonly name?: string; readonly namespace?: string };
  readonly rewrite?: HTTPRewrite;
  readonly timeout?: string;
  readonly retries?: HTTPRetry;
  readonly fault?: HTTPFaultInjection;
  readonly mirror?: Destination;
  readonly mirrors?: readonly HTTPMirrorPolicy[];
  readonly mirrorPercentage?: Percent;
  /** Deprecated integer mirror percentage. */
  readonly mirrorPercent?: number;
  readonly corsPolicy?: CorsPolicy;
  readonly headers?: Headers;
}

/** A weighted destination of a tcp or tls rule. */
export interface RouteDestination {
  readonly destination?: Destination;
  readonly weight?: number;
}

/** One `match` entry of a tcp rule. */
export interface L4MatchAttributes {
  readonly destinationSubnets?: readonly string[];
  readonly port?: number;
  readonly sourceLabels?: Labels;
  readonly sourceNamespace?: string;
  readonly gateways?: readonly string[];
}

/** One `match` entry of a tls rule. */
export interface TLSMatchAttributes extends L4MatchAttributes {
  readonly sniHosts?: readonly string[];
}

/** One tcp rule. */
export interface TCPRoute {
  readonly match?: readonly L4MatchAttributes[];
  readonly route?: readonly RouteDestination[];
}

/** One tls rule. */
export interface TLSRoute {
  readonly match?: readonly TLSMatchAttributes[];
  readonly route?: readonly RouteDestination[];
}

/** VirtualService `spec`. */
export interface VirtualServiceSpec {
  readonly hosts?: readonly string[];
  readonly gateways?: readonly string[];
  readonly http?: readonly HTTPRoute[];
  readonly tcp?: readonly TCPRoute[];
  readonly tls?: readonly TLSRoute[];
  readonly exportTo?: readonly string[];
}

/** Server-side TLS modes of a Gateway server. */
export type ServerTLSMode =
  'PASSTHROUGH' | 'SIMPLE' | 'MUTUAL' | 'AUTO_PASSTHROUGH' | 'ISTIO_MUTUAL' | 'OPTIONAL_MUTUAL';

/** A Gateway server's `tls`. */
export interface ServerTLSSettings {
  readonly httpsRedirect?: boolean;
  /** Absent means PASSTHROUGH (enum value 0): see routing-semantics §1.2. */
  readonly mode?: ServerTLSMode;
  readonly credentialName?: string;
  readonly credentialNames?: readonly string[];
  readonly serverCertificate?: string;
  readonly privateKey?: string;
  readonly caCertificates?: string;
  readonly caCrl?: string;
  readonly tlsCertificates?: readonly {
    readonly serverCertificate?: string;
    readonly privateKey?: string;
    readonly caCertificates?: string;
  }[];
  readonly subjectAltNames?: readonly string[];
  readonly verifyCertificateSpki?: readonly string[];
  readonly verifyCertificateHash?: readonly string[];
  readonly minProtocolVersion?: string;
  readonly maxProtocolVersion?: string;
  readonly cipherSuites?: readonly string[];
}

/** A Gateway server's `port`. */
export interface ServerPort {
  readonly number?: number;
  readonly name?: string;
  /** As written; compare case-insensitively. */
  readonly protocol?: string;
  readonly targetPort?: number;
}

/** One Gateway server. */
export interface Server {
  readonly port?: ServerPort;
  readonly hosts?: readonly string[];
  readonly tls?: ServerTLSSettings;
  readonly bind?: string;
  readonly name?: string;
  readonly defaultEndpoint?: string;
}

/** Gateway `spec`. */
export interface GatewaySpec {
  readonly selector?: Labels;
  readonly servers?: readonly Server[];
}

/** DestinationRule traffic policy: kept loosely typed, shown and validated, not routed on. */
export interface TrafficPolicy {
  readonly loadBalancer?: Readonly<Record<string, unknown>>;
  readonly connectionPool?: Readonly<Record<string, unknown>>;
  readonly outlierDetection?: Readonly<Record<string, unknown>>;
  readonly tls?: {
    readonly mode?: 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';
    readonly clientCertificate?: string;
    readonly privateKey?: string;
    readonly caCertificates?: string;
    readonly credentialName?: string;
    readonly subjectAltNames?: readonly string[];
    readonly sni?: string;
    readonly insecureSkipVerify?: boolean;
    readonly caCrl?: string;
  };
  readonly portLevelSettings?: readonly (Omit<TrafficPolicy, 'portLevelSettings'> & {
    readonly port?: PortSelector;
  })[];
  readonly [field: string]: unknown;
}

/** One DestinationRule subset. */
export interface Subset {
  readonly name?: string;
  readonly labels?: Labels;
  readonly trafficPolicy?: TrafficPolicy;
}

/** DestinationRule `spec`. */
export interface DestinationRuleSpec {
  readonly host?: string;
  readonly trafficPolicy?: TrafficPolicy;
  readonly subsets?: readonly Subset[];
  readonly exportTo?: readonly string[];
  readonly workloadSelector?: { readonly matchLabels?: Labels };
}

/** One ServiceEntry port. */
export interface ServiceEntryPort {
  readonly number?: number;
  readonly protocol?: string;
  readonly name?: string;
  readonly targetPort?: number;
}

/** One ServiceEntry endpoint (a WorkloadEntry spec). */
export interface WorkloadEntry {
  readonly address?: string;
  readonly ports?: Readonly<Record<string, number>>;
  readonly labels?: Labels;
  readonly network?: string;
  readonly locality?: string;
  readonly weight?: number;
  readonly serviceAccount?: string;
}

/** ServiceEntry `spec`. */
export interface ServiceEntrySpec {
  readonly hosts?: readonly string[];
  readonly addresses?: readonly string[];
  readonly ports?: readonly ServiceEntryPort[];
  readonly location?: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  readonly resolution?: 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN' | 'DYNAMIC_DNS';
  readonly endpoints?: readonly WorkloadEntry[];
  readonly workloadSelector?: { readonly labels?: Labels };
  readonly exportTo?: readonly string[];
  readonly subjectAltNames?: readonly string[];
}

/** A Kubernetes Service port. `targetPort` may be a number or a named container port. */
export interface ServicePort {
  readonly name?: string;
  readonly port?: number;
  readonly targetPort?: number | string;
  readonly protocol?: string;
  readonly appProtocol?: string;
  readonly nodePort?: number;
}

/** Kubernetes Service types. */
export type ServiceType = 'ClusterIP' | 'LoadBalancer' | 'NodePort' | 'ExternalName';

/** Kubernetes Service `spec`. */
export interface ServiceSpec {
  /** Absent in the YAML means ClusterIP; the model fills it in. */
  readonly type: ServiceType;
  readonly selector?: Labels;
  readonly ports?: readonly ServicePort[];
  readonly externalName?: string;
}

/** A workload's pod template, the part Sailplan reads. */
export interface WorkloadSpec {
  readonly replicas?: number;
  readonly selector?: { readonly matchLabels?: Labels };
  /** `spec.template.metadata.labels`. */
  readonly podLabels: Labels;
  /** `spec.template.metadata.annotations`. */
  readonly podAnnotations: Labels;
  /** Container ports by name, from `spec.template.spec.containers[].ports[]`. */
  readonly containerPorts: readonly { readonly name?: string; readonly containerPort?: number }[];
  /** Container names, to tell whether an `istio-proxy` is present. */
  readonly containerNames: readonly string[];
}
