import type { Destination, VirtualServiceResource, YamlPath } from '../model';

/** One destination written in a VirtualService: a route target or a mirror. */
export interface DestinationReference {
  readonly destination: Destination;
  /** Path of the `destination` (or `mirror`) object inside the VirtualService. */
  readonly path: YamlPath;
  readonly role: 'route' | 'mirror';
  readonly section: 'http' | 'tcp' | 'tls';
}

const cache = new WeakMap<VirtualServiceResource, readonly DestinationReference[]>();

/** Every route and mirror destination of a VirtualService, in document order (cached per resource). */
export function destinationsOf(
  virtualService: VirtualServiceResource,
): readonly DestinationReference[] {
  const cached = cache.get(virtualService);
  if (cached !== undefined) return cached;
  const found: DestinationReference[] = [];
  for (const [ruleIndex, rule] of (virtualService.spec.http ?? []).entries()) {
    const rulePath = ['spec', 'http', ruleIndex];
    for (const [index, weighted] of (rule.route ?? []).entries()) {
      if (weighted.destination === undefined) continue;
      found.push({
        destination: weighted.destination,
        path: [...rulePath, 'route', index, 'destination'],
        role: 'route',
        section: 'http',
      });
    }
    if (rule.mirror !== undefined) {
      found.push({
        destination: rule.mirror,
        path: [...rulePath, 'mirror'],
        role: 'mirror',
        section: 'http',
      });
    }
    for (const [index, mirror] of (rule.mirrors ?? []).entries()) {
      if (mirror.destination === undefined) continue;
      found.push({
        destination: mirror.destination,
        path: [...rulePath, 'mirrors', index, 'destination'],
        role: 'mirror',
        section: 'http',
      });
    }
  }
  for (const section of ['tcp', 'tls'] as const) {
    for (const [ruleIndex, rule] of (virtualService.spec[section] ?? []).entries()) {
      for (const [index, weighted] of (rule.route ?? []).entries()) {
        if (weighted.destination === undefined) continue;
        found.push({
          destination: weighted.destination,
          path: ['spec', section, ruleIndex, 'route', index, 'destination'],
          role: 'route',
          section,
        });
      }
    }
  }
  cache.set(virtualService, found);
  return found;
}
