import { describe, expect, it } from 'vitest';
import { messagesOf, withCode } from '../testing/analyzeYaml';

function virtualService(rules: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: default}
spec:
  hosts: [api]
  http:
${rules}`;
}

describe('IST0131 VirtualServiceIneffectiveMatch', () => {
  it('given a later prefix that an earlier shorter prefix covers, when analyzed, then the later match is not used', () => {
    const yaml = virtualService(`  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: api}}]
  - match: [{uri: {prefix: /api/v1}}]
    route: [{destination: {host: api}}]`);
    const [diagnostic] = withCode('IST0131', [yaml]);
    expect(diagnostic?.message).toBe(
      'VirtualService rule #1 match #0 of prefix /api/v1 is not used (duplicate/overlapping match in rule #0 of prefix /api on #0).',
    );
    expect(diagnostic?.level).toBe('info');
  });

  it('given one duplicated match among several, when analyzed, then only that match is ineffective', () => {
    const yaml = virtualService(`  - name: a
    match: [{uri: {exact: /x}}]
    route: [{destination: {host: api}}]
  - name: b
    match: [{uri: {exact: /x}}, {uri: {exact: /y}}]
    route: [{destination: {host: api}}]`);
    expect(messagesOf('IST0131', [yaml])).toEqual([
      'VirtualService rule "b" match #0 is not used (duplicate/overlapping match in rule "a").',
    ]);
  });

  it('given a longer prefix that also needs a header, when analyzed, then it is not covered', () => {
    const yaml = virtualService(`  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: api}}]
  - match: [{uri: {prefix: /api/v1}, headers: {x-beta: {exact: "1"}}}]
    route: [{destination: {host: api}}]`);
    expect(withCode('IST0131', [yaml])).toEqual([]);
  });
});
