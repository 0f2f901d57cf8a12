import { selectorMatches } from '../../model';
import type { GatewayResource, YamlPath } from '../../model';
import type { ModelRule } from '../types';

interface CertificateUse {
  readonly gateway: GatewayResource;
  readonly path: YamlPath;
}

/**
 * IST0138 GatewayDuplicateCertificate: Gateways whose selectors can pick the same pods (one's labels
 * all in the other's; an empty selector picks all) use the same certificate: the same credentialName,
 * or, without one, the same serverCertificate and privateKey. Browsers then reuse one HTTP/2
 * connection across their hosts and get 404s (routing-semantics §1.5).
 */
export const gatewayDuplicateCertificateRule: ModelRule = {
  scope: 'model',
  id: 'ist0138-gatewayDuplicateCertificate',
  codes: ['IST0138'],
  check(context, report) {
    const byCertificate = new Map<string, CertificateUse[]>();
    for (const gateway of context.model.gateways) {
      for (const [index, server] of (gateway.spec.servers ?? []).entries()) {
        const tls = server.tls;
        if (tls === undefined) continue;
        let key: string | undefined;
        let path: YamlPath = ['spec', 'servers', index, 'tls'];
        if ((tls.credentialName ?? '') !== '') {
          key = `credential\u0000${tls.credentialName ?? ''}`;
          path = [...path, 'credentialName'];
        } else if ((tls.serverCertificate ?? '') !== '' && (tls.privateKey ?? '') !== '') {
          key = `files\u0000${tls.serverCertificate ?? ''}\u0000${tls.privateKey ?? ''}`;
          path = [...path, 'serverCertificate'];
        }
        if (key === undefined) continue;
        const uses = byCertificate.get(key);
        if (uses === undefined) byCertificate.set(key, [{ gateway, path }]);
        else if (!uses.some((use) => use.gateway === gateway)) uses.push({ gateway, path });
      }
    }
    for (const uses of byCertificate.values()) {
      if (uses.length < 2) continue;
      const involved = new Set<CertificateUse>();
      for (const [index, first] of uses.entries()) {
        for (const second of uses.slice(index + 1)) {
          const a = first.gateway.spec.selector;
          const b = second.gateway.spec.selector;
          if (selectorMatches(a, b ?? {}) || selectorMatches(b, a ?? {})) {
            involved.add(first);
            involved.add(second);
          }
        }
      }
      if (involved.size < 2) continue;
      const names = [...involved]
        .map(({ gateway }) => `${gateway.namespace}/${gateway.name}`)
        .sort();
      for (const { gateway, path } of involved) {
        report({
          code: 'IST0138',
          level: 'warning',
          message: `Duplicate certificate in multiple gateways [${names.join(' ')}] may cause 404s if clients re-use HTTP2 connections.`,
          resource: gateway.key,
          path,
        });
      }
    }
  },
};
