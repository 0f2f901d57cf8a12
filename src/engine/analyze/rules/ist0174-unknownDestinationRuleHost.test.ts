import { describe, expect, it } from 'vitest';
import { F0, withCode } from '../testing/analyzeYaml';

function destinationRule(host: string, namespace = 'default'): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: rule, namespace: ${namespace}}
spec:
  host: "${host}"
  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}`;
}

describe('IST0174 UnknownDestinationRuleHost', () => {
  it('given a misspelt host, when analyzed, then it matches no service', () => {
    const [diagnostic] = withCode('IST0174', [...F0, destinationRule('reveiws')]);
    expect(diagnostic?.message).toBe(
      'The host reveiws defined in the DestinationRule does not match any services in the mesh.',
    );
    expect(diagnostic?.level).toBe('warning');
    expect(diagnostic?.path).toEqual(['spec', 'host']);
  });

  it('given a short name, a cross-namespace FQDN and a mesh-wide wildcard, when analyzed, then all match services', () => {
    expect(withCode('IST0174', [...F0, destinationRule('web')])).toEqual([]);
    expect(withCode('IST0174', [...F0, destinationRule('cart.shop.svc.cluster.local')])).toEqual(
      [],
    );
    expect(withCode('IST0174', [...F0, destinationRule('*.local', 'istio-system')])).toEqual([]);
  });
});
