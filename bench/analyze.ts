import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { analyze } from '../src/engine/analyze/analyze';
import { loadDesign } from '../src/engine/model/loadDesign';
import type { Design } from '../src/engine/model/loadDesign';
import { generateMesh } from '../src/engine/testing/generateMesh';
import type { BenchResult } from './types';

const RESOURCES = 5000;
const RUNS = 3;
const BUDGET_RATIO = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * CPU time (user + system) of one call, in ms: on the shared machines that run the benchmarks wall
 * time swings with other jobs, CPU time barely.
 */
function time(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * `analyze` of a realistic 5,000-resource mesh (about 6 MB of YAML) on a freshly loaded design (its
 * caches cold), against the floor of a bare `yaml` parseAllDocuments of the same text, measured in
 * turns so load on the machine hits both sides of the ratio alike; and `analyze` after an edit to
 * one document, when unchanged resources keep their per-resource findings.
 */
export async function run(): Promise<readonly BenchResult[]> {
  const mesh = generateMesh({ resources: RESOURCES, seed: 1 });
  const name = 'design.yaml';
  const label = `${mesh.resourceCount} resources, ${Math.round(mesh.text.length / 1024)} KB`;
  const fresh = (): Design => loadDesign([{ name, text: mesh.text }]);

  // Warm-up: let the JIT see both workloads once.
  parseAllDocuments(mesh.text);
  analyze(fresh());

  const floors: number[] = [];
  const analyses: number[] = [];
  const ratios: number[] = [];
  let diagnosticCount = 0;
  for (let turn = 0; turn < RUNS; turn += 1) {
    const floor = time(() => parseAllDocuments(mesh.text));
    const design = fresh();
    const analysis = time(() => {
      diagnosticCount = analyze(design).length;
    });
    floors.push(floor);
    analyses.push(analysis);
    ratios.push(analysis / floor);
  }

  // An edit in the middle of the file: one number changes in one document.
  const base = fresh();
  analyze(base);
  const editAt = mesh.text.indexOf('number: ', Math.floor(mesh.text.length / 2));
  const edited = `${mesh.text.slice(0, editAt)}number: 1${mesh.text.slice(editAt + 'number: '.length + 1)}`;
  const incremental: number[] = [];
  for (let turn = 0; turn < RUNS; turn += 1) {
    const design = loadDesign([{ name, text: edited }], base);
    incremental.push(time(() => analyze(design)));
  }

  return [
    { name: `yaml parseAllDocuments (floor), ${label}`, value: round(median(floors)), unit: 'ms' },
    {
      name: `analyze, cold caches, ${label} (${diagnosticCount} diagnostics)`,
      value: round(median(analyses)),
      unit: 'ms',
    },
    {
      name: `analyze vs the floor, ${label}`,
      value: Math.round(median(ratios) * 100) / 100,
      unit: 'ratio',
      budget: {
        limit: BUDGET_RATIO,
        better: 'lower',
        source:
          'GitHub issue 8: analyze 5,000 resources in at most 3x a bare yaml parseAllDocuments',
      },
    },
    {
      name: `analyze after editing one document, ${label}`,
      value: round(median(incremental)),
      unit: 'ms',
    },
  ];
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
