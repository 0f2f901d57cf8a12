import { applyEdits } from '../src/engine/edits/applyEdits';
import { planConnection } from '../src/engine/edits/connections';
import type { PlanResult, RouteSetWeightIntent } from '../src/engine/edits/intents';
import { isRefused } from '../src/engine/edits/intents';
import { planIntent } from '../src/engine/edits/planIntent';
import { loadDesign } from '../src/engine/model/loadDesign';
import type { Design } from '../src/engine/model/loadDesign';
import { generateMesh } from '../src/engine/testing/generateMesh';
import { CANVAS_EDIT_MILLISECONDS } from './budgets';
import { isMain, printRun, round, wallTime } from './measure';
import type { BenchResult } from './types';

const SIZES = [200, 1000] as const;
const RUNS = 31;
const NAME = 'design.yaml';

/** Plans and applies, as the store does for a canvas gesture; throws if the plan is refused. */
export function planAndApply(text: string, plan: () => PlanResult): string {
  const result = plan();
  if (isRefused(result)) throw new Error(`The benchmark's intent was refused: ${result.refused}`);
  return applyEdits(text, result.edits);
}

/** A VirtualService in the middle of the file whose first rule splits traffic. */
export function splitRule(design: Design): RouteSetWeightIntent {
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
    const setWeight = wallTime(RUNS, () =>
      planAndApply(mesh.text, () => planIntent(design, weight)),
    );

    const virtualService =
      design.model.virtualServices[Math.floor(design.model.virtualServices.length / 2)];
    const service = design.model.services.find(
      (candidate) =>
        candidate.spec.type !== 'LoadBalancer' && candidate.namespace !== virtualService?.namespace,
    );
    if (virtualService === undefined || service === undefined) throw new Error('Mesh too small');
    const connect = wallTime(RUNS, () =>
      planAndApply(mesh.text, () =>
        planConnection(design, `${virtualService.key}#http/0`, service.key),
      ),
    );

    const renamed = design.model.services[Math.floor(design.model.services.length / 2)];
    if (renamed === undefined) throw new Error('Mesh has no Service');
    const rename = wallTime(RUNS, () =>
      planAndApply(mesh.text, () =>
        planIntent(design, { type: 'resource.rename', key: renamed.key, name: 'renamed-service' }),
      ),
    );

    results.push(
      {
        name: `route.setWeight plan + apply, ${label}`,
        value: round(setWeight, 2),
        unit: 'ms',
        ...(size === 200 ? { budget: CANVAS_EDIT_MILLISECONDS } : {}),
      },
      {
        name: `connection (rule -> Service) plan + apply, ${label}`,
        value: round(connect, 2),
        unit: 'ms',
      },
      {
        name: `resource.rename with references plan + apply, ${label}`,
        value: round(rename, 2),
        unit: 'ms',
      },
    );
  }
  return results;
}

if (isMain(import.meta.url)) await printRun(run);
