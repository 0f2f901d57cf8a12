import { describe, expect, it } from 'vitest';
import { withCode } from '../testing/analyzeYaml';

function serviceEntry(extra: string): string {
  return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: db, namespace: default}
spec:
  hosts: [db.example.com]
  resolution: DNS
  ports: [{number: 5432, name: tcp-db, protocol: TCP}, {number: 80, name: http, protocol: HTTP}]
${extra}`;
}

describe('IST0134 ServiceEntryAddressesRequired (a hint)', () => {
  it('given a TCP port and no addresses, when analyzed, then it is an info message on that port', () => {
    const [diagnostic, ...rest] = withCode('IST0134', [serviceEntry('')]);
    expect(rest).toEqual([]);
    expect(diagnostic?.message).toBe('ServiceEntry addresses are required for this protocol.');
    expect(diagnostic?.level).toBe('info');
    expect(diagnostic?.path).toEqual(['spec', 'ports', 0, 'protocol']);
  });

  it('given addresses, when analyzed, then nothing is reported', () => {
    expect(withCode('IST0134', [serviceEntry('  addresses: [240.0.0.1]')])).toEqual([]);
  });
});
