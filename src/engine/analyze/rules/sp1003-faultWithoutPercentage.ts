import type { ResourceRule } from '../types';

/**
 * SP1003: a fault abort or delay without `percentage` applies to no request at all (the API says
 * "if left unspecified, no request will be aborted/delayed"; routing-semantics §2.8.7). The
 * deprecated integer `delay.percent` still counts as a percentage.
 */
export const faultWithoutPercentageRule: ResourceRule = {
  scope: 'resource',
  id: 'sp1003-faultWithoutPercentage',
  codes: ['SP1003'],
  check(resource, report) {
    if (resource.kind !== 'VirtualService') return;
    for (const [ruleIndex, rule] of (resource.spec.http ?? []).entries()) {
      const fault = rule.fault;
      if (fault === undefined) continue;
      if (fault.abort !== undefined && fault.abort.percentage === undefined) {
        report({
          code: 'SP1003',
          level: 'warning',
          message:
            'fault.abort has no percentage, so no request is aborted; set percentage.value (0-100).',
          resource: resource.key,
          path: ['spec', 'http', ruleIndex, 'fault', 'abort'],
        });
      }
      if (
        fault.delay !== undefined &&
        fault.delay.percentage === undefined &&
        fault.delay.percent === undefined
      ) {
        report({
          code: 'SP1003',
          level: 'warning',
          message:
            'fault.delay has no percentage, so no request is delayed; set percentage.value (0-100).',
          resource: resource.key,
          path: ['spec', 'http', ruleIndex, 'fault', 'delay'],
        });
      }
    }
  },
};
