import { hostSubsetOf, indexModel, isVisibleTo, resolveHost } from '../../model';
import type { DestinationRuleResource, ServiceEntryResource, ServiceResource } from '../../model';
import type { AnalysisContext } from '../context';
import type { ModelRule } from '../types';

/**
 * The Service or ServiceEntry a DestinationRule is for: one visible from the rule's namespace, or
 * one in a namespace the rule is exported to. A wildcard rule host (`*.local`, a common mesh-wide
 * TLS rule) is known when it covers any registry host. Undefined when the host names nothing.
 */
export function destinationRuleTarget(
  context: AnalysisContext,
  destinationRule: DestinationRuleResource,
): ServiceResource | ServiceEntryResource | 'wildcard' | undefined {
  const written = destinationRule.spec.host;
  if (written === undefined || written === '') return undefined;
  const host = resolveHost(written, destinationRule.namespace, context.model.clusterDomain);
  if (host.startsWith('*')) {
    const index = indexModel(context.model);
    for (const fqdn of index.servicesByFqdn.keys()) if (hostSubsetOf(fqdn, host)) return 'wildcard';
    for (const entryHost of index.serviceEntriesByHost.keys())
      if (hostSubsetOf(entryHost, host)) return 'wildcard';
    return undefined;
  }
  const lookup = context.lookupHost(host, destinationRule.namespace);
  const [visible] = lookup.visible;
  if (visible !== undefined) return visible;
  const exportTo = destinationRule.spec.exportTo ?? [];
  return lookup.hidden.find((resource) =>
    exportTo.some(
      (entry) => entry !== '.' && entry !== '~' && (entry === '*' || isVisibleTo(resource, entry)),
    ),
  );
}

/**
 * IST0174 UnknownDestinationRuleHost: the DestinationRule's host (resolved in its namespace) names no
 * Service or ServiceEntry it can see. Wildcard ServiceEntry hosts match by suffix.
 */
export const unknownDestinationRuleHostRule: ModelRule = {
  scope: 'model',
  id: 'ist0174-unknownDestinationRuleHost',
  codes: ['IST0174'],
  check(context, report) {
    for (const destinationRule of context.model.destinationRules) {
      const host = destinationRule.spec.host;
      if (host === undefined || host === '') continue;
      if (destinationRuleTarget(context, destinationRule) !== undefined) continue;
      report({
        code: 'IST0174',
        level: 'warning',
        message: `The host ${host} defined in the DestinationRule does not match any services in the mesh.`,
        resource: destinationRule.key,
        path: ['spec', 'host'],
      });
    }
  },
};
