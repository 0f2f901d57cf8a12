import {
  formatPercent,
  type FailedCondition,
  type OutcomeDestination,
  type Topology,
  type TopologyEdge,
  type Trace,
  type TraceStep,
} from '../engine';

/** How a request ended, for its colour: delivered to a workload, answered by the mesh, or failed. */
export type OutcomeTone = 'delivered' | 'answered' | 'failed';

/** The outcome of a trace in plain words, for the end of the path and the panel's headline. */
export interface OutcomeDescription {
  readonly tone: OutcomeTone;
  /** A few words: `404: no route (NR)`, `proxy.default.svc.cluster.local:80`. */
  readonly headline: string;
  /** A second line when there is more to say (the Location of a redirect, a split's shares). */
  readonly detail?: string;
}

/**
 * What the canvas highlights for a trace: the nodes, parts and edges the request goes through, in
 * the order it reaches them, the rules it tried in vain, and where (and how) it ends.
 */
export interface TraceHighlight {
  /** Resource node ids along the path, in order. */
  readonly nodes: readonly string[];
  /** Parts taken (a Gateway server, the rule that matched, a subset), in order. */
  readonly parts: readonly string[];
  /** Rules tried that did not match. */
  readonly missedParts: readonly string[];
  /** The rules among `missedParts` that came close (a near miss, as the Simulator lists it). */
  readonly nearMissParts: readonly string[];
  /** Edge ids along the path, in the order the request follows them. */
  readonly edges: readonly string[];
  /**
   * For each edge, the index in `nodes` of the stop the request reaches through it (the later of
   * its two ends), so that the canvas can play the path stop by stop.
   */
  readonly edgeArrivals: readonly number[];
  /** The node the request ends at, where the outcome is shown. */
  readonly end: string | null;
  readonly outcome: OutcomeDescription;
}

/** The resource id of a node or part id (`key#http/0` -> `key`). */
export function resourceOf(id: string): string {
  const hash = id.indexOf('#');
  return hash === -1 ? id : id.slice(0, hash);
}

function hostAndPort(destination: OutcomeDestination): string {
  return `${destination.host}:${destination.port}`;
}

function withSubset(destination: OutcomeDestination): string {
  return destination.subset === null
    ? hostAndPort(destination)
    : `${hostAndPort(destination)}, subset ${destination.subset}`;
}

/**
 * Describes how a trace ends, in the words of the Simulator (issue 6). A sampled request (one with
 * a `draw`) says so after its headline: it is one request, not every outcome of the split.
 */
export function describeOutcome(trace: Trace, draw?: number): OutcomeDescription {
  const described = describeAllOutcomes(trace);
  return draw === undefined
    ? described
    : { ...described, headline: `${described.headline} (sampled)` };
}

function describeAllOutcomes(trace: Trace): OutcomeDescription {
  const { outcome, ending } = trace;
  if (outcome.redirect !== null) {
    return {
      tone: 'answered',
      headline: `${outcome.redirect.status} redirect`,
      detail: `Location: ${outcome.redirect.location}`,
    };
  }
  if (outcome.directResponse !== null) {
    const body = outcome.directResponse.body;
    return {
      tone: 'answered',
      headline: `${outcome.directResponse.status}: direct response`,
      ...(body === ''
        ? {}
        : { detail: `Body: ${body.length > 80 ? `${body.slice(0, 80)}…` : body}` }),
    };
  }
  switch (outcome.flag) {
    case 'NR':
      return { tone: 'failed', headline: `${outcome.status ?? 404}: no route (NR)` };
    case 'NC': {
      const subset = outcome.destination?.subset ?? null;
      return subset === null
        ? { tone: 'failed', headline: `${outcome.status ?? 503}: no cluster (NC)` }
        : {
            tone: 'failed',
            headline: `${outcome.status ?? 503}: no such subset (NC)`,
            detail: `Subset ${subset} of ${outcome.destination?.host ?? 'the host'} is not defined`,
          };
    }
    case 'UH':
      return { tone: 'failed', headline: `${outcome.status ?? 503}: no healthy upstream (UH)` };
    case 'FI':
      return {
        tone: 'failed',
        headline: `${outcome.status ?? 503}: fault injected (FI)`,
        detail: 'The fault filter aborts the request; the upstream is never called',
      };
    case 'DI':
    case null:
      break;
    default: {
      const unreachable: never = outcome.flag;
      return unreachable;
    }
  }
  // A delay (DI) slows the request down but it still reaches its destination.
  const delayed = outcome.flag === 'DI' ? ' after an injected delay (DI)' : '';
  const split = outcome.destinations;
  if (ending === 'upstream' && outcome.destination !== null) {
    const headline = withSubset(outcome.destination);
    return delayed === ''
      ? { tone: 'delivered', headline }
      : { tone: 'delivered', headline, detail: `Delivered${delayed}` };
  }
  if (ending === 'upstream' && split !== null && split.length > 1) {
    return {
      tone: 'delivered',
      headline: `Split across ${split.length} destinations${delayed}`,
      detail: split
        .map(
          (destination) =>
            `${formatPercent(destination.weight)}% ${destination.subset === null ? hostAndPort(destination) : `subset ${destination.subset}`}`,
        )
        .join(' · '),
    };
  }
  if (outcome.status !== null) {
    const flag = outcome.flag === null ? '' : ` (${outcome.flag})`;
    return { tone: 'failed', headline: `${outcome.status}${flag}`, detail: trace.summary };
  }
  return { tone: ending === 'upstream' ? 'delivered' : 'failed', headline: trace.summary };
}

/** Edit distance, for short values (paths, header values). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * How alike the wanted and the received value of the condition that failed are, 0 to 1: a typo in
 * an exact value or a prefix nearly there. Regexes, presence and "must not" conditions have no
 * such closeness.
 */
function likenessOf(condition: FailedCondition | undefined): number {
  if (condition === undefined || condition.got === null) return 0;
  if (condition.field === 'withoutHeader' || condition.field === 'jwtClaim') return 0;
  const { operator, value, ignoreCase } = condition.wanted;
  if (value === undefined || (operator !== 'exact' && operator !== 'prefix')) return 0;
  const wanted = ignoreCase === true ? value.toLowerCase() : value;
  const got = ignoreCase === true ? condition.got.toLowerCase() : condition.got;
  // A prefix: compare against as much of the received value.
  const compared = operator === 'prefix' ? got.slice(0, wanted.length) : got;
  const longest = Math.max(wanted.length, compared.length);
  return longest === 0 ? 1 : 1 - distance(wanted, compared) / longest;
}

/**
 * How close a rule tried in vain (a failed `rule` step) came: the likeness of the value that
 * failed, and whether it is a near miss (some conditions of its match entry held, or the value
 * was nearly right). The Simulator's list and the canvas agree on it.
 */
export function attemptCloseness(step: TraceStep): {
  readonly likeness: number;
  readonly nearMiss: boolean;
} {
  const likeness = likenessOf(step.condition);
  const held = step.conditions?.held ?? 0;
  return { likeness, nearMiss: held > 0 || likeness >= 0.6 };
}

function isRulePart(id: string): boolean {
  return /#(http|tcp|tls)\/\d+$/.test(id);
}

function destinationsOf(trace: Trace): readonly OutcomeDestination[] {
  const { destination, destinations } = trace.outcome;
  if (destination !== null) return [destination];
  return destinations ?? [];
}

/** True when a route edge leads to one of the destinations the request takes. */
function takesRoute(
  edge: Extract<TopologyEdge, { type: 'route' }>,
  destinations: readonly OutcomeDestination[],
): boolean {
  return destinations.some(
    (destination) =>
      destination.host.toLowerCase() === edge.host.toLowerCase() &&
      destination.subset === (edge.subset ?? null),
  );
}

/**
 * The canvas highlight of a trace over the topology the canvas draws: the path's nodes and parts
 * in order, the subsets taken, the edges between consecutive stops (a route edge only towards a
 * destination taken; an edge leaving a part only from a part on the path), the rules that missed,
 * and where the path ends. With the request's `draw`, the trace is that one sampled request's (the
 * engine puts only the destination drawn on its path) and the outcome says it is a sample.
 */
export function traceHighlight(trace: Trace, topology: Topology, draw?: number): TraceHighlight {
  // The engine keeps what the request does not reach (past a fault's abort) off `trace.nodes`.
  const ids = trace.nodes;
  const nodes: string[] = [];
  const parts: string[] = [];
  for (const id of ids) {
    const resource = resourceOf(id);
    if (!nodes.includes(resource)) nodes.push(resource);
    if (id !== resource && !parts.includes(id)) parts.push(id);
  }
  // A destination described as unreached is where the request would have gone: none is taken.
  const destinations = trace.steps.some(
    (step) => step.kind === 'destination' && step.status === 'unreached',
  )
    ? []
    : destinationsOf(trace);
  // Subsets taken: the DestinationRules on the path hold them as parts.
  for (const id of nodes) {
    const node = topology.byId.get(id);
    if (node?.type !== 'destinationRule') continue;
    for (const subset of node.subsets) {
      const taken = destinations.some(
        (destination) =>
          destination.subset === subset.name &&
          destination.host.toLowerCase() === node.resolvedHost.toLowerCase(),
      );
      if (taken && !parts.includes(subset.id)) parts.push(subset.id);
    }
  }
  const order = new Map(nodes.map((id, index) => [id, index]));
  const partSet = new Set(parts);
  const onPath: { readonly id: string; readonly rank: number; readonly tie: number }[] = [];
  for (const edge of topology.edges) {
    const source = order.get(edge.source);
    const target = order.get(edge.target);
    if (source === undefined || target === undefined) continue;
    if (edge.sourcePart !== undefined && !partSet.has(edge.sourcePart)) continue;
    if (edge.type === 'route' && !takesRoute(edge, destinations)) continue;
    if (edge.type === 'mirror') continue;
    onPath.push({
      id: edge.id,
      rank: Math.max(source, target),
      tie: Math.min(source, target),
    });
  }
  onPath.sort((a, b) => a.rank - b.rank || a.tie - b.tie);
  const missedParts: string[] = [];
  for (const step of trace.steps) {
    if (step.kind !== 'rule' || step.status !== 'failed' || step.node === undefined) continue;
    if (!isRulePart(step.node) || partSet.has(step.node) || missedParts.includes(step.node)) {
      continue;
    }
    missedParts.push(step.node);
  }
  // A rule is a near miss when one of its match entries is.
  const nearMissParts = missedParts.filter((part) =>
    trace.steps.some(
      (step) =>
        step.kind === 'rule' &&
        step.status === 'failed' &&
        step.node === part &&
        attemptCloseness(step).nearMiss,
    ),
  );
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    parts,
    missedParts,
    nearMissParts,
    edges: onPath.map((edge) => edge.id),
    edgeArrivals: onPath.map((edge) => edge.rank),
    end: last === undefined ? null : last,
    outcome: describeOutcome(trace, draw),
  };
}
