import type { ResourceRule } from '../types';

/**
 * SP1002: `rewrite.uri` replaces exactly the matched prefix, so a prefix and a rewrite that disagree
 * about the trailing slash mangle the path (routing-semantics §2.8.5): prefix `/api` + rewrite `/`
 * turns `/api/users` into `//users`, and prefix `/api/` + rewrite `/v2` gives `/v2users`. A rule
 * without a uri match behaves as prefix `/`.
 */
export const rewriteSlashMismatchRule: ResourceRule = {
  scope: 'resource',
  id: 'sp1002-rewriteSlashMismatch',
  codes: ['SP1002'],
  check(resource, report) {
    if (resource.kind !== 'VirtualService') return;
    for (const [ruleIndex, rule] of (resource.spec.http ?? []).entries()) {
      const rewrite = rule.rewrite?.uri;
      if (rewrite === undefined || rewrite === '') continue;
      // A rewrite beside a redirect or direct response is already a webhook error (IST0106).
      if (rule.redirect !== undefined || rule.directResponse !== undefined) continue;
      const matches = rule.match ?? [];
      // Without matches, or with a match that has no uri, Envoy matches on prefix `/`.
      const prefixes =
        matches.length === 0
          ? ['/']
          : matches.flatMap((match) =>
              match.uri === undefined
                ? ['/']
                : match.uri.prefix === undefined
                  ? []
                  : [match.uri.prefix],
            );
      const reported = new Set<string>();
      for (const prefix of prefixes) {
        if (reported.has(prefix) || prefix.endsWith('/') === rewrite.endsWith('/')) continue;
        reported.add(prefix);
        const requestPath = prefix.endsWith('/') ? `${prefix}users` : `${prefix}/users`;
        const rewritten = rewrite + requestPath.slice(prefix.length);
        const advice = prefix.endsWith('/')
          ? `end the rewrite with a slash (${JSON.stringify(`${rewrite}/`)})`
          : `end the prefix with a slash (${JSON.stringify(`${prefix}/`)}) or drop the slash from the rewrite`;
        report({
          code: 'SP1002',
          level: 'warning',
          message: `rewrite.uri ${JSON.stringify(rewrite)} replaces the matched prefix ${JSON.stringify(prefix)}, so ${JSON.stringify(requestPath)} becomes ${JSON.stringify(rewritten)}; ${advice}.`,
          resource: resource.key,
          path: ['spec', 'http', ruleIndex, 'rewrite', 'uri'],
        });
      }
    }
  },
};
