import { describe, expect, it } from 'vitest';
import { messagesOf, withCode } from '../testing/analyzeYaml';

const error = (message: string): string => `Schema validation error: ${message}`;

function destinationRule(spec: string, name = 'web'): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: default}
spec:
${spec}`;
}

describe('IST0106/IST0133 DestinationRule validation (routing-vectors V75)', () => {
  it('given V75, when analyzed, then duplicate and invalid subset names and an empty port policy are refused', () => {
    const yaml = destinationRule(
      `  host: web
  trafficPolicy:
    portLevelSettings:
    - port: {number: 80}
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v1, labels: {version: v1b}}
  - {name: v_2, labels: {version: v2}}`,
      'bad-dr',
    );
    expect(messagesOf('IST0106', [yaml])).toEqual([
      error('port traffic policy must have at least one field'),
      error('duplicate subset names: v1'),
      error('subset name is invalid: v_2'),
    ]);
  });

  it('given traffic policies that break the webhook rules, when analyzed, then each is refused', () => {
    const yaml = destinationRule(`  host: web
  trafficPolicy:
    connectionPool: {http: {http1MaxPendingRequests: -1, h2UpgradePolicy: UPGRADE, useClientProtocol: true}}
    outlierDetection: {consecutiveLocalOriginFailures: 5, interval: 1500us, maxEjectionPercent: 120}
    loadBalancer:
      consistentHash: {maglev: {tableSize: 1000}}
    tls: {mode: MUTUAL}`);
    expect(messagesOf('IST0106', [yaml]).sort()).toEqual(
      [
        'outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false',
        'only durations to ms precision are supported',
        'percentage 120 is not in range 0..100',
        'http1 max pending requests must be non-negative',
        'use client protocol must not be true when H2UpgradePolicy is UPGRADE',
        'tableSize must be a prime number for maglev',
        'client certificate required for mutual tls',
        'private key required for mutual tls',
      ]
        .map(error)
        .sort(),
    );
  });

  it('given locality load balancing whose weights do not total 100, when analyzed, then it is refused', () => {
    const yaml = destinationRule(`  host: web
  trafficPolicy:
    outlierDetection: {consecutive5xxErrors: 3}
    loadBalancer:
      localityLbSetting:
        distribute:
        - from: us-west/zone1/*
          to: {"us-west/zone1/*": 80, "us-west/zone2/*": 10}`);
    expect(messagesOf('IST0106', [yaml])).toEqual([error('total locality weight 90 != 100')]);
  });

  it('given a workload selector with a wildcard and exportTo elsewhere, when analyzed, then both are refused', () => {
    const yaml = destinationRule(`  host: web
  exportTo: [other]
  workloadSelector: {matchLabels: {app: "*"}}
  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}`);
    expect(messagesOf('IST0106', [yaml])).toEqual([
      error(
        'destination rule with workload selector cannot have exportTo beyond current namespace',
      ),
      error('wildcard is not supported in selector: "app=*"'),
    ]);
  });

  it('given a deprecated field and failover without outlier detection, when analyzed, then they are warnings', () => {
    const yaml = destinationRule(`  host: web
  trafficPolicy:
    loadBalancer:
      consistentHash: {minimumRingSize: 1024}
      localityLbSetting: {failover: [{from: us-east, to: us-west}]}`);
    expect(messagesOf('IST0133', [yaml]).sort()).toEqual([
      "Schema validation warning: consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead",
      'Schema validation warning: outlier detection policy must be provided for failover',
    ]);
    expect(withCode('IST0106', [yaml])).toEqual([]);
  });

  it('given a valid DestinationRule, when analyzed, then nothing is reported', () => {
    const yaml = destinationRule(`  host: web.default.svc.cluster.local
  exportTo: [".", istio-system]
  trafficPolicy:
    loadBalancer: {consistentHash: {maglev: {tableSize: 65537}}}
    connectionPool: {tcp: {maxConnections: 100, connectTimeout: 30ms, idleTimeout: 0s}}
    portLevelSettings: [{port: {number: 80}, tls: {mode: SIMPLE, credentialName: web-ca}}]
  subsets:
  - {name: v1, labels: {version: v1}, trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}}`);
    expect(withCode('IST0106', [yaml])).toEqual([]);
    expect(withCode('IST0133', [yaml])).toEqual([]);
  });
});
