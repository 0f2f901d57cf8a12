import { describe, expect, it } from 'vitest';
import { messagesOf, withCode } from '../testing/analyzeYaml';

function virtualService(rules: string, section = 'http'): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: scout, namespace: default}
spec:
  hosts: [scout]
  ${section}:
${rules}`;
}

describe('IST0130 VirtualServiceUnreachableRule', () => {
  it('given a catch-all before a matching rule, when analyzed, then the later rule is not used', () => {
    const yaml = virtualService(`  - route: [{destination: {host: scout, subset: v1}}]
  - match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: scout, subset: v2}}]`);
    const [diagnostic, ...rest] = withCode('IST0130', [yaml]);
    expect(rest).toEqual([]);
    expect(diagnostic?.message).toBe(
      'VirtualService rule #1 not used (route without matches defined before).',
    );
    expect(diagnostic?.level).toBe('warning');
    expect(diagnostic?.path).toEqual(['spec', 'http', 1, 'match']);
  });

  it('given two catch-alls and a rule whose matches all repeat, when analyzed, then both are reported', () => {
    const yaml = virtualService(`  - name: first
    match: [{uri: {prefix: /a}}]
    route: [{destination: {host: scout}}]
  - name: again
    match: [{uri: {prefix: /a}, name: renamed}]
    route: [{destination: {host: scout}}]
  - route: [{destination: {host: scout}}]
  - route: [{destination: {host: scout}}]`);
    expect(messagesOf('IST0130', [yaml])).toEqual([
      'VirtualService rule "again" not used (all matches used by prior rules).',
      'VirtualService rule #3 not used (only the last rule can have no matches).',
    ]);
  });

  it('given tcp rules with a catch-all first, when analyzed, then the tcp rule after it is not used', () => {
    const yaml = virtualService(
      `  - route: [{destination: {host: scout}}]
  - match: [{port: 5432}]
    route: [{destination: {host: scout}}]`,
      'tcp',
    );
    expect(messagesOf('IST0130', [yaml])).toEqual([
      'VirtualService rule #1 not used (route without matches defined before).',
    ]);
  });

  it('given specific rules before the catch-all, when analyzed, then nothing is unreachable', () => {
    const yaml = virtualService(`  - match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: scout, subset: v2}}]
  - match: [{uri: {prefix: /a}, ignoreUriCase: false}]
    route: [{destination: {host: scout}}]
  - route: [{destination: {host: scout, subset: v1}}]`);
    expect(withCode('IST0130', [yaml])).toEqual([]);
  });
});
