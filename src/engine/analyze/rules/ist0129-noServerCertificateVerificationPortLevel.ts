import type { ResourceRule } from '../types';
import { recordAt, type LooseRecord } from '../validation/values';
import { unverifiedTlsMode } from './ist0128-noServerCertificateVerificationDestinationLevel';

/** IST0129 NoServerCertificateVerificationPortLevel: IST0128's check on `portLevelSettings[].tls`. */
export const noServerCertificateVerificationPortLevelRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0129-noServerCertificateVerificationPortLevel',
  codes: ['IST0129'],
  check(resource, report) {
    if (resource.kind !== 'DestinationRule') return;
    for (const [index, setting] of (
      resource.spec.trafficPolicy?.portLevelSettings ?? []
    ).entries()) {
      const mode = unverifiedTlsMode(resource, recordAt(setting as LooseRecord, 'tls'));
      if (mode === undefined) continue;
      // Istio prints the port selector in protobuf text form.
      const port = setting.port?.number === undefined ? '' : `number:${setting.port.number}`;
      report({
        code: 'IST0129',
        level: 'warning',
        message: `DestinationRule ${resource.name} in namespace ${resource.namespace} has TLS mode set to ${mode} but no caCertificates are set to validate server identity for host: ${resource.spec.host ?? ''} at port ${port}`,
        resource: resource.key,
        path: ['spec', 'trafficPolicy', 'portLevelSettings', index, 'tls', 'mode'],
      });
    }
  },
};
