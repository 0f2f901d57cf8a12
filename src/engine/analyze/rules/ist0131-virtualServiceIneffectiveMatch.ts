import type { ResourceRule } from '../types';
import { analyzeReachability } from '../validation/reachability';

/**
 * IST0131 VirtualServiceIneffectiveMatch: a match entry identical to an earlier one, or an http
 * `uri.prefix` that an earlier, shorter prefix with the same other conditions already covers.
 */
export const virtualServiceIneffectiveMatchRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0131-virtualServiceIneffectiveMatch',
  codes: ['IST0131'],
  check(resource, report) {
    if (resource.kind !== 'VirtualService') return;
    for (const finding of analyzeReachability(resource.spec).ineffective) {
      report({
        code: 'IST0131',
        level: 'info',
        message: `VirtualService rule ${finding.rule} match ${finding.match} is not used (duplicate/overlapping match in rule ${finding.duplicateOf}).`,
        resource: resource.key,
        path: finding.path,
      });
    }
  },
};
