import type { ResourceRule } from '../types';
import { analyzeReachability } from '../validation/reachability';

/**
 * IST0130 VirtualServiceUnreachableRule: a rule after a catch-all, a second catch-all, or a rule whose
 * every match an earlier rule already has. Istio raises it from validation, for http, tcp and tls.
 */
export const virtualServiceUnreachableRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0130-virtualServiceUnreachableRule',
  codes: ['IST0130'],
  check(resource, report) {
    if (resource.kind !== 'VirtualService') return;
    for (const finding of analyzeReachability(resource.spec).unreachable) {
      report({
        code: 'IST0130',
        level: 'warning',
        message: `VirtualService rule ${finding.rule} not used (${finding.reason}).`,
        resource: resource.key,
        path: finding.path,
      });
    }
  },
};
