import { pathToFileURL } from 'node:url';
import { applyEdits } from '../src/engine/edits/applyEdits';
import { planConnection } from '../src/engine/edits/connections';
import type { Intent, PlanResult } from '../src/engine/edits/intents';
import { isRefused } from '../src/engine/edits/intents';
import { planIntent } from '../src/engine/edits/planIntent';
import { loadDesign } from '../src/engine/model/loadDesign';
import type { Design } from '../src/engine/model/loadDesign';
import { generateMesh } from '../src/engine/testing/generateMesh';
import type { BenchResult } from './types';

const SIZES = [200, 1000] as const;
const RUNS = 31;
const FRAME_BUDGET_MS = 16;
const NAME = 'design.yaml';

/** Median wall time of `runs` calls, after two warm-up calls. */
function measure(runs: number, work: () => unknown): number {
  work();
  work();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** Plans and applies, as the store does for a canvas gesture; throws if the plan is refused. */
function planAndApply(text: string, plan: () => PlanResult): string {
  const result = plan();
  if (isRefused(result)) throw new Error(`The benchmark's intent was refused: ${result.refused}`);
  return applyEdits(text, result.edits);
}

/** A VirtualService in the middle of the file whose first rule splits traffic. */
function splitRule(design: Design): Intent {
  const candidates = design.model.virtualServices.filter(
    (virtualService) => (virtualService.spec.http?.[0]?.route?.length ?? 0) > 1,
  );
  const virtualService = candidates[Math.floor(candidates.length / 2)];
  if (virtualService === undefined) throw new Error('The mesh has no weighted split');
  return {
    type: 'route.setWeight',
    virtualService: virtualService.key,
    rule: 0,
    destination: 0,
    weight: 37,
  };
}

/**
 * Plan + apply of one intent on a realistic generated mesh, from a design already parsed (the
 * store holds it for the current version): a weight drag, a new connection (rule -> Service), and a
 * rename whose references must be found across the whole design.
 */
export async function run(): Promise<readonly BenchResult[]> {
  const results: BenchResult[] = [];
  for (const size of SIZES) {
    const mesh = generateMesh({ resources: size, seed: 1 });
    const design = loadDesign([{ name: NAME, text: mesh.text }]);
    const label = `${mesh.resourceCount} resources`;

    const weight = splitRule(design);
    const setWeight = measure(RUNS, () =>
      planAndApply(mesh.text, () => planIntent(design, weight)),
    );

    const virtualService =
      design.model.virtualServices[Math.floor(design.model.virtualServices.length / 2)];
    const service = design.model.services.find(
      (candidate) =>
        candidate.spec.type !== 'LoadBalancer' && candidate.namespace !== virtualService?.namespace,
    );
    if (virtualService === undefined || service === undefined) throw new Error('Mesh too small');
    const connect = measure(RUNS, () =>
      planAndApply(mesh.text, () =>
        planConnection(design, `${virtualService.key}#http/0`, service.key),
      ),
    );

    const renamed = design.model.services[Math.floor(design.model.services.length / 2)];
    if (renamed === undefined) throw new Error('Mesh has no Service');
    const rename = measure(RUNS, () =>
      planAndApply(mesh.text, () =>
        planIntent(design, { type: 'resource.rename', key: renamed.key, name: 'renamed-service' }),
      ),
    );

    results.push(
      {
        name: `route.setWeight plan + apply, ${label}`,
        value: round(setWeight),
        unit: 'ms',
        ...(size === 200
          ? {
              budget: {
                limit: FRAME_BUDGET_MS,
                better: 'lower' as const,
                source:
                  'GitHub issue 5: canvas edit -> YAML applied within a frame at 200 resources',
              },
            }
          : {}),
      },
      {
        name: `connection (rule -> Service) plan + apply, ${label}`,
        value: round(connect),
        unit: 'ms',
      },
      {
        name: `resource.rename with references plan + apply, ${label}`,
        value: round(rename),
        unit: 'ms',
      },
    );
  }
  return results;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
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
