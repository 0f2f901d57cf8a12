import { describe, expect, it } from 'vitest';
import { messagesOf, withCode } from '../testing/analyzeYaml';

// routing-vectors.md V73.
const V73 = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: my.gateway, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["web"]
  - port: {number: 81, name: http, protocol: HTTP}
    hosts: ["*foo.example.com"]
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["a.example.com"]
  - port: {number: 8081, name: http-tls, protocol: HTTP}
    hosts: ["b.example.com"]
    tls: {mode: SIMPLE, credentialName: b-cert}
  - port: {number: 8443, name: https-2, protocol: HTTPS}
    hosts: ["c.example.com"]
    tls: {mode: SIMPLE}
  - port: {number: 9000, name: tcp, protocol: TCP, targetPort: 9000}
    hosts: ["*"]
    tls: {httpsRedirect: true}`;

describe('IST0106/IST0133 Gateway validation', () => {
  it('given the V73 Gateway, when analyzed, then every webhook message of the vector is reported', () => {
    const errors = messagesOf('IST0106', [V73]);
    const expected = [
      'invalid gateway name: "my.gateway"',
      'short names (non FQDN) are not allowed',
      'partial wildcard "*foo.example.com" not allowed',
      'port names in servers must be unique: duplicate name http',
      'server must have TLS settings for HTTPS/TLS protocols',
      'server cannot have TLS settings for plain text HTTP ports',
      'SIMPLE TLS requires a server certificate',
      'SIMPLE TLS requires a private key',
      'server cannot have TLS settings for non HTTPS/TLS ports',
      'targetPort has no impact on Gateways',
    ].map((message) => `Schema validation error: ${message}`);
    expect(errors.sort()).toEqual(expected.sort());
    expect(messagesOf('IST0133', [V73])).toEqual([
      'Schema validation warning: tls.httpsRedirect should only be used with http servers',
    ]);
  });

  it('given the V73 Gateway, when analyzed, then each message points at the offending field', () => {
    const byMessage = new Map(
      withCode('IST0106', [V73]).map((diagnostic) => [diagnostic.message, diagnostic]),
    );
    expect(
      byMessage.get('Schema validation error: invalid gateway name: "my.gateway"')?.path,
    ).toEqual(['metadata', 'name']);
    const shortName = byMessage.get(
      'Schema validation error: short names (non FQDN) are not allowed',
    );
    expect(shortName?.path).toEqual(['spec', 'servers', 0, 'hosts', 0]);
    expect(shortName?.range?.line).toBe(8);
    expect(
      byMessage.get('Schema validation error: targetPort has no impact on Gateways')?.path,
    ).toEqual(['spec', 'servers', 5, 'port', 'targetPort']);
  });

  it('given a valid Gateway (terminated HTTPS with a credential, HTTP with httpsRedirect), when analyzed, then nothing is reported', () => {
    const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["shop.example.com"]
    tls: {httpsRedirect: true}
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["shop/shop.example.com", "./admin.example.com", "10.0.0.1"]
    tls: {mode: SIMPLE, credentialName: shop-cert, minProtocolVersion: TLSV1_2}`;
    expect(withCode('IST0106', [gateway])).toEqual([]);
    expect(withCode('IST0133', [gateway])).toEqual([]);
  });

  it('given TLS settings the webhook only warns about, when analyzed, then they are IST0133 warnings', () => {
    const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["a.example.com"]
    tls:
      mode: SIMPLE
      credentialName: a-cert
      minProtocolVersion: TLSV1_1
      cipherSuites: [ECDHE-RSA-AES128-GCM-SHA256, NOT-A-CIPHER, ECDHE-RSA-AES128-GCM-SHA256]
  - port: {number: 8443, name: tls, protocol: TLS}
    hosts: ["b.example.com"]
    tls: {mode: PASSTHROUGH, credentialName: b-cert}`;
    expect(messagesOf('IST0133', [gateway]).sort()).toEqual([
      'Schema validation warning: PASSTHROUGH mode does not use certificates, they will be ignored',
      'Schema validation warning: ignoring duplicate cipher suites: [ECDHE-RSA-AES128-GCM-SHA256]',
      'Schema validation warning: ignoring invalid cipher suites: [NOT-A-CIPHER]',
    ]);
  });

  it('given ISTIO_MUTUAL with certificate files and MUTUAL without a CA, when analyzed, then both are errors', () => {
    const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: mesh-in, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 15443, name: mtls, protocol: TLS}
    hosts: ["*.local"]
    tls: {mode: ISTIO_MUTUAL, serverCertificate: /etc/cert.pem}
  - port: {number: 8443, name: mutual, protocol: HTTPS}
    hosts: ["a.example.com"]
    tls: {mode: MUTUAL, serverCertificate: /etc/cert.pem, privateKey: /etc/key.pem}`;
    expect(messagesOf('IST0106', [gateway])).toEqual([
      'Schema validation error: ISTIO_MUTUAL TLS cannot have associated server certificate',
      'Schema validation error: MUTUAL TLS requires a client CA bundle',
    ]);
  });
});
