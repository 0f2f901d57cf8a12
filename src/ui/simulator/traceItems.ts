import type { HTTPMatchRequest, Model, Trace, TraceStep } from '../../engine';
import { endingStepIndex } from '../../store';

/** A rule the request was tried against and did not take, ranked by how close it came. */
export interface RuleAttempt {
  /** Index of the step in the trace. */
  readonly index: number;
  readonly step: TraceStep;
  /** `failed`: its match did not hold; `skipped`: left out of the route table before any request. */
  readonly status: 'failed' | 'skipped';
  /** Conditions of the match entry that held before the one that failed, when known. */
  readonly held?: number;
  /** Conditions of the match entry, when known. */
  readonly conditions?: number;
  /** How close the failing value was to the wanted one, 0 to 1. */
  readonly likeness: number;
  /** True for the attempts that came closest: most conditions held, or a value nearly right. */
  readonly nearMiss: boolean;
}

/** One entry of the trace list: a step, or the rules tried before one matched (or none did). */
export type TraceItem =
  | {
      readonly type: 'step';
      readonly index: number;
      readonly step: TraceStep;
      /** False for what the engine describes past the point where the request ended. */
      readonly reached: boolean;
    }
  | { readonly type: 'attempts'; readonly attempts: readonly RuleAttempt[] };

/** The condition kinds of a match entry, in the order Envoy (and the engine) checks them. */
function conditionsOf(match: HTTPMatchRequest): string[] {
  const names: string[] = [];
  const present = (value: unknown) => value !== undefined;
  if (present(match.uri)) names.push('uri');
  if (present(match.scheme)) names.push('scheme');
  if (present(match.method)) names.push('method');
  if (present(match.authority)) names.push('authority');
  for (const name of Object.keys(match.headers ?? {}).sort()) names.push(`header ${name}`);
  for (const name of Object.keys(match.withoutHeaders ?? {}).sort())
    names.push(`without header ${name}`);
  for (const name of Object.keys(match.queryParams ?? {}).sort()) names.push(`query ${name}`);
  return names;
}

/** The condition a failed attempt's reason names (`uri`, `header end-user`...). */
function failedCondition(reason: string): string | undefined {
  const head =
    /^(uri|scheme|method|authority|without header [^:]+|header [^:]+|query [^:]+)[ :(]/.exec(
      reason,
    );
  return head?.[1];
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

/** How alike the wanted and the received value of a reason are (`wanted exact "/a", got "/b"`). */
function likenessOf(reason: string): number {
  const values =
    /wanted (?:not )?(?:exact|prefix|regex) ("(?:[^"\\]|\\.)*").*?, got ("(?:[^"\\]|\\.)*")/.exec(
      reason,
    );
  if (values === null) return 0;
  try {
    const wanted = JSON.parse(values[1] ?? '""') as string;
    const got = JSON.parse(values[2] ?? '""') as string;
    // A prefix or an exact value: compare against as much of the received value.
    const compared = reason.includes('wanted prefix') ? got.slice(0, wanted.length) : got;
    const longest = Math.max(wanted.length, compared.length);
    return longest === 0 ? 1 : 1 - distance(wanted, compared) / longest;
  } catch {
    return 0;
  }
}

/** The match entry a rule step is about: `key#http/N` and `match[j]` in its title. */
function matchOf(model: Model, step: TraceStep, occurrence: number): HTTPMatchRequest | undefined {
  const node = step.node ?? '';
  const part = /^(.*)#http\/(\d+)$/.exec(node);
  if (part === null) return undefined;
  const resource = model.byKey.get(part[1] ?? '');
  if (resource?.kind !== 'VirtualService') return undefined;
  const rule = resource.spec.http?.[Number(part[2])];
  const matches = rule?.match ?? [];
  const written = /match\[(\d+)\]/.exec(step.title);
  // Sidecar traces name no match entry: the nth attempt at a rule is its nth entry.
  const index = written === null ? occurrence : Number(written[1]);
  return matches[index];
}

function attemptOf(model: Model, step: TraceStep, index: number, occurrence: number): RuleAttempt {
  if (step.status !== 'failed') {
    return { index, step, status: 'skipped', likeness: 0, nearMiss: false };
  }
  const likeness = likenessOf(step.reason);
  const match = matchOf(model, step, occurrence);
  const failed = failedCondition(step.reason);
  if (match === undefined || failed === undefined) {
    return { index, step, status: 'failed', likeness, nearMiss: likeness >= 0.6 };
  }
  const conditions = conditionsOf(match);
  const held = conditions.indexOf(failed);
  if (held < 0) return { index, step, status: 'failed', likeness, nearMiss: likeness >= 0.6 };
  return {
    index,
    step,
    status: 'failed',
    held,
    conditions: conditions.length,
    likeness,
    nearMiss: held > 0 || likeness >= 0.6,
  };
}

function closeness(attempt: RuleAttempt): number {
  const share =
    attempt.held === undefined || attempt.conditions === undefined || attempt.conditions === 0
      ? 0
      : attempt.held / attempt.conditions;
  return share * 2 + attempt.likeness;
}

/** Near misses first, then the other failed attempts, then the rules left out; each in trace order. */
function rank(attempts: readonly RuleAttempt[]): RuleAttempt[] {
  return [...attempts].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'failed' ? -1 : 1;
    if (a.nearMiss !== b.nearMiss) return a.nearMiss ? -1 : 1;
    return closeness(b) - closeness(a) || a.index - b.index;
  });
}

function isAttempt(step: TraceStep): boolean {
  return (
    step.kind === 'rule' &&
    step.status !== 'matched' &&
    /#(http|tcp|tls)\/\d+$/.test(step.node ?? '')
  );
}

/**
 * The trace as the panel lists it: the steps in order, with each run of rules tried in vain (and
 * rules left out) gathered in one item, near misses first; steps past the point where the request
 * ended (the engine goes on after a fault's abort) are marked as not reached.
 */
export function traceItems(trace: Trace, model: Model): TraceItem[] {
  const items: TraceItem[] = [];
  const ending = endingStepIndex(trace);
  let run: RuleAttempt[] = [];
  const seen = new Map<string, number>();
  const flush = () => {
    if (run.length > 0) items.push({ type: 'attempts', attempts: rank(run) });
    run = [];
  };
  trace.steps.forEach((step, index) => {
    if (isAttempt(step)) {
      const key = `${step.node ?? ''}|${step.status}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      run.push(attemptOf(model, step, index, occurrence));
      return;
    }
    flush();
    items.push({ type: 'step', index, step, reached: ending === -1 || index <= ending });
  });
  flush();
  return items;
}
