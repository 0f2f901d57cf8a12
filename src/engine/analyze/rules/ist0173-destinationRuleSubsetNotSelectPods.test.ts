import { describe, expect, it } from 'vitest';
import { F0, withCode } from '../testing/analyzeYaml';

function destinationRule(subsets: string, host = 'web'): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: default}
spec:
  host: ${host}
  subsets: ${subsets}`;
}

const webService = F0[1];

describe('IST0173 DestinationRuleSubsetNotSelectPods', () => {
  it('given a subset no workload of the Service carries (V45), when analyzed, then it is an error on its labels', () => {
    const [diagnostic, ...rest] = withCode('IST0173', [
      ...F0,
      destinationRule('[{name: v4, labels: {version: v4}}]'),
    ]);
    expect(rest).toEqual([]);
    expect(diagnostic?.message).toBe(
      'The Subset v4 defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).',
    );
    expect(diagnostic?.level).toBe('error');
    expect(diagnostic?.path).toEqual(['spec', 'subsets', 0, 'labels']);
  });

  it('given a pod with the subset labels that the Service does not select (V46 other-v2), when analyzed, then only Service pods count', () => {
    const others = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: other, namespace: default}
spec:
  host: api
  subsets: [{name: v2, labels: {version: v2}}]`;
    expect(withCode('IST0173', [...F0, others]).map((diagnostic) => diagnostic.level)).toEqual([
      'error',
    ]);
    expect(
      withCode('IST0173', [...F0, destinationRule('[{name: v2, labels: {version: v2}}]')]),
    ).toEqual([]);
  });

  it('given a design without the Service workloads, when analyzed, then it is a warning that the pods may exist in the cluster', () => {
    const [diagnostic] = withCode('IST0173', [
      webService,
      destinationRule('[{name: v1, labels: {version: v1}}]'),
    ]);
    expect(diagnostic?.level).toBe('warning');
    expect(diagnostic?.message).toMatch(
      /\(the design has no workload of Service default\/web; its pods may exist in the cluster\)$/,
    );
  });

  it('given a ServiceEntry host whose endpoints carry the subset labels, when analyzed, then the subset selects them', () => {
    const entry = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: legacy, namespace: default}
spec:
  hosts: [legacy.internal]
  resolution: STATIC
  ports: [{number: 80, name: http, protocol: HTTP}]
  endpoints: [{address: 10.0.0.1, labels: {version: v1}}]`;
    expect(
      withCode('IST0173', [
        entry,
        destinationRule('[{name: v1, labels: {version: v1}}]', 'legacy.internal'),
      ]),
    ).toEqual([]);
    expect(
      withCode('IST0173', [
        entry,
        destinationRule('[{name: v2, labels: {version: v2}}]', 'legacy.internal'),
      ]),
    ).toHaveLength(1);
  });
});
