import { describe, expect, it } from 'vitest';
import { messagesOf } from '../testing/analyzeYaml';

function destinationRule(tls: string): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: default}
spec:
  host: api.example.com
  trafficPolicy:
    portLevelSettings:
    - port: {number: 443}
      tls: ${tls}`;
}

describe('IST0129 NoServerCertificateVerificationPortLevel', () => {
  it('given port-level MUTUAL TLS without a CA, when analyzed, then the port is named', () => {
    expect(
      messagesOf('IST0129', [
        destinationRule('{mode: MUTUAL, clientCertificate: /c.pem, privateKey: /k.pem}'),
      ]),
    ).toEqual([
      'DestinationRule api in namespace default has TLS mode set to MUTUAL but no caCertificates are set to validate server identity for host: api.example.com at port number:443',
    ]);
  });

  it('given port-level TLS with a CA, when analyzed, then nothing is reported', () => {
    expect(
      messagesOf('IST0129', [destinationRule('{mode: SIMPLE, caCertificates: /ca.pem}')]),
    ).toEqual([]);
  });
});
