import { describe, expect, it } from 'vitest';
import { F0, deployment, withCode } from '../testing/analyzeYaml';

function gateway(port: number): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: ${port}, name: web, protocol: HTTP}, hosts: ["*"]}]`;
}

describe('IST0162 GatewayPortNotDefinedOnService', () => {
  it('given a server port that is neither a Service port nor a target port, when analyzed, then it is a warning on the port', () => {
    const [diagnostic] = withCode('IST0162', [...F0, gateway(9443)]);
    expect(diagnostic?.message).toBe(
      'The gateway is listening on a target port (port 9443) that is not defined in the Service associated with its workload instances (Pod selector istio=ingressgateway). If you need to access the gateway port through the gateway Service, it will not be available.',
    );
    expect(diagnostic?.path).toEqual(['spec', 'servers', 0, 'port', 'number']);
  });

  it('given the classic 80->8080 Service and a server on 80 or 8080 (port translation, routing-semantics §1.3), when analyzed, then nothing is reported', () => {
    expect(withCode('IST0162', [...F0, gateway(80)])).toEqual([]);
    expect(withCode('IST0162', [...F0, gateway(8080)])).toEqual([]);
  });

  it('given gateway pods with no Service in front of them in the design, when analyzed, then the warning says the Service may exist in the cluster', () => {
    const pods = deployment('my-gateway', 'shop', { app: 'my-gateway', istio: 'my-gateway' });
    const custom = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: custom, namespace: shop}
spec:
  selector: {app: my-gateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`;
    const [diagnostic] = withCode('IST0162', [pods, custom]);
    expect(diagnostic?.level).toBe('warning');
    expect(diagnostic?.message).toMatch(
      /will not be available\. \(the design has no Service in front of these pods; it may exist in the cluster\)$/,
    );
  });

  it('given a Service in front of the pods that lacks the port, when analyzed, then the warning makes no such allowance', () => {
    const [diagnostic] = withCode('IST0162', [...F0, gateway(9443)]);
    expect(diagnostic?.message).not.toContain('may exist in the cluster');
  });
});
