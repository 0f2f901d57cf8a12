import { describe, expect, it } from 'vitest';
import { withCode } from '../testing/analyzeYaml';

function destinationRule(tls: string): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: default}
spec:
  host: api.example.com
  trafficPolicy:
    tls: ${tls}`;
}

describe('IST0128 NoServerCertificateVerificationDestinationLevel', () => {
  it('given SIMPLE TLS without caCertificates, when analyzed, then the server is not verified', () => {
    const [diagnostic] = withCode('IST0128', [destinationRule('{mode: SIMPLE}')]);
    expect(diagnostic?.message).toBe(
      'DestinationRule api in namespace default has TLS mode set to SIMPLE but no caCertificates are set to validate server identity for host: api.example.com',
    );
    expect(diagnostic?.path).toEqual(['spec', 'trafficPolicy', 'tls', 'mode']);
  });

  it('given caCertificates, or ISTIO_MUTUAL, when analyzed, then nothing is reported', () => {
    expect(
      withCode('IST0128', [destinationRule('{mode: SIMPLE, caCertificates: /etc/ca.pem}')]),
    ).toEqual([]);
    expect(withCode('IST0128', [destinationRule('{mode: ISTIO_MUTUAL}')])).toEqual([]);
  });
});
