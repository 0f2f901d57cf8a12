import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './types';

// The measuring primitives every benchmark module shares. The machines that run the benchmarks
// are shared with other jobs: wall time there swings twofold, CPU time (user + system) barely, so
// the engine's figures are CPU times, repeated, and reported as medians.

/** The median of `values` (the upper one of an even count); 0 for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The `rank`-th percentile of `values` by the nearest-rank method; 0 for none. */
export function percentile(values: readonly number[], rank: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1),
  );
  return sorted[index] ?? 0;
}

/** CPU time (user + system, all threads of the process) of one synchronous call, in ms. */
export function cpuTime(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** CPU time of one asynchronous call, in ms: nothing else may run in the process meanwhile. */
export async function cpuTimeAsync(work: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * CPU time of one call of work too short for the CPU clock, in ms: calls repeated until they add
 * up to `minMilliseconds`, divided by their count; the median of `runs` such batches after one
 * warm-up call.
 */
export function cpuTimePerCall(
  work: () => unknown,
  { minMilliseconds = 50, runs = 5 }: { minMilliseconds?: number; runs?: number } = {},
): number {
  work();
  const perCall: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = process.cpuUsage();
    let calls = 0;
    let elapsed = 0;
    while (elapsed < minMilliseconds * 1000) {
      work();
      calls += 1;
      const used = process.cpuUsage(start);
      elapsed = used.user + used.system;
    }
    perCall.push(elapsed / 1000 / calls);
  }
  return median(perCall);
}

/** Medians of several workloads measured in turns, and of each one's per-turn ratio to the first. */
export interface TurnMeasurement {
  readonly medians: number[];
  readonly ratios: number[];
}

/**
 * Median CPU times of several workloads measured in turns (a, b, a, b...) after a warm-up, and the
 * median of the per-turn ratios to the first: on a shared machine, load that comes and goes then
 * hits both sides of a ratio alike.
 */
export function measureInTurns(
  runs: number,
  workloads: readonly (() => unknown)[],
): TurnMeasurement {
  for (const work of workloads) work();
  const times = workloads.map((): number[] => []);
  for (let run = 0; run < runs; run += 1) {
    workloads.forEach((work, index) => times[index]?.push(cpuTime(work)));
  }
  return summarizeTurns(times);
}

/**
 * Runs `turn` once to warm up, then `runs` times; each turn returns its CPU times, the floor's
 * first. Medians of each, and of each one's per-turn ratio to the floor.
 */
export function measureTurns(runs: number, turn: () => readonly number[]): TurnMeasurement {
  turn();
  const times: number[][] = [];
  for (let run = 0; run < runs; run += 1) {
    turn().forEach((value, index) => (times[index] ??= []).push(value));
  }
  return summarizeTurns(times);
}

/** Medians and per-turn ratios to the first series of series measured in turns. */
export function summarizeTurns(times: readonly (readonly number[])[]): TurnMeasurement {
  const [floorTimes = []] = times;
  return {
    medians: times.map(median),
    ratios: times.map((series) =>
      median(series.map((value, run) => value / (floorTimes[run] ?? value))),
    ),
  };
}

/**
 * Calls per second of CPU time of `each` over `inputs` round-robin, for at least `minSeconds` per
 * run after one warm-up pass; the median of `runs` runs.
 */
export function callsPerSecond<Input>(
  each: (input: Input) => unknown,
  inputs: readonly Input[],
  { minSeconds = 1, runs = 5 }: { minSeconds?: number; runs?: number } = {},
): number {
  if (inputs.length === 0) return 0;
  for (const input of inputs) each(input);
  const rates: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = process.cpuUsage();
    let count = 0;
    let elapsed = 0;
    while (elapsed < minSeconds * 1e6) {
      for (const input of inputs) each(input);
      count += inputs.length;
      const used = process.cpuUsage(start);
      elapsed = used.user + used.system;
    }
    rates.push((count * 1e6) / elapsed);
  }
  return median(rates);
}

/** Median wall time of `runs` calls after two warm-up calls, in ms: for work shorter than a tick of the CPU clock. */
export function wallTime(runs: number, work: () => unknown): number {
  work();
  work();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Whether a result meets its budget; undefined when it has none. */
export function meetsBudget(result: BenchResult): boolean | undefined {
  if (result.budget === undefined) return undefined;
  return result.budget.better === 'lower'
    ? result.value <= result.budget.limit
    : result.value >= result.budget.limit;
}

/** One line per result: the value, and the budget with `met` or `MISSED`. */
export function formatResult(result: BenchResult): string {
  const met = meetsBudget(result);
  const budget =
    result.budget === undefined
      ? ''
      : ` (budget ${result.budget.better === 'lower' ? '<=' : '>='} ${result.budget.limit}: ${met ? 'met' : 'MISSED'})`;
  return `${result.name}: ${result.value} ${result.unit}${budget}`;
}

/** The machine's load averages over 1, 5 and 15 minutes, and its CPU count. */
export function machineLoad(): { readonly loadAverage: readonly number[]; readonly cpus: number } {
  return {
    loadAverage: loadavg().map((value) => round(value, 2)),
    cpus: availableParallelism(),
  };
}

/** True when the module at `moduleUrl` is the script Node was started with (`npx tsx bench/x.ts`). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}

/** Runs a benchmark module's `run` and prints its results: what `npx tsx bench/x.ts` does. */
export async function printRun(run: () => Promise<readonly BenchResult[]>): Promise<void> {
  for (const result of await run()) console.log(formatResult(result));
}
