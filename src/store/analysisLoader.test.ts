import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAnalysis, loadedAnalysis, withoutAnalysisForTesting } from './analysisLoader';
import { createSailplanStore } from './createSailplanStore';

function example(name: string): string {
  return readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
}

const seed = example('seed-ingress.yaml');
const seedTests = example('seed-ingress.tests.yaml');
// A VirtualService routing to a host the design does not have: the analyzer's IST0101.
const broken = seed.replace('host: proxy', 'host: web');

let restore: () => void = () => undefined;

afterEach(() => restore());

/** Lets the loaded module's promise and the store's follow-up run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the analysis, before and after it arrives', () => {
  it('given no analysis yet, then the diagnostics are the parse and model ones, said pending, and the tests wait', () => {
    restore = withoutAnalysisForTesting();
    // given a store made before the analysis has arrived
    const store = createSailplanStore({ text: broken, tests: seedTests });
    // then the diagnostics say the analysis is pending, without its findings
    expect(store.getState().derived.analysisPending).toBe(true);
    expect(store.getState().derived.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain(
      'IST0101',
    );
    // and the tests have not run: pending, nothing passed or failed
    expect(store.getState().testRun).toMatchObject({ pending: true, passed: 0, failed: 0 });
    expect(store.getState().testRun.results).toEqual([]);
  });

  it('when the analysis arrives, then the current version is diagnosed again and the tests run', async () => {
    restore = withoutAnalysisForTesting();
    const store = createSailplanStore({ text: broken, tests: seedTests });
    const version = store.getState().derived.version;
    // when the analysis arrives
    await loadAnalysis();
    await settle();
    // then the same version holds the analyzer's findings, and the test ran and failed
    const { derived, lastGood, testRun } = store.getState();
    expect(derived.version).toBe(version);
    expect(derived.analysisPending).toBe(false);
    expect(derived.diagnostics.map((diagnostic) => diagnostic.code)).toContain('IST0101');
    expect(lastGood).toBe(derived);
    expect(testRun.pending).toBeUndefined();
    expect(testRun).toMatchObject({ passed: 0, failed: 1 });
  });

  it('given no tests, then the run is empty (not pending) before the analysis arrives', () => {
    restore = withoutAnalysisForTesting();
    const store = createSailplanStore({ text: seed });
    expect(store.getState().testRun.pending).toBeUndefined();
    expect(store.getState().testRun.tests).toEqual([]);
  });

  it('given a request sent before the simulator arrives, then it is traced when it does', async () => {
    restore = withoutAnalysisForTesting();
    const store = createSailplanStore({ text: seed });
    store.getState().setRequest({ method: 'GET', url: 'http://example.com/' });
    store.getState().sendRequest();
    // then nothing is traced until the simulator is there
    expect(loadedAnalysis()).toBeUndefined();
    expect(store.getState().simulation).toBeNull();
    // when it arrives, the request is traced through the design
    await loadAnalysis();
    await settle();
    expect(store.getState().simulation?.request.url).toBe('http://example.com/');
    expect(store.getState().simulation?.trace.steps.length).toBeGreaterThan(0);
  });
});
