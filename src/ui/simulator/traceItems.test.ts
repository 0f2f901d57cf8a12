import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDesign, simulate, type Request } from '../../engine';
import { traceItems, type RuleAttempt } from './traceItems';

function example(name: string): string {
  return readFileSync(new URL(`../../../examples/${name}.yaml`, import.meta.url), 'utf8');
}

/** The seed with three rules before its catch-all is removed: none matches GET /api/v2/users. */
const threeRules = example('seed-ingress').replace(
  '  http:\n  - route:\n    - destination:\n        host: proxy\n',
  `  http:
  - name: admin
    match:
    - uri:
        prefix: /admin
    route:
    - destination:
        host: proxy
  - name: api-v1-beta
    match:
    - uri:
        prefix: /api/v1
      headers:
        x-beta:
          exact: "yes"
    route:
    - destination:
        host: proxy
  - name: api-v2-users-post
    match:
    - uri:
        prefix: /api/v2/users
      method:
        exact: POST
    route:
    - destination:
        host: proxy
`,
);

function itemsOf(text: string, request: Request) {
  const design = loadDesign([{ name: 'design.yaml', text }]);
  return traceItems(simulate(design, request));
}

function attemptsOf(items: ReturnType<typeof itemsOf>): readonly RuleAttempt[] {
  const group = items.find((item) => item.type === 'attempts');
  return group?.type === 'attempts' ? group.attempts : [];
}

describe('traceItems', () => {
  it('lists a 404 with the rules tried, near misses first', () => {
    // given three rules, when GET /api/v2/users matches none
    const items = itemsOf(threeRules, { url: 'http://example.com/api/v2/users' });
    const attempts = attemptsOf(items);
    // then all three are listed, the POST-only rule first: its path held and only the method failed
    expect(attempts.map((attempt) => attempt.step.title)).toEqual([
      'default/proxy http[2] "api-v2-users-post" match[0]',
      'default/proxy http[1] "api-v1-beta" match[0]',
      'default/proxy http[0] "admin" match[0]',
    ]);
    expect(attempts[0]).toMatchObject({ held: 1, conditions: 2, nearMiss: true });
    // the /api/v1 prefix is nearly the path: a near miss too, ahead of /admin
    expect(attempts[1]?.nearMiss).toBe(true);
    expect(attempts[2]).toMatchObject({ held: 0, conditions: 1, nearMiss: false });
    // and the 404 itself follows, as a step
    const last = items[items.length - 1];
    expect(last?.type === 'step' && last.step.flag).toBe('NR');
  });

  it('keeps the steps in trace order around the attempts, all reached', () => {
    const items = itemsOf(example('header-routing-subsets'), {
      url: 'http://reviews:9080/reviews/0',
      from: { namespace: 'bookinfo', labels: { app: 'productpage', version: 'v1' } },
    });
    const kinds = items.map((item) => (item.type === 'step' ? item.step.kind : 'attempts'));
    expect(kinds.slice(0, 6)).toEqual([
      'request',
      'sidecar',
      'destination',
      'virtualService',
      'attempts',
      'rule',
    ]);
    // the sidecar's attempt names its match entry and the condition that failed, as at a gateway
    expect(attemptsOf(items)[0]).toMatchObject({ held: 0, conditions: 1 });
    expect(attemptsOf(items)[0]?.step.title).toBe(
      'bookinfo/reviews http[0] "jason-sees-v2" match[0]',
    );
    expect(items.every((item) => item.type !== 'step' || item.reached)).toBe(true);
  });

  it('ranks by the condition the engine gives, whatever the reason says', () => {
    // given the three rules' trace with every reason reworded
    const design = loadDesign([{ name: 'design.yaml', text: threeRules }]);
    const trace = simulate(design, { url: 'http://example.com/api/v2/users' });
    const reworded = {
      ...trace,
      steps: trace.steps.map((step) => ({ ...step, reason: `(${step.reason.length} characters)` })),
    };
    // then the near misses and their order are the same as with the engine's own words
    const ranked = (items: ReturnType<typeof traceItems>) =>
      attemptsOf(items).map((attempt) => [attempt.step.title, attempt.held, attempt.nearMiss]);
    expect(ranked(traceItems(reworded))).toEqual(ranked(traceItems(trace)));
    expect(attemptsOf(traceItems(reworded))[1]).toMatchObject({ nearMiss: true, held: 0 });
  });

  it('marks what the engine describes past a fault abort as not reached', () => {
    const items = itemsOf(example('fault-injection'), {
      url: 'http://ratings:9080/ratings/0',
      headers: { 'x-chaos': 'abort' },
      from: { namespace: 'bookinfo', labels: { app: 'reviews', version: 'v2' } },
    });
    const steps = items.flatMap((item) => (item.type === 'step' ? [item] : []));
    const fault = steps.find((item) => item.step.kind === 'fault');
    expect(fault?.reached).toBe(true);
    const cluster = steps.find((item) => item.step.kind === 'cluster');
    expect(cluster?.reached).toBe(false);
  });
});
