import type { FailedCondition, Trace, TraceStep } from '../../engine';

/** A rule the request was tried against and did not take, ranked by how close it came. */
export interface RuleAttempt {
  /** Index of the step in the trace. */
  readonly index: number;
  readonly step: TraceStep;
  /** `failed`: its match did not hold; `skipped`: left out of the route table before any request. */
  readonly status: 'failed' | 'skipped';
  /** Conditions of the match entry that held (the engine checks them all), when known. */
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
      /** False for the steps the engine marks unreached (where the request would have gone). */
      readonly reached: boolean;
    }
  | { readonly type: 'attempts'; readonly attempts: readonly RuleAttempt[] };

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

function attemptOf(step: TraceStep, index: number): RuleAttempt {
  if (step.status !== 'failed') {
    return { index, step, status: 'skipped', likeness: 0, nearMiss: false };
  }
  const likeness = likenessOf(step.condition);
  if (step.conditions === undefined) {
    return { index, step, status: 'failed', likeness, nearMiss: likeness >= 0.6 };
  }
  const { held, total } = step.conditions;
  return {
    index,
    step,
    status: 'failed',
    held,
    conditions: total,
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
 * rules left out) gathered in one item, near misses first; the steps the engine marks unreached
 * (past a fault's abort) stay listed as not reached.
 */
export function traceItems(trace: Trace): TraceItem[] {
  const items: TraceItem[] = [];
  let run: RuleAttempt[] = [];
  const flush = () => {
    if (run.length > 0) items.push({ type: 'attempts', attempts: rank(run) });
    run = [];
  };
  trace.steps.forEach((step, index) => {
    if (isAttempt(step)) {
      run.push(attemptOf(step, index));
      return;
    }
    flush();
    items.push({ type: 'step', index, step, reached: step.status !== 'unreached' });
  });
  flush();
  return items;
}
