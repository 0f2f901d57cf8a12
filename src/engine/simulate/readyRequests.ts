import type { Model, StringMatch, VirtualServiceResource, WorkloadResource } from '../model';
import {
  bindVirtualService,
  isHttpProtocol,
  isWildcardHost,
  lookupRegistryHost,
  parseProtocol,
  resolveHost,
  selectorMatches,
  virtualServiceGateways,
} from '../model';
import type { Request } from './request';

/** A request the UI can offer without typing: one per VirtualService host. */
export interface ReadyRequest {
  /** `GET http://shop.example.com/cart (default/proxy)`. */
  readonly label: string;
  readonly request: Request;
  /** The VirtualService it was derived from. */
  readonly virtualService: string;
}

function examplePath(virtualService: VirtualServiceResource): string {
  const uri: StringMatch | undefined = virtualService.spec.http?.[0]?.match?.[0]?.uri;
  if (uri?.exact !== undefined && uri.exact.startsWith('/')) return uri.exact;
  if (uri?.prefix !== undefined && uri.prefix.startsWith('/')) return uri.prefix;
  return '/';
}

function exampleHost(host: string): string {
  if (host === '*') return 'example.test';
  return isWildcardHost(host) ? `www${host.slice(1)}` : host;
}

/**
 * Ready requests derived from the design: for each VirtualService host, a request through the
 * ingress when the VirtualService is bound to a Gateway (https when the server is HTTPS), and one
 * from a workload of its namespace when it applies to the mesh. At most `limit` of them, the
 * first in the design's order: a list of a few dozen is what a user picks from, and deriving the
 * thousands of a large design took a fifth of a second of the page's time after each edit.
 */
export function readyRequests(model: Model, limit = Number.POSITIVE_INFINITY): ReadyRequest[] {
  const ready: ReadyRequest[] = [];
  const seen = new Set<string>();
  const add = (
    virtualService: VirtualServiceResource,
    request: Request,
    caller?: WorkloadResource,
  ) => {
    if (ready.length >= limit) return;
    const key = `${request.url}|${JSON.stringify(request.from ?? 'ingress')}`;
    if (seen.has(key)) return;
    seen.add(key);
    const name = `${virtualService.namespace}/${virtualService.name}`;
    const from =
      request.from === undefined || request.from === 'ingress'
        ? ''
        : ` from ${caller === undefined ? request.from.namespace : `${caller.namespace}/${caller.name}`}`;
    ready.push({ label: `GET ${request.url}${from} (${name})`, request, virtualService: name });
  };
  const callers = meshCallers(model);
  for (const virtualService of model.virtualServices) {
    if (ready.length >= limit) break;
    const hosts = virtualService.spec.hosts ?? [];
    if (hosts.length === 0) continue;
    const path = examplePath(virtualService);
    const references = virtualServiceGateways(virtualService);
    for (const reference of references) {
      if (reference.type === 'mesh') {
        for (const host of hosts) {
          const resolved = resolveHost(host, virtualService.namespace, model.clusterDomain);
          if (resolved === '*') continue;
          // A mesh call goes to the Service's own port (sidecars route by the port called).
          const registry = lookupRegistryHost(model, resolved);
          const port =
            registry === undefined
              ? 80
              : registry.kind === 'Service'
                ? (registry.service.spec.ports?.[0]?.port ?? 80)
                : (registry.serviceEntry.spec.ports?.[0]?.number ?? 80);
          const portText = port === 80 ? '' : `:${port}`;
          // Called by a workload of the namespace that is not the destination's own (productpage
          // calling reviews), with its pods' labels; else by one the design does not hold.
          const selector =
            registry?.kind === 'Service' ? registry.service.spec.selector : undefined;
          const caller = callers
            .get(virtualService.namespace)
            ?.find(
              (workload) =>
                selector === undefined || !selectorMatches(selector, workload.spec.podLabels),
            );
          add(
            virtualService,
            {
              url: `http://${exampleHost(resolved)}${portText}${path}`,
              from: { namespace: virtualService.namespace, labels: caller?.spec.podLabels ?? {} },
            },
            caller,
          );
        }
        continue;
      }
      const gateway = model.byKey.get(reference.key);
      if (gateway === undefined || gateway.kind !== 'Gateway') continue;
      (gateway.spec.servers ?? []).forEach((server, index) => {
        // This VirtualService's own binding: listing every VirtualService bound to the server to
        // find this one made the ready requests quadratic in the VirtualServices of a Gateway.
        const bound = bindVirtualService(model, gateway, index, virtualService);
        if (!bound.bound || bound.section !== 'http') return;
        const protocol = parseProtocol(server.port?.protocol);
        const scheme = isHttpProtocol(protocol) ? 'http' : 'https';
        const defaultPort = scheme === 'http' ? 80 : 443;
        const port = server.port?.number;
        for (const host of bound.hosts) {
          const portText = port === undefined || port === defaultPort ? '' : `:${port}`;
          add(virtualService, {
            url: `${scheme}://${exampleHost(host)}${portText}${path}`,
            ...(port === undefined ? {} : { port }),
          });
        }
      });
    }
  }
  return ready;
}

/** Per namespace, the workloads that can call a Service from the mesh: labelled, not gateways. */
function meshCallers(model: Model): Map<string, WorkloadResource[]> {
  const callers = new Map<string, WorkloadResource[]>();
  for (const workload of model.workloads) {
    const labels = workload.spec.podLabels;
    if (Object.keys(labels).length === 0 || Object.hasOwn(labels, 'istio')) continue;
    const list = callers.get(workload.namespace);
    if (list === undefined) callers.set(workload.namespace, [workload]);
    else list.push(workload);
  }
  return callers;
}
