import { parseProtocol } from '../../model';
import type { ResourceRule } from '../types';

/**
 * SP1001: an HTTPS server with `tls` but no `mode`. PASSTHROUGH is the enum's zero value, so the
 * server silently passes TLS through: its certificate is ignored and its http routes never apply
 * (routing-semantics §1.2). The webhook only warns when certificate fields are set.
 */
export const httpsServerWithoutTlsModeRule: ResourceRule = {
  scope: 'resource',
  id: 'sp1001-httpsServerWithoutTlsMode',
  codes: ['SP1001'],
  check(resource, report) {
    if (resource.kind !== 'Gateway') return;
    for (const [index, server] of (resource.spec.servers ?? []).entries()) {
      if (parseProtocol(server.port?.protocol) !== 'HTTPS') continue;
      if (server.tls === undefined || server.tls.mode !== undefined) continue;
      const port = server.port?.number === undefined ? '' : ` on port ${server.port.number}`;
      report({
        code: 'SP1001',
        level: 'warning',
        message: `HTTPS server${port} has tls settings but no mode: Istio treats it as PASSTHROUGH, so TLS is not terminated, its certificate is ignored and http routes do not apply. Set tls.mode (for example SIMPLE) to terminate TLS.`,
        resource: resource.key,
        path: ['spec', 'servers', index, 'tls'],
      });
    }
  },
};
