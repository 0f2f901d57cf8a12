import { describe, expect, it } from 'vitest';
import { F0, F1, withCode } from '../testing/analyzeYaml';

const multiPort = `apiVersion: v1
kind: Service
metadata: {name: multi, namespace: default}
spec:
  selector: {app: multi}
  ports: [{name: http, port: 8080}, {name: http-admin, port: 9090}]`;

function virtualService(destination: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: multi, namespace: default}
spec:
  hosts: ["shop.example.com"]
  gateways: [istio-system/public]
  http: [{route: [{destination: ${destination}}]}]`;
}

describe('IST0112 VirtualServiceDestinationPortSelectorRequired (V41)', () => {
  it('given a destination without a port to a two-port Service, when analyzed, then a port is required', () => {
    const [diagnostic, ...rest] = withCode('IST0112', [
      ...F0,
      F1,
      multiPort,
      virtualService('{host: multi}'),
    ]);
    expect(rest).toEqual([]);
    expect(diagnostic?.message).toBe(
      'This VirtualService routes to a service "multi" that exposes multiple ports [8080 9090]. Specifying a port in the destination is required to disambiguate.',
    );
    expect(diagnostic?.level).toBe('error');
  });

  it('given the port, or a one-port Service, when analyzed, then nothing is reported', () => {
    expect(
      withCode('IST0112', [
        ...F0,
        F1,
        multiPort,
        virtualService('{host: multi, port: {number: 9090}}'),
      ]),
    ).toEqual([]);
    expect(withCode('IST0112', [...F0, F1, virtualService('{host: web}')])).toEqual([]);
  });
});
