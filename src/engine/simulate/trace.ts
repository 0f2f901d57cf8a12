import type { SourceRange } from '../diagnostics';
import type { RequestSource } from './request';

/** Envoy response flags the simulator reports: no route, no cluster, no healthy upstream, fault abort, fault delay. */
export type ResponseFlag = 'NR' | 'NC' | 'UH' | 'FI' | 'DI';

/** Every response flag, for validating route tests. */
export const RESPONSE_FLAGS: readonly ResponseFlag[] = ['NR', 'NC', 'UH', 'FI', 'DI'];

/** A destination cluster as route tests name it. */
export interface OutcomeDestination {
  /** Fully qualified host (`web.default.svc.cluster.local`, or a ServiceEntry host). */
  readonly host: string;
  /** The Service or ServiceEntry port of the cluster. */
  readonly port: number;
  /** `null` when the cluster has no subset. */
  readonly subset: string | null;
}

/** A destination with its share of the traffic, in percent. */
export interface WeightedOutcomeDestination extends OutcomeDestination {
  readonly weight: number;
}

/**
 * Where a request ends, with the key names of a route test's `expect`. Every key is present;
 * `null` means "none".
 *
 * Determinism: without a `draw` on the request, a fault counts only when its percentage is 100
 * (abort: `status` is its code and `flag` FI; delay: `flag` DI); a smaller percentage is reported
 * in the trace with its probability and the outcome is the un-faulted one. A weighted split lists
 * every destination in `destinations` with its share, and `destination` is `null`; `status` and
 * `flag` are then set only when every destination of the split ends the same way. With a `draw`,
 * the faults and the split are drawn and the outcome is that one sampled request.
 */
export interface Outcome {
  /** The Gateway (`namespace/name`) whose server accepted the request. */
  readonly gateway: string | null;
  /** The VirtualService (`namespace/name`) holding the rule that decided. */
  readonly virtualService: string | null;
  /** Index of that rule in the VirtualService's `http` (or `tcp` / `tls`) list. */
  readonly route: number | null;
  /** The single destination, when the route sends all traffic to one cluster. */
  readonly destination: OutcomeDestination | null;
  /** Every destination of the route with its share; one entry at 100 for a single destination. */
  readonly destinations: readonly WeightedOutcomeDestination[] | null;
  readonly redirect: { readonly status: number; readonly location: string } | null;
  readonly directResponse: { readonly status: number; readonly body: string } | null;
  /** The status the mesh itself answers with; `null` when the request reaches a workload. */
  readonly status: number | null;
  readonly flag: ResponseFlag | null;
  /** Path and query the destination receives, after rewrites (set when a route forwards). */
  readonly path: string | null;
  /** Host the destination receives, after rewrites (set when a route forwards). */
  readonly authority: string | null;
}

/** What a step is about. */
export type TraceStepKind =
  | 'request'
  | 'loadBalancer'
  | 'gatewayPod'
  | 'gateway'
  | 'listener'
  | 'server'
  | 'routeTable'
  /**
   * The virtual host Envoy chose by Host. Its vhost domain comes from a Gateway server's `hosts`
   * intersected with a VirtualService's `hosts`; the step is about the server side: its node is the
   * first server whose hosts made the vhost and its source is that server's host entry the domain
   * falls under. The VirtualService side is the `virtualService` steps that follow, each pointing at
   * its own `hosts`. So a click selects and reveals the same thing: the server host that let the
   * request in.
   */
  | 'virtualHost'
  | 'virtualService'
  | 'delegate'
  | 'rule'
  | 'redirect'
  | 'directResponse'
  | 'fault'
  | 'rewrite'
  | 'headers'
  | 'mirror'
  | 'cors'
  | 'destination'
  | 'cluster'
  | 'subset'
  | 'workloads'
  | 'sidecar'
  | 'warning';

/**
 * `matched`: this step was taken; `failed`: tried and did not apply; `skipped`: left out before the
 * request (config time); `info`: a fact; `unreached`: where the request would have gone next, had
 * it not ended at an earlier step (a fault's abort answers before the router forwards anything).
 * Unreached steps carry no response flag and their nodes are not on the path (`Trace.nodes`).
 */
export type TraceStepStatus = 'matched' | 'failed' | 'skipped' | 'info' | 'unreached';

/** The request-time fields of an http match entry a condition can be about. */
export type MatchConditionField =
  | 'uri'
  | 'scheme'
  | 'method'
  | 'authority'
  | 'header'
  | 'withoutHeader'
  | 'queryParam'
  | 'jwtClaim';

/** What a condition asks for, as written: `exact`, `prefix` or `regex` with its value, or `present`. */
export interface WantedValue {
  readonly operator: 'exact' | 'prefix' | 'regex' | 'present';
  /** The value compared with; absent for `present`. */
  readonly value?: string;
  /** Exact and prefix compare without case (`ignoreUriCase`). */
  readonly ignoreCase?: boolean;
}

/** The condition of a match entry that failed first, in the order Envoy checks them, as data. */
export interface FailedCondition {
  readonly field: MatchConditionField;
  /** The header, query parameter or JWT claim name, for those fields. */
  readonly name?: string;
  /** What the condition wants; for `withoutHeader`, what the header must not be. */
  readonly wanted: WantedValue;
  /** The request's value; `null` when it has none. */
  readonly got: string | null;
}

/** One step of a trace. */
export interface TraceStep {
  readonly kind: TraceStepKind;
  readonly status: TraceStepStatus;
  /** What the step is, in a few words (`Gateway server istio-system/public[0] HTTP 80`). */
  readonly title: string;
  /** Why it matched or not, in plain words. */
  readonly reason: string;
  /** Canvas node: a ResourceKey, or `${key}#http/N`, `${key}#server/N` for parts. */
  readonly node?: string;
  /** The YAML that decided it. */
  readonly source?: SourceRange;
  /** Envoy's response flag when this step ends the request with one. */
  readonly flag?: ResponseFlag;
  /** A destination's share of a split, in percent. */
  readonly share?: number;
  /** A fault's or a mirror's probability, in percent. */
  readonly probability?: number;
  /** The Envoy cluster, `outbound|port|subset|host`. */
  readonly cluster?: string;
  /** Before and after a rewrite. */
  readonly before?: string;
  readonly after?: string;
  /** Endpoints (`workload-name (labels) :port` or addresses). */
  readonly workloads?: readonly string[];
  /** A rule that failed at request time: the condition that failed first. */
  readonly condition?: FailedCondition;
  /** A rule that failed at request time: how many conditions of its match entry held, of all. */
  readonly conditions?: { readonly held: number; readonly total: number };
}

/**
 * How the request ends: an answer from the mesh (`response`), delivered to a workload
 * (`upstream`), a refused TCP connection, a TLS connection closed without a matching filter chain,
 * or a design that cannot say (`unanswerable`, e.g. no LoadBalancer Service).
 */
export type TraceEnding = 'response' | 'upstream' | 'refused' | 'closed' | 'unanswerable';

/** The rule that decided, for route tests that name it. */
export interface DecidingRule {
  /** `namespace/name` of the VirtualService holding the rule. */
  readonly virtualService: string;
  readonly section: 'http' | 'tcp' | 'tls';
  readonly index: number;
  /** The rule's own `name`, if any. */
  readonly name: string | null;
  /** Envoy's route name (`<root>-<delegate>` for delegated rules). */
  readonly routeName: string | null;
}

/** The result of `simulate`: each step with its reason, and the outcome. */
export interface Trace {
  readonly request: {
    readonly method: string;
    readonly url: string;
    /** Where the request comes from, in words: `ingress`, or `shop (app=web)`. */
    readonly from: string;
    /** The same as data, in the route-test file's form: `ingress` or `{namespace, labels}`. */
    readonly source: RequestSource;
    /** The headers sent, as the proxy sees them: names in lower case, repeats joined with commas. */
    readonly headers: readonly (readonly [string, string])[];
    readonly port: number | null;
    readonly authority: string | null;
    readonly sni: string | null;
  };
  readonly steps: readonly TraceStep[];
  readonly outcome: Outcome;
  readonly ending: TraceEnding;
  /** One sentence saying how the request ends. */
  readonly summary: string;
  readonly rule: DecidingRule | null;
  /** Canvas nodes along the path, in order, without repeats. */
  readonly nodes: readonly string[];
}

/** An outcome with nothing decided yet. */
export const EMPTY_OUTCOME: Outcome = {
  gateway: null,
  virtualService: null,
  route: null,
  destination: null,
  destinations: null,
  redirect: null,
  directResponse: null,
  status: null,
  flag: null,
  path: null,
  authority: null,
};
