import type { DestinationRuleResource } from '../../model';
import type { ResourceRule } from '../types';
import { stringAt, type LooseRecord } from '../validation/values';

/**
 * The TLS mode when a client TLS setting originates TLS (SIMPLE or MUTUAL) without a CA to verify
 * the server with; undefined otherwise.
 */
export function unverifiedTlsMode(
  destinationRule: DestinationRuleResource,
  tls: LooseRecord | undefined,
): string | undefined {
  const mode = stringAt(tls, 'mode');
  if (mode !== 'SIMPLE' && mode !== 'MUTUAL') return undefined;
  if ((stringAt(tls, 'caCertificates') ?? '') !== '') return undefined;
  // A credentialName on a workload-selected rule brings its own CA (the gateway's Secret).
  const selectsWorkloads = destinationRule.spec.workloadSelector !== undefined;
  return (stringAt(tls, 'credentialName') ?? '') !== '' && selectsWorkloads ? undefined : mode;
}

/**
 * IST0128 NoServerCertificateVerificationDestinationLevel: `trafficPolicy.tls` is SIMPLE or MUTUAL
 * without caCertificates, so the upstream's certificate is not verified. Subset policies are not
 * checked, as in istioctl.
 */
export const noServerCertificateVerificationDestinationLevelRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0128-noServerCertificateVerificationDestinationLevel',
  codes: ['IST0128'],
  check(resource, report) {
    if (resource.kind !== 'DestinationRule') return;
    const mode = unverifiedTlsMode(resource, resource.spec.trafficPolicy?.tls);
    if (mode === undefined) return;
    report({
      code: 'IST0128',
      level: 'warning',
      message: `DestinationRule ${resource.name} in namespace ${resource.namespace} has TLS mode set to ${mode} but no caCertificates are set to validate server identity for host: ${resource.spec.host ?? ''}`,
      resource: resource.key,
      path: ['spec', 'trafficPolicy', 'tls', 'mode'],
    });
  },
};
