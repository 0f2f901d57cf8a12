import type { Labels, YamlPath } from '../../model';
import { schemaReporter, type SchemaReporter } from '../schemaReporter';
import type { ResourceRule } from '../types';
import { validateExportTo } from '../validation/exportTo';
import { validateLabels, validateWildcardDomain } from '../validation/names';
import { validateSubsetName } from '../validation/routing';
import { validateTrafficPolicy } from '../validation/trafficPolicy';

/** The webhook's DestinationRule checks (analyzers.md §2.3): IST0106 errors, IST0133 warnings. */
export const destinationRuleValidationRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0106-destinationRuleValidation',
  codes: ['IST0106', 'IST0133'],
  check(resource, report) {
    if (resource.kind !== 'DestinationRule') return;
    const reporter = schemaReporter(resource, report);
    const spec = resource.spec;
    const hostProblem = validateWildcardDomain(spec.host ?? '');
    if (hostProblem !== undefined) reporter.error(['spec', 'host'], hostProblem);
    if (spec.trafficPolicy !== undefined) {
      validateTrafficPolicy(
        spec.trafficPolicy,
        ['spec', 'trafficPolicy'],
        resource.namespace,
        reporter,
      );
    }
    const names = new Set<string>();
    for (const [index, subset] of (spec.subsets ?? []).entries()) {
      const path = ['spec', 'subsets', index];
      const name = subset.name ?? '';
      if (names.has(name)) reporter.error([...path, 'name'], `duplicate subset names: ${name}`);
      names.add(name);
      const nameProblem = validateSubsetName(name);
      if (nameProblem !== undefined) reporter.error([...path, 'name'], nameProblem);
      validateSubsetLabels(subset.labels ?? {}, [...path, 'labels'], reporter);
      if (subset.trafficPolicy !== undefined) {
        validateTrafficPolicy(
          subset.trafficPolicy,
          [...path, 'trafficPolicy'],
          resource.namespace,
          reporter,
        );
      }
    }
    const workloadSelector = spec.workloadSelector;
    for (const problem of validateExportTo(spec.exportTo, {
      namespace: resource.namespace,
      isServiceEntry: false,
      isDestinationRuleWithSelector: workloadSelector !== undefined,
    })) {
      reporter.error(
        problem.index === undefined ? ['spec', 'exportTo'] : ['spec', 'exportTo', problem.index],
        problem.message,
      );
    }
    if (workloadSelector !== undefined) {
      validateWorkloadSelector(
        workloadSelector.matchLabels ?? {},
        ['spec', 'workloadSelector'],
        reporter,
      );
    }
  },
};

function validateSubsetLabels(labels: Labels, path: YamlPath, reporter: SchemaReporter): void {
  for (const problem of validateLabels(labels)) reporter.error(path, problem);
  // The CRD's CEL rule forbids wildcards in subset labels.
  for (const [key, value] of Object.entries(labels)) {
    if (key.includes('*') || value.includes('*')) {
      reporter.error(
        [...path, key],
        `wildcard is not supported in subset labels: ${JSON.stringify(`${key}=${value}`)}`,
      );
    }
  }
}

/** A workload selector: no empty keys, no `*`, and (warning) at least one label. */
export function validateWorkloadSelector(
  labels: Labels,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  const entries = Object.entries(labels);
  for (const [key, value] of entries) {
    const pair = JSON.stringify(`${key}=${value}`);
    if (key === '') reporter.error(path, `empty key is not supported in selector: ${pair}`);
    if (key.includes('*') || value.includes('*')) {
      reporter.error(
        [...path, 'matchLabels', key],
        `wildcard is not supported in selector: ${pair}`,
      );
    }
  }
  if (entries.length === 0) reporter.warning(path, 'workload selector specified without labels');
}
