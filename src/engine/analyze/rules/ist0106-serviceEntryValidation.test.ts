import { describe, expect, it } from 'vitest';
import { messagesOf, withCode } from '../testing/analyzeYaml';

const error = (message: string): string => `Schema validation error: ${message}`;

function serviceEntry(spec: string, name = 'external'): string {
  return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ${name}, namespace: default}
spec:
${spec}`;
}

describe('IST0106/IST0133 ServiceEntry validation', () => {
  it('given hosts, ports and resolution that break the rules, when analyzed, then each is refused', () => {
    const yaml = serviceEntry(`  hosts: ["*", "api.example.com", "db.example.com"]
  addresses: [10.0.0.0/24]
  resolution: DNS
  ports:
  - {number: 443, name: https, protocol: HTTPS}
  - {number: 443, name: https, protocol: TLS}
  - {number: 5432, name: db, protocol: TCP}`);
    expect(messagesOf('IST0106', [yaml]).sort()).toEqual(
      [
        'invalid host *',
        'CIDR addresses are allowed only for NONE/STATIC resolution types',
        'service entry port name "https" already defined',
        'service entry port 443 already defined',
        'hosts must be FQDN if no endpoints are provided for resolution mode DNS',
        'multiple hosts provided with non-HTTP, non-TLS ports',
      ]
        .map(error)
        .sort(),
    );
  });

  it('given resolution NONE with endpoints and STATIC endpoints on unknown ports, when analyzed, then both are refused', () => {
    const none = serviceEntry(`  hosts: [a.example.com]
  ports: [{number: 80, name: http, protocol: HTTP}]
  endpoints: [{address: 10.0.0.1}]`);
    const staticEntry = serviceEntry(
      `  hosts: [b.example.com]
  resolution: STATIC
  ports: [{number: 80, name: http, protocol: HTTP}]
  endpoints: [{address: b.example.com, ports: {grpc: 9090}}]`,
      'static',
    );
    expect(messagesOf('IST0106', [none])).toEqual([
      error('no endpoints should be provided for resolution type none'),
    ]);
    expect(messagesOf('IST0106', [staticEntry])).toEqual([
      error('endpoint address "b.example.com" is not a valid IP address'),
      error('endpoint port 9090 is not defined by the service entry'),
    ]);
  });

  it('given a partial wildcard host and a TCP port without addresses or auto-allocation, when analyzed, then they are warnings', () => {
    const yaml = serviceEntry(`  hosts: ["*api.example.com"]
  location: MESH_EXTERNAL
  ports: [{number: 5432, name: tcp-db, protocol: TCP}]`);
    expect(messagesOf('IST0133', [yaml])).toEqual([
      'Schema validation warning: partial wildcard "*api.example.com" not allowed',
      'Schema validation warning: addresses are required for ports serving TCP (or unset) protocol when ISTIO_META_DNS_AUTO_ALLOCATE is not set on a proxy',
    ]);
  });

  it('given a valid DNS ServiceEntry, when analyzed, then nothing is reported', () => {
    const yaml = serviceEntry(`  hosts: [httpbin.org, www.httpbin.org]
  location: MESH_EXTERNAL
  resolution: DNS
  exportTo: ["."]
  ports: [{number: 443, name: https, protocol: TLS}, {number: 80, name: http, protocol: HTTP}]`);
    expect(withCode('IST0106', [yaml])).toEqual([]);
    expect(withCode('IST0133', [yaml])).toEqual([]);
  });
});
