import { parseAllDocuments } from 'yaml';
import { buildTopology } from '../src/engine/graph/buildTopology';
import type { Topology } from '../src/engine/graph/types';
import { buildModel } from '../src/engine/model/buildModel';
import { loadDesign } from '../src/engine/model/loadDesign';
import type { Design } from '../src/engine/model/loadDesign';
import { generateMesh } from '../src/engine/testing/generateMesh';
import { parseFile } from '../src/engine/yaml/parseFile';
import { PARSE_PIPELINE_RATIO, REPARSED_DOCUMENTS } from './budgets';
import { cpuTime, isMain, measureInTurns, measureTurns, printRun, round } from './measure';
import type { BenchResult } from './types';

const RESOURCES = 1000;
const RUNS = 9;
const NAME = 'design.yaml';

/** One turn of the engine's first stages on a text: CPU times, and what they built. */
export interface ParsePipelineTurn {
  /** `yaml` parseAllDocuments of the same text: the floor. */
  readonly floor: number;
  readonly parse: number;
  readonly modelAndTopology: number;
  readonly design: Design;
  readonly topology: Topology;
}

/** Times a bare parse of `text` (the floor), then the engine's parse, then model + topology on it. */
export function timeParsePipeline(text: string): ParsePipelineTurn {
  const floor = cpuTime(() => parseAllDocuments(text));
  let parsed = parseFile({ name: NAME, text });
  const parse = cpuTime(() => (parsed = parseFile({ name: NAME, text })));
  let design: Design = { files: [parsed], model: buildModel([parsed]) };
  let topology = buildTopology(design.model);
  const modelAndTopology = cpuTime(() => {
    design = { files: [parsed], model: buildModel([parsed]) };
    topology = buildTopology(design.model);
  });
  return { floor, parse, modelAndTopology, design, topology };
}

/** Medians of CPU time of the engine's first stages on one text, and of their ratios to a bare parse. */
export interface ParsePipelineTimes {
  readonly floor: number;
  readonly parse: number;
  readonly modelAndTopology: number;
  /** parse + model + topology. */
  readonly total: number;
  readonly parseRatio: number;
  readonly totalRatio: number;
}

/** The engine's first stages against a bare parse, in turns after a warm-up (see `measureTurns`). */
export function measureParsePipeline(text: string, runs: number): ParsePipelineTimes {
  const {
    medians: [floor = 0, parse = 0, modelAndTopology = 0, total = 0],
    ratios: [, parseRatio = 0, , totalRatio = 0],
  } = measureTurns(runs, () => {
    const turn = timeParsePipeline(text);
    return [turn.floor, turn.parse, turn.modelAndTopology, turn.parse + turn.modelAndTopology];
  });
  return { floor, parse, modelAndTopology, total, parseRatio, totalRatio };
}

/**
 * `text` with one document changed: a character added to a name in the middle of the file, so that
 * every later document moves (and must still not be parsed again).
 */
export function editOneDocument(text: string): string {
  const at = text.indexOf('\n  name: ', Math.floor(text.length / 2));
  if (at === -1) throw new Error('The text has no name in its second half');
  const end = text.indexOf('\n', at + 1);
  return `${text.slice(0, end)}x${text.slice(end)}`;
}

/** How many documents of `next` were parsed again rather than taken over from `previous`. */
export function reparsedDocuments(previous: Design, next: Design): number {
  const earlier = new Set(
    previous.files.flatMap((file) => file.documents.map((document) => document.tree)),
  );
  return next.files.reduce(
    (count, file) =>
      count + file.documents.filter((document) => !earlier.has(document.tree)).length,
    0,
  );
}

/**
 * Median CPU time of parse + model + topology of `edited` given the design of `text` (the store's
 * path after a keystroke), and how many documents that parsed again.
 */
export function measureReparse(
  text: string,
  edited: string,
  runs: number,
): { readonly time: number; readonly reparsed: number } {
  const base = loadDesign([{ name: NAME, text }]);
  buildTopology(base.model);
  const {
    medians: [time = 0],
  } = measureInTurns(runs, [
    () => buildTopology(loadDesign([{ name: NAME, text: edited }], base).model),
  ]);
  return {
    time,
    reparsed: reparsedDocuments(base, loadDesign([{ name: NAME, text: edited }], base)),
  };
}

/** The budgeted figures of the parse pipeline, from its measurements. */
export function parsePipelineResults(
  label: string,
  times: ParsePipelineTimes,
  reparse: { readonly time: number; readonly reparsed: number },
): BenchResult[] {
  return [
    {
      name: `parse + model + topology vs the floor, ${label}`,
      value: round(times.totalRatio, 2),
      unit: 'ratio',
      budget: PARSE_PIPELINE_RATIO,
    },
    {
      name: `re-parse + model + topology after editing one document, ${label}`,
      value: round(reparse.time),
      unit: 'ms',
    },
    {
      name: `documents parsed again after editing one document, ${label}`,
      value: reparse.reparsed,
      unit: 'documents',
      budget: REPARSED_DOCUMENTS,
    },
  ];
}

/**
 * The engine's parse -> model -> topology on a realistic 1,000-resource mesh (about 1 MB of YAML),
 * against the floor of a bare `yaml` parseAllDocuments of the same text; and the incremental path
 * after an edit to one document.
 */
export async function run(): Promise<readonly BenchResult[]> {
  const mesh = generateMesh({ resources: RESOURCES, seed: 1 });
  const label = `${mesh.resourceCount} resources, ${Math.round(mesh.text.length / 1024)} KB`;
  const times = measureParsePipeline(mesh.text, RUNS);
  const reparse = measureReparse(mesh.text, editOneDocument(mesh.text), RUNS);
  return [
    { name: `yaml parseAllDocuments (floor), ${label}`, value: round(times.floor), unit: 'ms' },
    { name: `engine parseFile only, ${label}`, value: round(times.parse), unit: 'ms' },
    { name: `parse + model + topology, ${label}`, value: round(times.total), unit: 'ms' },
    ...parsePipelineResults(label, times, reparse),
  ];
}

if (isMain(import.meta.url)) await printRun(run);
