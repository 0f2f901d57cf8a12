import { describe, expect, it } from 'vitest';
import { analyze, loadDesign, parseRouteTests, runRouteTests, simulate } from '../../engine';
import { EXAMPLES } from './examples';

describe('the Examples menu', () => {
  it('lists the seed and the six teaching designs, each once', () => {
    expect(EXAMPLES.map((example) => example.id)).toEqual([
      'seed-ingress',
      'header-routing-subsets',
      'canary-split',
      'fault-injection',
      'redirects-rewrites',
      'egress-service-entry',
      'shared-gateway-teams',
    ]);
  });

  it.each(EXAMPLES.map((example) => [example.id, example] as const))(
    'given the %s example, then it loads without problems, its route tests pass and its ready request is routed',
    async (_id, example) => {
      const content = await example.load();
      const design = loadDesign([{ name: `${example.id}.yaml`, text: content.text }]);
      expect(design.model.diagnostics).toEqual([]);
      expect(analyze(design).filter((message) => message.level !== 'info')).toEqual([]);
      const tests = parseRouteTests(content.tests, `${example.id}.tests.yaml`);
      expect(tests.ok).toBe(true);
      if (!tests.ok) return;
      expect(tests.tests.length).toBeGreaterThan(0);
      const failed = runRouteTests(design, tests.tests).filter((result) => !result.passed);
      expect(failed.map((result) => result.test.name)).toEqual([]);
      const trace = simulate(design, content.request);
      // The ready request reaches a destination, or a fault or redirect the example is about.
      const outcome = trace.outcome;
      expect(
        (outcome.destinations?.length ?? 0) > 0 ||
          outcome.redirect !== null ||
          outcome.status !== null,
      ).toBe(true);
    },
  );
});
