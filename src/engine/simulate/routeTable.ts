import type { HTTPMatchRequest, Labels, Model, VirtualServiceResource } from '../model';
import {
  formatLabels,
  MESH_GATEWAY,
  bindVirtualService,
  selectorMatches,
  virtualServicesByGateway,
  virtualServicesForServer,
} from '../model';
import { SUPPORTED_REDIRECT_CODES } from './actions';
import { isCatchAllMatch } from './match';
import { stripPort } from './request';
import type { ServerRef } from './listeners';
import { sanitizedServerHosts } from './listeners';
import type { EffectiveHttpRule, EffectiveMatch } from './virtualServices';
import { expandHttpRules } from './virtualServices';

/** One Envoy route: a rule's match entry (or the whole rule when it has no match). */
export interface RouteEntry {
  readonly rule: EffectiveHttpRule;
  readonly match: EffectiveMatch | undefined;
  readonly catchAll: boolean;
  /** Envoy's route name: `<rule>.<match>` when both are named. */
  readonly name: string | null;
  /** The port the routes were built for: the server's written port, or the sidecar's service port. */
  readonly listenPort: number;
  /** The server has a `tls` block (Istio's default scheme when it strips redirect ports). */
  readonly serverHasTls: boolean;
  /** Set when Envoy would get a route without a usable action. */
  readonly broken: string | undefined;
  /** The gateway server the routes came from (undefined for sidecars). */
  readonly server: ServerRef | undefined;
}

/** A rule or match entry left out of a route table when it was built, with why. */
export interface ConfigTimeSkip {
  readonly virtualService: VirtualServiceResource;
  readonly index: number;
  readonly matchIndex: number | null;
  readonly reason: string;
}

/** The proxy a route table is built for: its labels and namespace (sourceLabels, sourceNamespace) and gateway names. */
export interface ProxyIdentity {
  readonly namespace: string;
  readonly labels: Labels;
  /** `ns/name` of the Gateway, or `mesh` for a sidecar. */
  readonly gatewayName: string;
}

/**
 * Istio's BuildHTTPRoutesForVirtualService: each match entry becomes one route, in order; entries
 * whose `port` differs from `listenPort`, whose `gateways` omit this gateway or, without
 * `gateways`, whose `sourceLabels`/`sourceNamespace` do not fit the proxy itself, are left out;
 * translation stops after the first catch-all route.
 */
export function translateHttpRoutes(
  model: Model,
  virtualService: VirtualServiceResource,
  listenPort: number,
  proxy: ProxyIdentity,
  server: ServerRef | undefined,
): { readonly routes: readonly RouteEntry[]; readonly skipped: readonly ConfigTimeSkip[] } {
  const expanded = expandHttpRules(model, virtualService);
  const routes: RouteEntry[] = [];
  const skipped: ConfigTimeSkip[] = expanded.skipped.map((skip) => ({ ...skip, matchIndex: null }));
  const serverHasTls = server?.server.tls !== undefined;
  let catchAll = false;
  for (const rule of expanded.rules) {
    if (catchAll) {
      skipped.push({
        virtualService: rule.virtualService,
        index: rule.index,
        matchIndex: null,
        reason: 'after a catch-all rule: Istio stops translating the VirtualService there',
      });
      continue;
    }
    const broken = brokenAction(rule);
    if (rule.matches.length === 0) {
      routes.push({
        rule,
        match: undefined,
        catchAll: true,
        name: rule.name,
        listenPort,
        serverHasTls,
        broken,
        server,
      });
      catchAll = true;
      continue;
    }
    for (const effective of rule.matches) {
      const reason = configTimeMismatch(effective, listenPort, proxy);
      if (reason !== undefined) {
        skipped.push({
          virtualService: rule.virtualService,
          index: rule.index,
          matchIndex: effective.index,
          reason,
        });
        continue;
      }
      const isCatchAll = isCatchAllMatch(effective.match);
      const matchName = effective.match.name;
      const name =
        matchName === undefined || matchName === '' ? rule.name : `${rule.name ?? ''}.${matchName}`;
      routes.push({
        rule,
        match: effective,
        catchAll: isCatchAll,
        name,
        listenPort,
        serverHasTls,
        broken,
        server,
      });
      if (isCatchAll) {
        catchAll = true;
        break;
      }
    }
  }
  return { routes, skipped };
}

function configTimeMismatch(
  effective: EffectiveMatch,
  listenPort: number,
  proxy: ProxyIdentity,
): string | undefined {
  const match: HTTPMatchRequest = effective.match;
  if (match.port !== undefined && match.port !== 0 && match.port !== listenPort) {
    return `match.port ${match.port} is not the ${proxy.gatewayName === MESH_GATEWAY ? 'service' : 'server'} port ${listenPort}: the entry is dropped when the route table is built`;
  }
  if (effective.gateways !== undefined) {
    if (!effective.gateways.includes(proxy.gatewayName)) {
      return `match.gateways [${effective.gateways.join(', ')}] does not include ${proxy.gatewayName}: the entry is dropped`;
    }
    return undefined;
  }
  if (!selectorMatches(match.sourceLabels, proxy.labels)) {
    return `sourceLabels {${formatLabels(match.sourceLabels)}} are not labels of the ${proxy.gatewayName === MESH_GATEWAY ? 'calling workload' : 'gateway pod itself'}: the entry is dropped`;
  }
  if (
    match.sourceNamespace !== undefined &&
    match.sourceNamespace !== '' &&
    match.sourceNamespace !== proxy.namespace
  ) {
    return `sourceNamespace ${match.sourceNamespace} is not the ${proxy.gatewayName === MESH_GATEWAY ? 'caller' : 'gateway pod'}'s namespace ${proxy.namespace}: the entry is dropped`;
  }
  return undefined;
}

function brokenAction(rule: EffectiveHttpRule): string | undefined {
  const http = rule.rule;
  if (http.redirect !== undefined) {
    const code = http.redirect.redirectCode ?? 0;
    if (code !== 0 && !SUPPORTED_REDIRECT_CODES.has(code)) {
      return `redirect code ${code} is not supported by Istio (301, 302, 303, 307, 308): it emits a route without an action, which Envoy refuses`;
    }
    return undefined;
  }
  if (http.directResponse !== undefined) return undefined;
  if ((http.route ?? []).length === 0)
    return 'the rule has no route, redirect or directResponse (the webhook rejects it)';
  return undefined;
}

/** A virtual host of a gateway route table. */
export interface VirtualHost {
  /** The domain, lower-cased (`shop.example.com`, `*.example.com`, `*`). */
  readonly domain: string;
  readonly routes: readonly RouteEntry[];
  /** `tls.httpsRedirect` on a server with this host: Envoy answers 301 to plain text before routing. */
  readonly requireTls: boolean;
  /** The servers whose hosts made this vhost, first first. */
  readonly servers: readonly ServerRef[];
  /** The VirtualServices whose routes it holds, in order. */
  readonly virtualServices: readonly VirtualServiceResource[];
  /** True for Istio's default vhost of a route table without any (every request gets 404 NR). */
  readonly blackhole: boolean;
}

/** Why a VirtualService that names a Gateway is not in a route table. */
export interface UnboundVirtualService {
  readonly virtualService: VirtualServiceResource;
  readonly server: ServerRef;
  readonly reason: string;
}

/** A gateway route table: `http.<port>` shared by plain servers, or one per terminated HTTPS server. */
export interface RouteTable {
  readonly name: string;
  readonly servers: readonly ServerRef[];
  readonly virtualHosts: readonly VirtualHost[];
  /** Exact domains. */
  readonly exact: ReadonlyMap<string, VirtualHost>;
  /** `*.suffix` domains, longest first. */
  readonly suffixWildcards: readonly VirtualHost[];
  /** `prefix.*` domains, longest first. */
  readonly prefixWildcards: readonly VirtualHost[];
  readonly catchAllHost: VirtualHost | undefined;
  readonly skipped: readonly ConfigTimeSkip[];
  readonly unbound: readonly UnboundVirtualService[];
  /** Routes Envoy cannot accept: one of them makes Envoy reject the whole route table. */
  readonly broken: readonly RouteEntry[];
}

interface VirtualHostDraft {
  domain: string;
  routes: RouteEntry[];
  requireTls: boolean;
  servers: ServerRef[];
  virtualServices: VirtualServiceResource[];
}

/**
 * Builds a gateway route table as Istio's buildGatewayHTTPRouteConfig does (routing-semantics
 * §2.4): for each server (in merge order) and each VirtualService bound to it (§2.3 order), the
 * VirtualService's routes go to a vhost per common host; httpsRedirect marks (or creates) the
 * server's vhosts; no vhost at all gives the `*` blackhole vhost; catch-all routes move to the end.
 */
export function buildRouteTable(
  model: Model,
  name: string,
  servers: readonly ServerRef[],
  pod: { readonly namespace: string; readonly labels: Labels },
): RouteTable {
  const drafts = new Map<string, VirtualHostDraft>();
  const skipped: ConfigTimeSkip[] = [];
  const unbound: UnboundVirtualService[] = [];
  const translated = new Map<string, readonly RouteEntry[]>();
  for (const server of servers) {
    const proxy: ProxyIdentity = {
      namespace: pod.namespace,
      labels: pod.labels,
      gatewayName: server.gatewayName,
    };
    const bound = virtualServicesForServer(model, server.gateway, server.index);
    const boundKeys = new Set(bound.map((entry) => entry.virtualService.key));
    for (const virtualService of virtualServicesByGateway(model).get(server.gateway.key) ?? []) {
      if (boundKeys.has(virtualService.key)) continue;
      const binding = bindVirtualService(model, server.gateway, server.index, virtualService);
      if (!binding.bound) unbound.push({ virtualService, server, reason: binding.reason });
    }
    for (const { virtualService, hosts } of bound) {
      // Istio builds a VirtualService's routes once per Gateway and reuses them for its other servers.
      const cacheKey = `${server.gatewayName}|${virtualService.key}`;
      let routes = translated.get(cacheKey);
      if (routes === undefined) {
        const result = translateHttpRoutes(model, virtualService, server.port, proxy, server);
        routes = result.routes;
        skipped.push(...result.skipped);
        translated.set(cacheKey, routes);
      }
      if (routes.length === 0) continue;
      for (const host of hosts) {
        const domain = host.toLowerCase();
        let draft = drafts.get(domain);
        if (draft === undefined) {
          draft = { domain, routes: [], requireTls: false, servers: [], virtualServices: [] };
          drafts.set(domain, draft);
        }
        draft.routes.push(...routes);
        if (!draft.servers.includes(server)) draft.servers.push(server);
        if (!draft.virtualServices.includes(virtualService))
          draft.virtualServices.push(virtualService);
        if (server.server.tls?.httpsRedirect === true) draft.requireTls = true;
      }
    }
    if (server.server.tls?.httpsRedirect === true) {
      for (const host of sanitizedServerHosts(server)) {
        const domain = host.toLowerCase();
        const draft = drafts.get(domain);
        if (draft !== undefined) {
          draft.requireTls = true;
          if (!draft.servers.includes(server)) draft.servers.push(server);
        } else {
          drafts.set(domain, {
            domain,
            routes: [],
            requireTls: true,
            servers: [server],
            virtualServices: [],
          });
        }
      }
    }
  }
  const virtualHosts: VirtualHost[] = [];
  if (drafts.size === 0) {
    virtualHosts.push({
      domain: '*',
      routes: [],
      requireTls: false,
      servers: [...servers],
      virtualServices: [],
      blackhole: true,
    });
  } else {
    for (const draft of drafts.values()) {
      const specific = draft.routes.filter((route) => !route.catchAll);
      const catchAlls = draft.routes.filter((route) => route.catchAll);
      virtualHosts.push({ ...draft, routes: [...specific, ...catchAlls], blackhole: false });
    }
  }
  const exact = new Map<string, VirtualHost>();
  const suffixWildcards: VirtualHost[] = [];
  const prefixWildcards: VirtualHost[] = [];
  let catchAllHost: VirtualHost | undefined;
  for (const virtualHost of virtualHosts) {
    if (virtualHost.domain === '*') catchAllHost = virtualHost;
    else if (virtualHost.domain.startsWith('*')) suffixWildcards.push(virtualHost);
    else if (virtualHost.domain.endsWith('*')) prefixWildcards.push(virtualHost);
    else exact.set(virtualHost.domain, virtualHost);
  }
  suffixWildcards.sort((a, b) => b.domain.length - a.domain.length);
  prefixWildcards.sort((a, b) => b.domain.length - a.domain.length);
  const broken = virtualHosts.flatMap((virtualHost) =>
    virtualHost.routes.filter((route) => route.broken !== undefined),
  );
  return {
    name,
    servers,
    virtualHosts,
    exact,
    suffixWildcards,
    prefixWildcards,
    catchAllHost,
    skipped,
    unbound,
    broken,
  };
}

/**
 * Envoy's virtual-host choice (routing-semantics §2.5): the Host lower-cased and its port ignored;
 * an exact domain, then the longest `*.suffix` (the `*` matches at least one character), then the
 * longest `prefix.*`, then `*`.
 */
export function findVirtualHost(table: RouteTable, authority: string): VirtualHost | undefined {
  const host = stripPort(authority).toLowerCase();
  const exact = table.exact.get(host);
  if (exact !== undefined) return exact;
  for (const candidate of table.suffixWildcards) {
    const suffix = candidate.domain.slice(1);
    if (host.length > suffix.length && host.endsWith(suffix)) return candidate;
  }
  for (const candidate of table.prefixWildcards) {
    const prefix = candidate.domain.slice(0, -1);
    if (host.length > prefix.length && host.startsWith(prefix)) return candidate;
  }
  return table.catchAllHost;
}
