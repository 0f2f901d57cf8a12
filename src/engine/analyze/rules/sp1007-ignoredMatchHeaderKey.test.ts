import { describe, expect, it } from 'vitest';
import { messagesOf, withCode } from '../testing/analyzeYaml';

function virtualService(headers: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: default}
spec:
  hosts: [web]
  http: [{match: [{headers: ${headers}}], route: [{destination: {host: web}}]}]`;
}

describe('SP1007 IgnoredMatchHeaderKey', () => {
  it('given a "method" key inside headers, when analyzed, then it warns that the match field was meant', () => {
    const [diagnostic] = withCode('SP1007', [virtualService('{method: {exact: POST}}')]);
    expect(diagnostic?.message).toBe(
      'Header key "method" in match headers: the docs say it is ignored, and Istio matches a literal "method" request header instead. Use the match\'s method field.',
    );
    expect(diagnostic?.path).toEqual(['spec', 'http', 0, 'match', 0, 'headers', 'method']);
  });

  it('given ordinary header names and pseudo-headers, when analyzed, then nothing is reported', () => {
    expect(
      messagesOf('SP1007', [
        virtualService('{x-method: {exact: POST}, ":authority": {exact: shop}}'),
      ]),
    ).toEqual([]);
  });
});
