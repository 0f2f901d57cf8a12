import { describe, expect, it } from 'vitest';
import { withCode } from '../testing/analyzeYaml';

function serviceEntry(
  name: string,
  protocol: string,
  exportTo = '["*"]',
  namespace = 'default',
): string {
  return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  hosts: [api.example.com]
  exportTo: ${exportTo}
  ports: [{number: 443, name: ${protocol.toLowerCase()}, protocol: ${protocol}}]
  resolution: DNS`;
}

describe('IST0177 ConflictingServiceEntryProtocol', () => {
  it('given two ServiceEntries with one host and port but HTTP and TLS, when analyzed, then each gets the warning', () => {
    const diagnostics = withCode('IST0177', [
      serviceEntry('api-http', 'HTTP'),
      serviceEntry('api-tls', 'TLS'),
    ]);
    expect(diagnostics.map((diagnostic) => diagnostic.resource)).toEqual([
      'ServiceEntry/default/api-http',
      'ServiceEntry/default/api-tls',
    ]);
    expect(diagnostics[0]?.message).toBe(
      'Multiple ServiceEntries (default/api-http, default/api-tls) define the same host "api.example.com" and port 443 with conflicting protocols (HTTP, TLS).',
    );
  });

  it('given the same protocol in other case, or scopes that do not overlap, when analyzed, then nothing is reported', () => {
    expect(withCode('IST0177', [serviceEntry('a', 'TLS'), serviceEntry('b', 'tls')])).toEqual([]);
    expect(
      withCode('IST0177', [
        serviceEntry('a', 'HTTP', '["."]', 'one'),
        serviceEntry('b', 'TLS', '["."]', 'two'),
      ]),
    ).toEqual([]);
  });
});
