import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSailplanStore } from './createSailplanStore';

function example(name: string): string {
  return readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
}

const seed = example('seed-ingress.yaml');
const seedTests = example('seed-ingress.tests.yaml');

describe("the store's route tests", () => {
  it('runs the design tests at creation, and again when an edit breaks the route', () => {
    // given the seed and its test
    const store = createSailplanStore({ text: seed, tests: seedTests });
    expect(store.getState().testRun).toMatchObject({ passed: 1, failed: 0 });
    // when the route's destination is changed in the YAML
    store.getState().replaceText(seed.replace('host: proxy', 'host: web'));
    // then the test fails, saying what differs
    const run = store.getState().testRun;
    expect(run).toMatchObject({ passed: 0, failed: 1 });
    expect(run.results[0]?.differences.map((difference) => difference.key)).toEqual([
      'destination',
    ]);
  });

  it('reports the errors of a tests text, and runs nothing then', () => {
    const store = createSailplanStore({ text: seed, tests: seedTests });
    store
      .getState()
      .setTests('tests:\n- name: x\n  request: {url: http://a/}\n  expect: {colour: red}\n');
    const run = store.getState().testRun;
    expect(run.results).toEqual([]);
    expect(run.errors[0]).toMatchObject({ line: 4, field: 'tests[0].expect.colour' });
  });

  it('given no tests, then an edit leaves the run as it was, and tests added later run', () => {
    const store = createSailplanStore({ text: seed });
    const empty = store.getState().testRun;
    store.getState().replaceText(seed.replace('host: proxy', 'host: web'));
    expect(store.getState().testRun).toBe(empty);
    store.getState().setTests(seedTests);
    expect(store.getState().testRun).toMatchObject({ passed: 0, failed: 1 });
  });

  it('counts every run, "Run all" included', () => {
    const store = createSailplanStore({ text: seed, tests: seedTests });
    const first = store.getState().testRun.serial;
    store.getState().runTests();
    expect(store.getState().testRun.serial).toBe(first + 1);
  });
});
