import { describe, expect, it } from 'vitest';
import { messagesOf } from '../testing/analyzeYaml';

function gateway(annotations: string): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: istio-system
  annotations: {${annotations}}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`;
}

describe('IST0106 annotations the webhook rejects', () => {
  it('given istio.io/dry-run on a Gateway, when analyzed, then it is refused', () => {
    expect(messagesOf('IST0106', [gateway('"istio.io/dry-run": "true"')])).toEqual([
      'Schema validation error: istio-system/public has unsupported annotation istio.io/dry-run, please remove the annotation',
    ]);
  });

  it('given the always-reject annotation, when analyzed, then it is refused', () => {
    expect(
      messagesOf('IST0106', [gateway('"internal.istio.io/webhook-always-reject": "x"')]),
    ).toEqual([
      'Schema validation error: "internal.istio.io/webhook-always-reject" annotation found, rejecting',
    ]);
  });

  it('given ordinary annotations, when analyzed, then nothing is reported', () => {
    expect(
      messagesOf('IST0106', [gateway('"team": "shop", "sidecar.istio.io/inject": "false"')]),
    ).toEqual([]);
  });
});
