import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutWithElk } from '../src/canvas/layout/elkLayout';
import { toLayoutRequest } from '../src/canvas/layout/layoutRequest';
import type { Intent } from '../src/engine/edits/intents';
import { planIntent } from '../src/engine/edits/planIntent';
import type { Topology } from '../src/engine/graph/types';
import { loadDesign } from '../src/engine/model/loadDesign';
import type { Design } from '../src/engine/model/loadDesign';
import { readyRequests } from '../src/engine/simulate/readyRequests';
import { simulate } from '../src/engine/simulate/simulate';
import { generateMesh, MESH_SIZES } from '../src/engine/testing/generateMesh';
import { timeAnalyze } from './analyze';
import { LAYOUT_MILLISECONDS, SIMULATE_BOOKINFO_RATE, SIMULATE_MESH_RATE } from './budgets';
import { run as runCli } from './cli';
import { planAndApply, run as runEdits, splitRule } from './edits';
import {
  editOneDocument,
  measureReparse,
  parsePipelineResults,
  timeParsePipeline,
  type ParsePipelineTimes,
} from './engine-parse';
import {
  callsPerSecond,
  cpuTimeAsync,
  cpuTimePerCall,
  formatResult,
  measureTurns,
  median,
  round,
} from './measure';
import { saveSection, startSection, type BenchTable } from './results';
import { BOOKINFO, BOOKINFO_REQUESTS } from './simulate';
import type { BenchResult } from './types';

// `npm run bench`: the engine's stages on generated meshes of 10 to 5,000 resources against the
// floor of a bare `yaml` parse, then every budgeted figure of the engine, saved under
// bench/results/. CPU times, repeated in turns, medians: the machine is shared.

/** Turns per size: fewer for the large meshes, whose every turn takes seconds. */
const TURNS: Readonly<Record<number, number>> = { 10: 21, 100: 11, 1000: 5, 5000: 3 };
const LAYOUT_RUNS: Readonly<Record<number, number>> = { 10: 11, 100: 5, 1000: 2 };
/**
 * The largest design whose whole-design layout is measured: ELK ran out of a 4 GB heap on the
 * 5,000-resource mesh, and the canvas opens designs of more than 1,000 nodes on its
 * one-node-per-namespace view, whose layout is small.
 */
const LAYOUT_MAX_NODES = 2000;

/** The figures of one mesh size. */
interface SizeFigures {
  readonly resources: number;
  readonly kilobytes: number;
  readonly nodes: number;
  readonly floor: number;
  readonly parse: number;
  readonly parseRatio: number;
  readonly modelAndTopology: number;
  readonly modelAndTopologyRatio: number;
  readonly total: number;
  readonly totalRatio: number;
  readonly layout: number;
  readonly layoutRatio: number;
  readonly simulateRate: number;
  readonly readyRequests: number;
  readonly planning: number;
  readonly planningRatio: number;
  readonly planningIntent: string;
  readonly analysis: number;
  readonly analysisRatio: number;
  readonly diagnostics: number;
}

/**
 * The canvas gesture planned and applied: a weight drag on the middle weighted split, or, in a
 * mesh without one, a rule's timeout set in the middle VirtualService.
 */
function canvasGesture(design: Design): { readonly intent: Intent; readonly label: string } {
  try {
    return { intent: splitRule(design), label: 'route.setWeight' };
  } catch {
    const virtualService =
      design.model.virtualServices[Math.floor(design.model.virtualServices.length / 2)];
    if (virtualService === undefined) throw new Error('The mesh has no VirtualService');
    return {
      intent: {
        type: 'field.set',
        key: virtualService.key,
        path: ['spec', 'http', 0, 'timeout'],
        value: '5s',
      },
      label: 'field.set timeout',
    };
  }
}

/** CPU time of the canvas's automatic layout of the whole design, as its worker runs it (one thread). */
async function measureLayout(topology: Topology, runs: number): Promise<number> {
  const elk = new ELK();
  const request = toLayoutRequest(topology);
  // The first layout of a page runs cold; later ones are what a user waits for after an edit.
  await layoutWithElk(elk, request);
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    times.push(await cpuTimeAsync(() => layoutWithElk(elk, request)));
  }
  return median(times);
}

async function measureSize(resources: number): Promise<SizeFigures> {
  const mesh = generateMesh({ resources, seed: 1 });
  const turns = TURNS[resources] ?? 3;
  let last: { design: Design; topology: Topology; diagnostics: number } | undefined;
  // One turn: the floor, the engine's parse, model + topology on it, and analyze of that design
  // (its caches cold, as on a fresh load), so every ratio shares its turn's floor.
  const {
    medians: [floor = 0, parse = 0, modelAndTopology = 0, total = 0, analysis = 0],
    ratios: [, parseRatio = 0, modelAndTopologyRatio = 0, totalRatio = 0, analysisRatio = 0],
  } = measureTurns(turns, () => {
    const turn = timeParsePipeline(mesh.text);
    const analyzed = timeAnalyze(turn.design);
    last = { design: turn.design, topology: turn.topology, diagnostics: analyzed.diagnostics };
    return [
      turn.floor,
      turn.parse,
      turn.modelAndTopology,
      turn.parse + turn.modelAndTopology,
      analyzed.time,
    ];
  });
  if (last === undefined) throw new Error('No turn ran');
  const { design, topology, diagnostics } = last;

  const layout =
    topology.nodes.length > LAYOUT_MAX_NODES
      ? Number.NaN
      : await measureLayout(topology, LAYOUT_RUNS[resources] ?? 1);

  const requests = readyRequests(design.model).map((ready) => ready.request);
  const simulateRate = callsPerSecond((request) => simulate(design, request), requests, {
    minSeconds: 0.5,
    runs: 3,
  });

  const gesture = canvasGesture(design);
  const planning = cpuTimePerCall(() =>
    planAndApply(mesh.text, () => planIntent(design, gesture.intent)),
  );

  return {
    resources: mesh.resourceCount,
    kilobytes: Math.round(mesh.text.length / 1024),
    nodes: topology.nodes.length,
    floor,
    parse,
    parseRatio,
    modelAndTopology,
    modelAndTopologyRatio,
    total,
    totalRatio,
    layout,
    layoutRatio: layout / floor,
    simulateRate,
    readyRequests: requests.length,
    planning,
    planningRatio: planning / floor,
    planningIntent: gesture.label,
    analysis,
    analysisRatio,
    diagnostics,
  };
}

/** `12.3 ms (1.05x)`: a stage's median CPU time and its ratio to the floor. */
function stageCell(milliseconds: number, ratio: number): string {
  if (Number.isNaN(milliseconds)) return 'not measured';
  const time = milliseconds < 10 ? round(milliseconds, 2) : round(milliseconds);
  const times = ratio < 0.01 ? '< 0.01' : round(ratio, 2).toString();
  return `${time.toLocaleString('en-US')} ms (${times}x)`;
}

function stagesTable(figures: readonly SizeFigures[]): BenchTable {
  return {
    title: 'Engine stages by design size',
    columns: [
      'Resources',
      'YAML',
      'Nodes',
      'Floor: yaml parseAllDocuments',
      'Parse',
      'Model + topology',
      'Parse + model + topology',
      'Layout (whole design)',
      'Simulate',
      'Intent planning',
      'Analysis',
    ],
    rows: figures.map((size) => [
      size.resources.toLocaleString('en-US'),
      `${size.kilobytes.toLocaleString('en-US')} KB`,
      size.nodes.toLocaleString('en-US'),
      `${round(size.floor, size.floor < 10 ? 2 : 1).toLocaleString('en-US')} ms`,
      stageCell(size.parse, size.parseRatio),
      stageCell(size.modelAndTopology, size.modelAndTopologyRatio),
      stageCell(size.total, size.totalRatio),
      stageCell(size.layout, size.layoutRatio),
      `${Math.round(size.simulateRate).toLocaleString('en-US')} req/s (${size.readyRequests} requests)`,
      `${stageCell(size.planning, size.planningRatio)} ${size.planningIntent}`,
      `${stageCell(size.analysis, size.analysisRatio)} ${size.diagnostics} findings`,
    ]),
    notes: [
      "CPU time (user + system) of the Node process, median of turns (21 at 10 resources, 11 at 100, 5 at 1,000, 3 at 5,000); in brackets the median of each turn's ratio to that turn's floor, a bare `yaml` parseAllDocuments of the same text.",
      'Meshes from `generateMesh` (seed 1): per app a Service, 1-3 Deployments, a DestinationRule and a VirtualService of 1-20 rules, with Gateways and ServiceEntries; about 1.1 KB of YAML per resource.',
      `Layout: the canvas's ELK layout of the whole design ("Everything" view, \`toLayoutRequest\` + \`layoutWithElk\`), as its Web Worker runs it, after one cold run; the canvas opens designs of more than 1,000 nodes on the one-node-per-namespace view instead. Not measured above ${LAYOUT_MAX_NODES.toLocaleString('en-US')} nodes: ELK ran out of a 4 GB heap on the 5,000-resource mesh.`,
      'Simulate: the ready requests (one per VirtualService host, through the ingress and from the mesh) round-robin, requests per second of CPU time. Intent planning: plan + apply of one canvas gesture on the parsed design.',
    ],
  };
}

async function main(): Promise<void> {
  const finish = startSection('Engine', 'npm run bench');
  const figures: SizeFigures[] = [];
  for (const resources of MESH_SIZES) {
    console.log(`measuring ${resources.toLocaleString('en-US')} resources...`);
    const size = await measureSize(resources);
    figures.push(size);
    console.log(
      `  ${size.resources} resources: floor ${round(size.floor)} ms, parse + model + topology ${round(size.total)} ms (${round(size.totalRatio, 2)}x), layout ${Number.isNaN(size.layout) ? 'not measured' : `${round(size.layout)} ms`}, simulate ${Math.round(size.simulateRate)} req/s, planning ${round(size.planning, 2)} ms, analysis ${round(size.analysis)} ms (${round(size.analysisRatio, 2)}x)`,
    );
  }

  const results: BenchResult[] = [];
  const thousand = figures.find((size) => size.resources >= 1000 && size.resources < 5000);
  if (thousand !== undefined) {
    const label = `${thousand.resources} resources, ${thousand.kilobytes} KB`;
    const mesh = generateMesh({ resources: 1000, seed: 1 });
    const times: ParsePipelineTimes = {
      floor: thousand.floor,
      parse: thousand.parse,
      modelAndTopology: thousand.modelAndTopology,
      total: thousand.total,
      parseRatio: thousand.parseRatio,
      totalRatio: thousand.totalRatio,
    };
    results.push(
      ...parsePipelineResults(
        label,
        times,
        measureReparse(mesh.text, editOneDocument(mesh.text), 5),
      ),
      {
        name: `canvas auto layout of the whole design, ${thousand.nodes} nodes (CPU time of the layout's thread)`,
        value: Math.round(thousand.layout),
        unit: 'ms',
        budget: LAYOUT_MILLISECONDS,
      },
      {
        name: `simulate, generated mesh (${label}, ${thousand.readyRequests} requests round-robin)`,
        value: Math.round(thousand.simulateRate),
        unit: 'req/s',
        budget: SIMULATE_MESH_RATE,
      },
    );
  }
  console.log('measuring bookinfo, canvas edits and the command line...');
  const bookinfo = loadDesign([{ name: 'bookinfo.yaml', text: BOOKINFO }]);
  results.push({
    name: `simulate, bookinfo (${bookinfo.model.resources.length} resources, ${BOOKINFO_REQUESTS.length} requests round-robin)`,
    value: Math.round(callsPerSecond((request) => simulate(bookinfo, request), BOOKINFO_REQUESTS)),
    unit: 'req/s',
    budget: SIMULATE_BOOKINFO_RATE,
  });
  results.push(...(await runEdits()));
  results.push(...(await runCli()));

  for (const result of results) console.log(formatResult(result));
  const section = finish([stagesTable(figures)], results, `Node ${process.version}`);
  const written = saveSection('engine', section);
  console.log(
    `\n${section.tables.length} table and ${results.length} figures written to ${written}`,
  );
}

await main();
