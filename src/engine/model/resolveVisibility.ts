import type { Resource } from './types';

/** The Service annotation that scopes a Kubernetes Service's visibility (comma-separated). */
export const SERVICE_EXPORT_TO_ANNOTATION = 'networking.istio.io/exportTo';

/**
 * A resource's `exportTo` list: `spec.exportTo` of a VirtualService, DestinationRule or
 * ServiceEntry, the `networking.istio.io/exportTo` annotation of a Service; undefined when it has
 * none (which means "everywhere").
 */
export function exportToOf(resource: Resource): readonly string[] | undefined {
  switch (resource.kind) {
    case 'VirtualService':
    case 'DestinationRule':
    case 'ServiceEntry':
      return resource.spec.exportTo;
    case 'Service': {
      const annotation = resource.annotations[SERVICE_EXPORT_TO_ANNOTATION];
      if (annotation === undefined) return undefined;
      return annotation
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Gateway':
      return undefined;
    default: {
      const unreachable: never = resource;
      return unreachable;
    }
  }
}

/**
 * True when `resource` is visible from `namespace` (routing-semantics §2.3, §3.2, §4): no exportTo
 * or `*` means everywhere; `.` means the resource's own namespace; `~` means nowhere (ServiceEntry);
 * other entries are namespace names. Kinds without exportTo are visible everywhere.
 */
export function isVisibleTo(resource: Resource, namespace: string): boolean {
  const exportTo = exportToOf(resource);
  if (exportTo === undefined || exportTo.length === 0) return true;
  for (const entry of exportTo) {
    if (entry === '*') return true;
    if (entry === '.' && resource.namespace === namespace) return true;
    if (entry === namespace) return true;
  }
  return false;
}
