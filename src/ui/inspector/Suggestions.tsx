import { useMemo } from 'react';
import { serviceFqdn, type Model } from '../../engine';

/** The ids of the inspector's `<datalist>`s. */
export const SUGGESTIONS = {
  hosts: 'inspector-suggest-hosts',
  gateways: 'inspector-suggest-gateways',
  namespaces: 'inspector-suggest-namespaces',
} as const;

/**
 * Suggestions for host, gateway and namespace fields, from the design: typing stays free (a host
 * may be outside the design), but the known names are one arrow key away.
 */
export function Suggestions({ model }: { readonly model: Model }) {
  const { hosts, gateways, namespaces } = useMemo(() => {
    const hostSet = new Set<string>();
    for (const service of model.services) {
      hostSet.add(service.name);
      hostSet.add(serviceFqdn(service.name, service.namespace, model.clusterDomain));
    }
    for (const entry of model.serviceEntries)
      for (const host of entry.spec.hosts ?? []) hostSet.add(host);
    const gatewaySet = new Set<string>(['mesh']);
    for (const gateway of model.gateways) gatewaySet.add(`${gateway.namespace}/${gateway.name}`);
    const namespaceSet = new Set<string>(model.resources.map((resource) => resource.namespace));
    return {
      hosts: [...hostSet].sort(),
      gateways: [...gatewaySet].sort(),
      namespaces: [...namespaceSet].sort(),
    };
  }, [model]);
  return (
    <>
      <datalist id={SUGGESTIONS.hosts}>
        {hosts.map((host) => (
          <option key={host} value={host} />
        ))}
      </datalist>
      <datalist id={SUGGESTIONS.gateways}>
        {gateways.map((gateway) => (
          <option key={gateway} value={gateway} />
        ))}
      </datalist>
      <datalist id={SUGGESTIONS.namespaces}>
        {namespaces.map((namespace) => (
          <option key={namespace} value={namespace} />
        ))}
      </datalist>
    </>
  );
}
