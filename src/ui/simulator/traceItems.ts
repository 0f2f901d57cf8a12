import type { Trace, TraceStep } from '../../engine';
import { attemptCloseness } from '../../store';

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

function attemptOf(step: TraceStep, index: number): RuleAttempt {
  if (step.status !== 'failed') {
    return { index, step, status: 'skipped', likeness: 0, nearMiss: false };
  }
  const { likeness, nearMiss } = attemptCloseness(step);
  if (step.conditions === undefined) return { index, step, status: 'failed', likeness, nearMiss };
  const { held, total } = step.conditions;
  return { index, step, status: 'failed', held, conditions: total, likeness, nearMiss };
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
