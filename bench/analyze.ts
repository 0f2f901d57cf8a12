import { parseAllDocuments } from 'yaml';
import { analyze } from '../src/engine/analyze/analyze';
import { loadDesign } from '../src/engine/model/loadDesign';
import type { Design } from '../src/engine/model/loadDesign';
import { generateMesh } from '../src/engine/testing/generateMesh';
import { ANALYZE_RATIO } from './budgets';
import { cpuTime, isMain, median, printRun, round } from './measure';
import type { BenchResult } from './types';

const RESOURCES = 5000;
const RUNS = 3;
const NAME = 'design.yaml';

/** CPU time of `analyze` on a freshly loaded design, against a bare parse of the same text. */
export interface AnalyzeTimes {
  readonly floor: number;
  readonly analysis: number;
  readonly ratio: number;
  readonly diagnostics: number;
}

/** CPU time of `analyze` of a design, and how many diagnostics it found. */
export function timeAnalyze(design: Design): {
  readonly time: number;
  readonly diagnostics: number;
} {
  let diagnostics = 0;
  const time = cpuTime(() => {
    diagnostics = analyze(design).length;
  });
  return { time, diagnostics };
}

/**
 * `analyze` on a freshly loaded design of `text` (its caches cold), against the floor of a bare
 * `yaml` parseAllDocuments of the same text, measured in turns after a warm-up so that load on the
 * machine hits both sides of the ratio alike.
 */
export function measureAnalyze(text: string, runs: number): AnalyzeTimes {
  const fresh = (): Design => loadDesign([{ name: NAME, text }]);
  parseAllDocuments(text);
  analyze(fresh());
  const floors: number[] = [];
  const analyses: number[] = [];
  const ratios: number[] = [];
  let diagnostics = 0;
  for (let turn = 0; turn < runs; turn += 1) {
    const floor = cpuTime(() => parseAllDocuments(text));
    const analysis = timeAnalyze(fresh());
    diagnostics = analysis.diagnostics;
    floors.push(floor);
    analyses.push(analysis.time);
    ratios.push(analysis.time / floor);
  }
  return { floor: median(floors), analysis: median(analyses), ratio: median(ratios), diagnostics };
}

/**
 * `analyze` of a realistic 5,000-resource mesh (about 6 MB of YAML) on a freshly loaded design,
 * against a bare parseAllDocuments of the same text; and `analyze` after an edit to one document,
 * when unchanged resources keep their per-resource findings.
 */
export async function run(): Promise<readonly BenchResult[]> {
  const mesh = generateMesh({ resources: RESOURCES, seed: 1 });
  const label = `${mesh.resourceCount} resources, ${Math.round(mesh.text.length / 1024)} KB`;
  const times = measureAnalyze(mesh.text, RUNS);

  // An edit in the middle of the file: one number changes in one document.
  const base = loadDesign([{ name: NAME, text: mesh.text }]);
  analyze(base);
  const editAt = mesh.text.indexOf('number: ', Math.floor(mesh.text.length / 2));
  const edited = `${mesh.text.slice(0, editAt)}number: 1${mesh.text.slice(editAt + 'number: '.length + 1)}`;
  const incremental: number[] = [];
  for (let turn = 0; turn < RUNS; turn += 1) {
    const design = loadDesign([{ name: NAME, text: edited }], base);
    incremental.push(cpuTime(() => analyze(design)));
  }

  return [
    { name: `yaml parseAllDocuments (floor), ${label}`, value: round(times.floor), unit: 'ms' },
    {
      name: `analyze, cold caches, ${label} (${times.diagnostics} diagnostics)`,
      value: round(times.analysis),
      unit: 'ms',
    },
    {
      name: `analyze vs the floor, ${label}`,
      value: round(times.ratio, 2),
      unit: 'ratio',
      budget: ANALYZE_RATIO,
    },
    {
      name: `analyze after editing one document, ${label}`,
      value: round(median(incremental)),
      unit: 'ms',
    },
  ];
}

if (isMain(import.meta.url)) await printRun(run);
