import type { ResourceRule } from '../types';

const TRANSLATED_REDIRECT_CODES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * SP1005: the webhook accepts any 3xx redirect code, but Istio's translator only knows 301, 302,
 * 303, 307 and 308; for any other code it logs a warning and emits the route without an action
 * (routing-semantics §2.8.3), so the redirect never happens.
 */
export const unsupportedRedirectCodeRule: ResourceRule = {
  scope: 'resource',
  id: 'sp1005-unsupportedRedirectCode',
  codes: ['SP1005'],
  check(resource, report) {
    if (resource.kind !== 'VirtualService') return;
    for (const [ruleIndex, rule] of (resource.spec.http ?? []).entries()) {
      const code = rule.redirect?.redirectCode;
      // Codes outside 3xx are the webhook's (IST0106); this rule covers what the webhook lets through.
      if (code === undefined || code < 300 || code > 399 || TRANSLATED_REDIRECT_CODES.has(code))
        continue;
      report({
        code: 'SP1005',
        level: 'error',
        message: `Redirect code ${code} is not translated by Istio (only 301, 302, 303, 307 and 308 are): the route is emitted without an action.`,
        resource: resource.key,
        path: ['spec', 'http', ruleIndex, 'redirect', 'redirectCode'],
      });
    }
  },
};
