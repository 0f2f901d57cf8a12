import { describe, expect, it } from 'vitest';
import { messagesOf, withCode } from '../testing/analyzeYaml';

function virtualService(rule: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: rewrite, namespace: default}
spec:
  hosts: [web]
  http:
${rule}`;
}

describe('SP1002 RewriteSlashMismatch (V50, V51)', () => {
  it('given prefix /legacy and rewrite /, when analyzed, then it shows the double slash', () => {
    const [diagnostic] = withCode('SP1002', [
      virtualService(
        '  - match: [{uri: {prefix: /legacy}}]\n    rewrite: {uri: /}\n    route: [{destination: {host: web}}]',
      ),
    ]);
    expect(diagnostic?.message).toBe(
      'rewrite.uri "/" replaces the matched prefix "/legacy", so "/legacy/users" becomes "//users"; end the prefix with a slash ("/legacy/") or drop the slash from the rewrite.',
    );
    expect(diagnostic?.path).toEqual(['spec', 'http', 0, 'rewrite', 'uri']);
  });

  it('given a rule without a uri match and rewrite /v2, when analyzed, then it shows the missing slash', () => {
    expect(
      messagesOf('SP1002', [
        virtualService(
          '  - match: [{headers: {x-v2: {exact: "1"}}}]\n    rewrite: {uri: /v2}\n    route: [{destination: {host: web}}]',
        ),
      ]),
    ).toEqual([
      'rewrite.uri "/v2" replaces the matched prefix "/", so "/users" becomes "/v2users"; end the rewrite with a slash ("/v2/").',
    ]);
  });

  it('given matching slashes, or an exact match, when analyzed, then nothing is reported', () => {
    expect(
      withCode('SP1002', [
        virtualService(
          '  - match: [{uri: {prefix: /legacy/}}]\n    rewrite: {uri: /}\n    route: [{destination: {host: web}}]',
        ),
      ]),
    ).toEqual([]);
    expect(
      withCode('SP1002', [
        virtualService(
          '  - match: [{uri: {exact: /old}}]\n    rewrite: {uri: /new/}\n    route: [{destination: {host: web}}]',
        ),
      ]),
    ).toEqual([]);
  });

  it('given a rewrite beside a redirect, which the webhook already refuses, when analyzed, then SP1002 stays quiet', () => {
    expect(
      withCode('SP1002', [virtualService('  - redirect: {uri: /x}\n    rewrite: {uri: /y}')]),
    ).toEqual([]);
  });
});
