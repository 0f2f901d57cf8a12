import type { ResourceRule } from '../types';

const RESERVED_KEYS: ReadonlySet<string> = new Set(['uri', 'scheme', 'method', 'authority']);

/**
 * SP1007: the API docs say `uri`, `scheme`, `method` and `authority` keys inside `headers` are
 * ignored; Istio's translator actually matches a literal request header of that name, which clients
 * rarely send (routing-semantics §2.7). Either way the author meant the match field of that name.
 */
export const ignoredMatchHeaderKeyRule: ResourceRule = {
  scope: 'resource',
  id: 'sp1007-ignoredMatchHeaderKey',
  codes: ['SP1007'],
  check(resource, report) {
    if (resource.kind !== 'VirtualService') return;
    for (const [ruleIndex, rule] of (resource.spec.http ?? []).entries()) {
      for (const [matchIndex, match] of (rule.match ?? []).entries()) {
        for (const key of Object.keys(match.headers ?? {})) {
          const field = key.toLowerCase();
          if (!RESERVED_KEYS.has(field)) continue;
          report({
            code: 'SP1007',
            level: 'warning',
            message: `Header key ${JSON.stringify(key)} in match headers: the docs say it is ignored, and Istio matches a literal "${field}" request header instead. Use the match's ${field} field.`,
            resource: resource.key,
            path: ['spec', 'http', ruleIndex, 'match', matchIndex, 'headers', key],
          });
        }
      }
    }
  },
};
