import type { ServiceEntryResource } from '../../model';
import type { ModelRule } from '../types';

interface PortUse {
  readonly serviceEntry: ServiceEntryResource;
  readonly protocol: string;
  readonly portIndex: number;
}

// The scopes an exportTo list makes a ServiceEntry visible in; `*` (everywhere) when absent.
function scopesOf(serviceEntry: ServiceEntryResource): string[] {
  const exportTo = serviceEntry.spec.exportTo ?? [];
  if (exportTo.length === 0 || exportTo.includes('*')) return ['*'];
  return [...new Set(exportTo.map((entry) => (entry === '.' ? serviceEntry.namespace : entry)))];
}

/**
 * IST0177 ConflictingServiceEntryProtocol: ServiceEntries visible in one namespace (the `*` scope
 * counts in every namespace) give the same host string and port number different protocols
 * (compared case-insensitively; no protocol is a value of its own). Reported once per ServiceEntry.
 */
export const conflictingServiceEntryProtocolRule: ModelRule = {
  scope: 'model',
  id: 'ist0177-conflictingServiceEntryProtocol',
  codes: ['IST0177'],
  check(context, report) {
    const index = new Map<string, PortUse[]>();
    const keyOf = (scope: string, host: string, port: number): string =>
      `${scope}\u0000${host}\u0000${port}`;
    for (const serviceEntry of context.model.serviceEntries) {
      for (const scope of scopesOf(serviceEntry)) {
        for (const host of new Set(serviceEntry.spec.hosts ?? [])) {
          for (const [portIndex, port] of (serviceEntry.spec.ports ?? []).entries()) {
            if (port.number === undefined) continue;
            const key = keyOf(scope, host, port.number);
            const use = { serviceEntry, protocol: (port.protocol ?? '').toUpperCase(), portIndex };
            const uses = index.get(key);
            if (uses === undefined) index.set(key, [use]);
            else uses.push(use);
          }
        }
      }
    }
    const reported = new Set<ServiceEntryResource>();
    for (const [key, scoped] of index) {
      const [scope = '', host = '', port = ''] = key.split('\u0000');
      const uses =
        scope === '*' ? scoped : [...scoped, ...(index.get(keyOf('*', host, Number(port))) ?? [])];
      const protocols = [...new Set(uses.map((use) => use.protocol))].sort();
      if (protocols.length < 2) continue;
      const names = [
        ...new Set(
          uses.map(({ serviceEntry }) => `${serviceEntry.namespace}/${serviceEntry.name}`),
        ),
      ].sort();
      for (const { serviceEntry, portIndex } of uses) {
        if (reported.has(serviceEntry)) continue;
        reported.add(serviceEntry);
        const written = serviceEntry.spec.ports?.[portIndex];
        report({
          code: 'IST0177',
          level: 'warning',
          message: `Multiple ServiceEntries (${names.join(', ')}) define the same host ${JSON.stringify(host)} and port ${port} with conflicting protocols (${protocols.join(', ')}).`,
          resource: serviceEntry.key,
          path: [
            'spec',
            'ports',
            portIndex,
            written?.protocol === undefined ? 'number' : 'protocol',
          ],
        });
      }
    }
  },
};
