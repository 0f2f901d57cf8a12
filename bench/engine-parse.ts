import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { buildTopology } from '../src/engine/graph/buildTopology';
import { buildModel } from '../src/engine/model/buildModel';
import { loadDesign } from '../src/engine/model/loadDesign';
import { generateMesh } from '../src/engine/testing/generateMesh';
import { parseFile } from '../src/engine/yaml/parseFile';
import type { BenchResult } from './types';

const RESOURCES = 1000;
const RUNS = 9;
const BUDGET_RATIO = 1.5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * CPU time (user + system, all threads of the process) of one call, in ms. The machines that run
 * the benchmarks are shared; wall time there swings twofold with other jobs, CPU time barely.
 */
function time(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Median CPU times of several workloads measured in turns (a, b, a, b...) after a warm-up, and the
 * median of the per-turn ratios to the first: on a shared machine, load that comes and goes then
 * hits both sides of a ratio alike.
 */
function measureInTurns(
  runs: number,
  workloads: readonly (() => unknown)[],
): { medians: number[]; ratios: number[] } {
  for (const work of workloads) work();
  const times = workloads.map((): number[] => []);
  for (let run = 0; run < runs; run += 1) {
    workloads.forEach((work, index) => times[index]?.push(time(work)));
  }
  const [floorTimes = []] = times;
  return {
    medians: times.map(median),
    ratios: times.map((series) =>
      median(series.map((value, run) => value / (floorTimes[run] ?? value))),
    ),
  };
}

/**
 * The engine's parse -> model -> topology on a realistic 1,000-resource mesh (about 1 MB of YAML),
 * against the floor of a bare `yaml` parseAllDocuments of the same text; and the incremental path
 * after an edit to one document.
 */
export async function run(): Promise<readonly BenchResult[]> {
  const mesh = generateMesh({ resources: RESOURCES, seed: 1 });
  const name = 'design.yaml';
  const sizeKilobytes = Math.round(mesh.text.length / 1024);
  const label = `${mesh.resourceCount} resources, ${sizeKilobytes} KB`;

  const {
    medians: [floor = 0, parseOnly = 0, full = 0],
    ratios: [, , fullRatio = 0],
  } = measureInTurns(RUNS, [
    () => parseAllDocuments(mesh.text),
    () => parseFile({ name, text: mesh.text }),
    () => buildTopology(buildModel([parseFile({ name, text: mesh.text })])),
  ]);

  // An edit in the middle of the file: one VirtualService's weight changes.
  const base = loadDesign([{ name, text: mesh.text }]);
  buildTopology(base.model);
  const editAt = mesh.text.indexOf('weight: ', Math.floor(mesh.text.length / 2));
  const edited = `${mesh.text.slice(0, editAt)}weight: 1${mesh.text.slice(editAt + 'weight: '.length + 1)}`;
  const {
    medians: [incremental = 0],
  } = measureInTurns(RUNS, [() => buildTopology(loadDesign([{ name, text: edited }], base).model)]);

  return [
    { name: `yaml parseAllDocuments (floor), ${label}`, value: round(floor), unit: 'ms' },
    { name: `engine parseFile only, ${label}`, value: round(parseOnly), unit: 'ms' },
    { name: `parse + model + topology, ${label}`, value: round(full), unit: 'ms' },
    {
      name: `parse + model + topology vs the floor, ${label}`,
      value: Math.round(fullRatio * 100) / 100,
      unit: 'ratio',
      budget: {
        limit: BUDGET_RATIO,
        better: 'lower',
        source: 'GitHub issue 3: 1.5x a bare yaml parseAllDocuments of the same text',
      },
    },
    {
      name: `re-parse + model + topology after editing one document, ${label}`,
      value: round(incremental),
      unit: 'ms',
    },
  ];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await run()) {
    const budget =
      result.budget === undefined
        ? ''
        : ` (budget ${result.budget.better === 'lower' ? '<=' : '>='} ${result.budget.limit})`;
    console.log(`${result.name}: ${result.value} ${result.unit}${budget}`);
  }
}
