import { exportToOf, gatewayPods, hostSubsetOf, indexModel, isVisibleTo } from '../model';
import type {
  GatewayResource,
  Model,
  Resource,
  ServiceEntryResource,
  ServiceResource,
} from '../model';

/** What a host resolves to in the registry (Kubernetes Services and ServiceEntries). */
export interface HostLookup {
  /** Services and ServiceEntries for the host that the asking namespace can see. */
  readonly visible: readonly (ServiceResource | ServiceEntryResource)[];
  /** Ones that exist but whose exportTo hides them from the asking namespace. */
  readonly hidden: readonly (ServiceResource | ServiceEntryResource)[];
}

/**
 * Indexes over one model for the cross-resource rules, built on first use so analysing a design
 * stays linear in its size: a host lookup or a DestinationRule lookup is a few map reads, never a
 * scan of every resource.
 */
export class AnalysisContext {
  readonly model: Model;
  #wildcardServiceEntries: ReadonlyMap<string, readonly ServiceEntryResource[]> | undefined;
  #partialWildcardServiceEntries: readonly ServiceEntryResource[] | undefined;
  #hasGatewayWorkloads: boolean | undefined;

  constructor(model: Model) {
    this.model = model;
  }

  /** The Gateway a `namespace/name` key names, if the design has it. */
  gateway(key: string): GatewayResource | undefined {
    const resource = this.model.byKey.get(key);
    return resource?.kind === 'Gateway' ? resource : undefined;
  }

  /**
   * Looks an already resolved host up among Services (by FQDN) and ServiceEntries (exact hosts, then
   * wildcard hosts by suffix), split by visibility from `namespace`.
   */
  lookupHost(host: string, namespace: string): HostLookup {
    const index = indexModel(this.model);
    const found: (ServiceResource | ServiceEntryResource)[] = [];
    const service = index.servicesByFqdn.get(host);
    if (service !== undefined) found.push(service);
    found.push(...(index.serviceEntriesByHost.get(host) ?? []));
    if (!host.startsWith('*')) found.push(...this.wildcardServiceEntriesFor(host));
    const visible = found.filter((resource) => isVisibleTo(resource, namespace));
    const hidden = found.filter((resource) => !isVisibleTo(resource, namespace));
    return { visible: [...new Set(visible)], hidden: [...new Set(hidden)] };
  }

  /** ServiceEntries whose wildcard hosts (`*.example.com`, `*`) cover a concrete host. */
  wildcardServiceEntriesFor(host: string): ServiceEntryResource[] {
    const bySuffix = this.wildcardIndex();
    const found: ServiceEntryResource[] = [...(bySuffix.get('') ?? [])];
    for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
      found.push(...(bySuffix.get(host.slice(dot)) ?? []));
    }
    for (const serviceEntry of this.#partialWildcardServiceEntries ?? []) {
      if (
        (serviceEntry.spec.hosts ?? []).some(
          (written) => isPartialWildcard(written) && hostSubsetOf(host, written),
        )
      ) {
        found.push(serviceEntry);
      }
    }
    return found;
  }

  /** True when the design holds gateway proxy workloads (pod label `istio`, as Istio's charts set). */
  hasGatewayWorkloads(): boolean {
    this.#hasGatewayWorkloads ??= this.model.workloads.some((workload) =>
      Object.hasOwn(workload.spec.podLabels, 'istio'),
    );
    return this.#hasGatewayWorkloads;
  }

  /** The namespaces of the pods a Gateway applies to; the Gateway's own when none is known. */
  gatewayNamespaces(gateway: GatewayResource): string[] {
    const namespaces = [...new Set(gatewayPods(this.model, gateway).map((pod) => pod.namespace))];
    return namespaces.length > 0 ? namespaces : [gateway.namespace];
  }

  private wildcardIndex(): ReadonlyMap<string, readonly ServiceEntryResource[]> {
    if (this.#wildcardServiceEntries !== undefined) return this.#wildcardServiceEntries;
    const bySuffix = new Map<string, ServiceEntryResource[]>();
    const partial: ServiceEntryResource[] = [];
    for (const serviceEntry of this.model.serviceEntries) {
      for (const host of new Set(serviceEntry.spec.hosts ?? [])) {
        if (!host.startsWith('*')) continue;
        if (isPartialWildcard(host)) {
          partial.push(serviceEntry);
          continue;
        }
        // `*.example.com` is indexed by `.example.com`, `*` by the empty suffix.
        const suffix = host.slice(1);
        const list = bySuffix.get(suffix);
        if (list === undefined) bySuffix.set(suffix, [serviceEntry]);
        else list.push(serviceEntry);
      }
    }
    this.#wildcardServiceEntries = bySuffix;
    this.#partialWildcardServiceEntries = partial;
    return bySuffix;
  }
}

function isPartialWildcard(host: string): boolean {
  return host.startsWith('*') && host !== '*' && !host.startsWith('*.');
}

/** Describes an exportTo list for messages: `[.]`, or `[*]` when absent. */
export function describeExportTo(resource: Resource): string {
  const exportTo = exportToOf(resource);
  return `[${(exportTo === undefined || exportTo.length === 0 ? ['*'] : exportTo).join(', ')}]`;
}
