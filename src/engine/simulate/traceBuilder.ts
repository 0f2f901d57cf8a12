import type { SourceRange } from '../diagnostics';
import type { Design, Model, YamlPath } from '../model';
import { locate } from '../model';
import type { ClusterResolution } from './destinations';
import type {
  DecidingRule,
  Outcome,
  OutcomeDestination,
  ResponseFlag,
  Trace,
  TraceEnding,
  TraceStep,
  TraceStepKind,
  TraceStepStatus,
  WeightedOutcomeDestination,
} from './trace';
import { EMPTY_OUTCOME } from './trace';

/** Finds the source range of a path inside a resource (or a part id such as `key#http/0`). */
export type Locator = (key: string, path: YamlPath) => SourceRange | undefined;

/** A trie over YAML paths: building a string key per lookup costs more than locating itself. */
interface LocationNode {
  located: boolean;
  range: SourceRange | undefined;
  readonly children: Map<string | number, LocationNode>;
}

const locatorCaches = new WeakMap<Design, Map<string, LocationNode>>();

function newNode(): LocationNode {
  return { located: false, range: undefined, children: new Map() };
}

/** A memoised locator over a design; none (always undefined) for a bare model. */
export function locatorFor(subject: Model | Design): Locator {
  if (!('files' in subject)) return () => undefined;
  const design = subject;
  let cache = locatorCaches.get(design);
  if (cache === undefined) {
    cache = new Map();
    locatorCaches.set(design, cache);
  }
  const roots = cache;
  return (key, path) => {
    let node = roots.get(key);
    if (node === undefined) {
      node = newNode();
      roots.set(key, node);
    }
    for (const segment of path) {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = newNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    if (!node.located) {
      node.range = locate(design, key, path, { target: 'head' });
      node.located = true;
    }
    return node.range;
  };
}

/**
 * Optional parts of a step: those of TraceStep, with the YAML given as a resource key and path to
 * locate (the builder turns it into the step's source range).
 */
export type StepDetails = Omit<TraceStep, 'kind' | 'status' | 'title' | 'reason' | 'source'> & {
  readonly at?: { readonly key: string; readonly path: YamlPath };
};

/** A step recorded once and replayed into many traces (the parts that do not depend on the request). */
export interface RecordedStep {
  readonly kind: TraceStepKind;
  readonly status: TraceStepStatus;
  readonly title: string;
  readonly reason: string;
  readonly details?: StepDetails;
}

/** Records steps for replay. */
export class StepRecorder {
  readonly steps: RecordedStep[] = [];

  /** Records a step with the arguments of `TraceBuilder.step`. */
  step(
    kind: TraceStepKind,
    status: TraceStepStatus,
    title: string,
    reason: string,
    details?: StepDetails,
  ): void {
    this.steps.push(
      details === undefined
        ? { kind, status, title, reason }
        : { kind, status, title, reason, details },
    );
  }
}

/** Collects a trace's steps, the nodes along the path and the outcome. */
export class TraceBuilder {
  readonly steps: TraceStep[] = [];
  private readonly nodeSet = new Set<string>();
  private readonly nodeList: string[] = [];
  outcome: { -readonly [K in keyof Outcome]: Outcome[K] } = { ...EMPTY_OUTCOME };
  rule: DecidingRule | null = null;
  ending: TraceEnding = 'unanswerable';
  summary = '';
  private readonly locator: Locator;

  constructor(locator: Locator) {
    this.locator = locator;
  }

  /** Adds a step; a matched step's node joins the path; an unreached step ends nothing (no flag). */
  step(
    kind: TraceStepKind,
    status: TraceStepStatus,
    title: string,
    reason: string,
    details: StepDetails = {},
  ): void {
    const source =
      details.at === undefined ? undefined : this.locator(details.at.key, details.at.path);
    const step: { -readonly [K in keyof TraceStep]: TraceStep[K] } = {
      kind,
      status,
      title,
      reason,
    };
    if (details.node !== undefined) step.node = details.node;
    if (source !== undefined) step.source = source;
    if (details.flag !== undefined && status !== 'unreached') step.flag = details.flag;
    if (details.share !== undefined) step.share = details.share;
    if (details.probability !== undefined) step.probability = details.probability;
    if (details.cluster !== undefined) step.cluster = details.cluster;
    if (details.before !== undefined) step.before = details.before;
    if (details.after !== undefined) step.after = details.after;
    if (details.workloads !== undefined) step.workloads = details.workloads;
    if (details.condition !== undefined) step.condition = details.condition;
    if (details.conditions !== undefined) step.conditions = details.conditions;
    this.steps.push(step);
    if (details.node !== undefined && status === 'matched') this.visit(details.node);
  }

  /** Adds recorded steps, in order. */
  replay(steps: readonly RecordedStep[]): void {
    for (const recorded of steps)
      this.step(recorded.kind, recorded.status, recorded.title, recorded.reason, recorded.details);
  }

  /** Marks a node as on the request's path. */
  visit(node: string): void {
    if (this.nodeSet.has(node)) return;
    this.nodeSet.add(node);
    this.nodeList.push(node);
  }

  /** Ends the request with a status from the mesh itself. */
  respond(status: number, flag: ResponseFlag | null, summary: string): void {
    this.outcome.status = status;
    this.outcome.flag = flag;
    this.ending = 'response';
    this.summary = summary;
  }

  /** Ends the request before any HTTP: refused, closed, or unanswerable. */
  stop(ending: 'refused' | 'closed' | 'unanswerable', summary: string): void {
    this.ending = ending;
    this.summary = summary;
  }

  /** Sets the destinations of the deciding route. */
  setDestinations(
    destinations: readonly WeightedOutcomeDestination[],
    single: OutcomeDestination | null,
  ): void {
    this.outcome.destinations = destinations;
    this.outcome.destination = single;
  }

  /**
   * Sets the outcome's destinations from resolved clusters: every share with its percent, and the
   * one that takes the request (none while a split is left undrawn).
   */
  recordDestinations(
    shares: readonly { readonly cluster: ClusterResolution; readonly percent: number }[],
    chosen: ClusterResolution | undefined,
  ): void {
    this.setDestinations(
      shares.map(({ cluster, percent }) => ({
        host: cluster.host,
        port: cluster.port,
        subset: cluster.subset,
        weight: percent,
      })),
      chosen === undefined ? null : { host: chosen.host, port: chosen.port, subset: chosen.subset },
    );
  }

  /** The finished trace. */
  build(request: Trace['request']): Trace {
    return {
      request,
      steps: this.steps,
      outcome: { ...this.outcome },
      ending: this.ending,
      summary: this.summary,
      rule: this.rule,
      nodes: this.nodeList,
    };
  }
}
