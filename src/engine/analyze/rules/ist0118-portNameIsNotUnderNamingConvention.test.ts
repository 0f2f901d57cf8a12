import { describe, expect, it } from 'vitest';
import { withCode } from '../testing/analyzeYaml';

function service(ports: string, labels = '{}'): string {
  return `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default, labels: ${labels}}
spec:
  selector: {app: web}
  ports: ${ports}`;
}

describe('IST0118 PortNameIsNotUnderNamingConvention', () => {
  it('given a port named "web" on 8080, when analyzed, then it is an info message on the name', () => {
    const [diagnostic] = withCode('IST0118', [
      service('[{name: web, port: 8080, targetPort: 9090}]'),
    ]);
    expect(diagnostic?.message).toBe(
      "Port name web (port: 8080, targetPort: 9090) doesn't follow the naming convention of Istio port.",
    );
    expect(diagnostic?.level).toBe('info');
    expect(diagnostic?.path).toEqual(['spec', 'ports', 0, 'name']);
  });

  it('given protocol prefixes, appProtocol, UDP and well-known ports, when analyzed, then nothing is reported', () => {
    const ports =
      '[{name: http-web, port: 80}, {name: grpc-web-ui, port: 81}, {name: web, port: 82, appProtocol: http}, {name: dns, port: 53}, {name: stats, port: 9125, protocol: UDP}, {name: TCP-raw, port: 83}]';
    expect(withCode('IST0118', [service(ports)])).toEqual([]);
  });

  it('given an Istio Service (label istio), when analyzed, then it is skipped as istioctl does', () => {
    expect(
      withCode('IST0118', [service('[{name: web, port: 8080}]', '{istio: ingressgateway}')]),
    ).toEqual([]);
  });
});
