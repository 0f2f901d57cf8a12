import { describe, expect, it } from 'vitest';
import { F0, withCode } from '../testing/analyzeYaml';

function gateway(tls: string): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: forgot-mode, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: [shop.example.com], tls: ${tls}}]`;
}

describe('SP1001 HttpsServerWithoutTlsMode (V16)', () => {
  it('given an HTTPS server with a credential but no mode, when analyzed, then it warns that it is silently passthrough', () => {
    const [diagnostic] = withCode('SP1001', [...F0, gateway('{credentialName: shop-cert}')]);
    expect(diagnostic?.level).toBe('warning');
    expect(diagnostic?.message).toBe(
      'HTTPS server on port 443 has tls settings but no mode: Istio treats it as PASSTHROUGH, so TLS is not terminated, its certificate is ignored and http routes do not apply. Set tls.mode (for example SIMPLE) to terminate TLS.',
    );
    expect(diagnostic?.path).toEqual(['spec', 'servers', 0, 'tls']);
  });

  it('given an explicit mode, even PASSTHROUGH, when analyzed, then nothing is reported', () => {
    expect(
      withCode('SP1001', [...F0, gateway('{mode: SIMPLE, credentialName: shop-cert}')]),
    ).toEqual([]);
    expect(withCode('SP1001', [...F0, gateway('{mode: PASSTHROUGH}')])).toEqual([]);
  });
});
