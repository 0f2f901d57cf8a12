import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { main } from '../src/cli/main';
import type { Output } from '../src/cli/io';
import type { Design, Request } from '../src/engine';
import { loadDesign, simulate } from '../src/engine';
import { generateMesh } from '../src/engine/testing/generateMesh';
import { ANALYZE_RATIO, ROUTE_TESTS_RATIO } from './budgets';
import { cpuTimeAsync, isMain, median, printRun, round } from './measure';
import type { BenchResult } from './types';

const RESOURCES = 5000;
const ROUTE_TESTS = 2000;
const RUNS = 3;

/**
 * Requests a user would write route tests for: per VirtualService, one through the ingress to each
 * matched rule (its path prefix and tenant header) and one from inside the mesh, in file order.
 */
function routeTestRequests(design: Design): Request[] {
  const requests: Request[] = [];
  for (const virtualService of design.model.virtualServices) {
    const [publicHost, meshHost] = virtualService.spec.hosts ?? [];
    for (const rule of virtualService.spec.http ?? []) {
      const match = rule.match?.[0];
      const prefix = match?.uri?.prefix;
      if (publicHost === undefined || prefix === undefined) continue;
      const tenant = match?.headers?.['x-tenant']?.exact;
      requests.push({
        url: `https://${publicHost}${prefix}/items`,
        ...(tenant === undefined ? {} : { headers: { 'x-tenant': tenant } }),
      });
    }
    if (meshHost !== undefined) {
      requests.push({
        url: `http://${meshHost}.${virtualService.namespace}.svc.cluster.local/`,
        from: { namespace: virtualService.namespace, labels: {} },
      });
    }
  }
  return requests;
}

/**
 * A route-test file of `count` tests over the design, each expecting what the simulator answers
 * today (gateway, VirtualService, rule, status and destination): a suite that passes, as the one a
 * team keeps in CI does.
 */
export function generateRouteTests(
  design: Design,
  count: number,
): { readonly text: string; readonly count: number } {
  const requests = routeTestRequests(design);
  const tests = requests.slice(0, count).map((request, index) => {
    const { outcome } = simulate(design, request);
    return {
      name: `test ${index}: ${request.url}`,
      request,
      expect: {
        gateway: outcome.gateway,
        virtualService: outcome.virtualService,
        route: outcome.route,
        status: outcome.status,
        ...(outcome.destination === null ? {} : { destination: outcome.destination }),
      },
    };
  });
  return { text: stringify({ tests }), count: tests.length };
}

/** An Output that only counts what the command prints (printing is not what is measured). */
function countingOutput(): Output & { readonly lines: () => number } {
  let lines = 0;
  return {
    out: () => (lines += 1),
    err: () => (lines += 1),
    lines: () => lines,
  };
}

/** Exit status, CPU time and printed lines of one in-process `sailplan` command. */
async function runCommand(argv: readonly string[]) {
  const output = countingOutput();
  let status = -1;
  const time = await cpuTimeAsync(async () => {
    status = await main(argv, output);
  });
  return { status, time, lines: output.lines() };
}

/**
 * `sailplan analyze` and `sailplan test` (2,000 route tests) on a generated 5,000-resource mesh,
 * run in this process as the command line runs them (read, parse, model, analyze or simulate,
 * format), each against the floor of a bare `yaml` parseAllDocuments of the same manifests,
 * measured in turns so that load on the machine hits both sides of a ratio alike.
 */
export async function run(): Promise<readonly BenchResult[]> {
  const mesh = generateMesh({ resources: RESOURCES, seed: 1 });
  const label = `${mesh.resourceCount} resources, ${Math.round(mesh.text.length / 1024)} KB`;
  const directory = mkdtempSync(join(tmpdir(), 'sailplan-bench-'));
  try {
    const manifests = join(directory, 'mesh.yaml');
    const testsFile = join(directory, 'mesh.tests.yaml');
    writeFileSync(manifests, mesh.text);
    const routeTests = generateRouteTests(
      loadDesign([{ name: manifests, text: mesh.text }]),
      ROUTE_TESTS,
    );
    writeFileSync(testsFile, routeTests.text);
    const testCount = routeTests.count;

    const analyzeArgs = ['analyze', manifests];
    const testArgs = ['test', manifests, '--tests', testsFile];
    await runCommand(analyzeArgs);
    await runCommand(testArgs);
    const floors: number[] = [];
    const analyzeRatios: number[] = [];
    const testRatios: number[] = [];
    const analyzeTimes: number[] = [];
    const testTimes: number[] = [];
    let testStatus = -1;
    for (let turn = 0; turn < RUNS; turn += 1) {
      const floorStart = process.cpuUsage();
      parseAllDocuments(mesh.text);
      const floorUsed = process.cpuUsage(floorStart);
      const floor = (floorUsed.user + floorUsed.system) / 1000;
      const analyzed = await runCommand(analyzeArgs);
      const tested = await runCommand(testArgs);
      testStatus = tested.status;
      floors.push(floor);
      analyzeTimes.push(analyzed.time);
      testTimes.push(tested.time);
      analyzeRatios.push(analyzed.time / floor);
      testRatios.push(tested.time / floor);
    }
    const testLabel = `${testCount} route tests (${testStatus === 0 ? 'all pass' : 'some fail'}), ${label}`;
    return [
      {
        name: `yaml parseAllDocuments (floor), ${label}`,
        value: round(median(floors)),
        unit: 'ms',
      },
      { name: `sailplan analyze, ${label}`, value: round(median(analyzeTimes)), unit: 'ms' },
      {
        name: `sailplan analyze vs the floor, ${label}`,
        value: round(median(analyzeRatios), 2),
        unit: 'ratio',
        budget: ANALYZE_RATIO,
      },
      { name: `sailplan test, ${testLabel}`, value: round(median(testTimes)), unit: 'ms' },
      {
        name: `sailplan test vs the floor, ${testLabel}`,
        value: round(median(testRatios), 2),
        unit: 'ratio',
        budget: ROUTE_TESTS_RATIO,
      },
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await printRun(run);
