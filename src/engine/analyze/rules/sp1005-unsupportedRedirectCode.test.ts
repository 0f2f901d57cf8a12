import { describe, expect, it } from 'vitest';
import { messagesOf, withCode } from '../testing/analyzeYaml';

function virtualService(code: number): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: misc, namespace: default}
spec:
  hosts: [web]
  http: [{redirect: {uri: /x, redirectCode: ${code}}}]`;
}

describe('SP1005 UnsupportedRedirectCode (V76 r2)', () => {
  it('given redirect code 300, which the webhook accepts, when analyzed, then it is an error', () => {
    expect(messagesOf('SP1005', [virtualService(300)])).toEqual([
      'Redirect code 300 is not translated by Istio (only 301, 302, 303, 307 and 308 are): the route is emitted without an action.',
    ]);
    expect(withCode('IST0106', [virtualService(300)])).toEqual([]);
  });

  it('given 308, or a code the webhook already refuses, when analyzed, then SP1005 stays quiet', () => {
    expect(withCode('SP1005', [virtualService(308)])).toEqual([]);
    expect(withCode('SP1005', [virtualService(250)])).toEqual([]);
  });
});
