import {
  selectorMatches,
  serviceEntryWorkloads,
  serviceWorkloads,
  subsetWorkloads,
} from '../../model';
import type { Finding, ModelRule } from '../types';
import { destinationRuleTarget } from './ist0174-unknownDestinationRuleHost';

/**
 * IST0173 DestinationRuleSubsetNotSelectPods: a subset whose labels select none of its host's pods,
 * so requests to it get 503 UH. Pods are the design's workloads (pod templates) that the Service
 * selects, as routing-semantics §3.1 defines subset endpoints (istioctl looks at every pod in the
 * cluster instead); for a ServiceEntry, its endpoints' labels or the workloads its selector picks.
 * When the design holds no workload of the host at all, it is a warning: the pods may exist in the
 * cluster.
 */
export const destinationRuleSubsetNotSelectPodsRule: ModelRule = {
  scope: 'model',
  id: 'ist0173-destinationRuleSubsetNotSelectPods',
  codes: ['IST0173'],
  check(context, report) {
    for (const destinationRule of context.model.destinationRules) {
      const subsets = destinationRule.spec.subsets ?? [];
      if (subsets.length === 0) continue;
      const target = destinationRuleTarget(context, destinationRule);
      if (target === undefined || target === 'wildcard') continue;
      for (const [index, subset] of subsets.entries()) {
        const labels = subset.labels ?? {};
        let level: Finding['level'];
        let note = '';
        if (target.kind === 'Service') {
          if (target.spec.selector === undefined) continue;
          if (serviceWorkloads(context.model, target).length === 0) {
            level = 'warning';
            note = ` (the design has no workload of Service ${target.namespace}/${target.name}; its pods may exist in the cluster)`;
          } else if (subsetWorkloads(context.model, target, labels).length > 0) {
            continue;
          } else {
            level = 'error';
          }
        } else {
          const endpoints = target.spec.endpoints ?? [];
          if (endpoints.length > 0) {
            if (endpoints.some((endpoint) => selectorMatches(labels, endpoint.labels ?? {})))
              continue;
            level = 'error';
          } else if (target.spec.workloadSelector !== undefined) {
            const workloads = serviceEntryWorkloads(context.model, target);
            if (workloads.some((workload) => selectorMatches(labels, workload.spec.podLabels)))
              continue;
            level = workloads.length === 0 ? 'warning' : 'error';
            if (workloads.length === 0) {
              note = ` (the design has no workload of ServiceEntry ${target.namespace}/${target.name}; its pods may exist in the cluster)`;
            }
          } else {
            // Without endpoints or a selector the ServiceEntry's endpoints are not in the design.
            continue;
          }
        }
        report({
          code: 'IST0173',
          level,
          message: `The Subset ${subset.name ?? ''} defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).${note}`,
          resource: destinationRule.key,
          path: ['spec', 'subsets', index, subset.labels === undefined ? 'name' : 'labels'],
        });
      }
    }
  },
};
