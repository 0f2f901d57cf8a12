import { formatLabels, hostSubsetOf, registryResource } from '../model';
import type { HTTPRoute, HTTPRouteDestination, Model, StringMatch, YamlPath } from '../model';
import {
  applyRewrite,
  authorityFromHeaderOperations,
  computeRedirect,
  describeHeaderOperations,
  pickShare,
  splitByWeight,
  summarizeFault,
} from './actions';
import { formatPercent } from './compareOutcome';
import type { ClusterResolution } from './destinations';
import { resolveCluster } from './destinations';
import { evaluateMatch, stringMatches } from './match';
import type { ParsedRequest } from './request';
import type { ServerRef } from './listeners';
import type { ConfigTimeSkip, RouteEntry, RouteTable, VirtualHost } from './routeTable';
import { findVirtualHost } from './routeTable';
import type { ResponseFlag, TraceStepStatus } from './trace';
import type { RecordedStep, TraceBuilder } from './traceBuilder';
import { StepRecorder } from './traceBuilder';

/** What a simulation step needs: the model, the trace, the request and the proxy. */
export interface SimulationContext {
  readonly model: Model;
  readonly trace: TraceBuilder;
  readonly request: ParsedRequest;
  /** Draws in [0, 1) when the request carries a `draw`; undefined for the deterministic outcome. */
  readonly random: (() => number) | undefined;
  /** The namespace of the proxy doing the routing (gateway pod or calling workload). */
  readonly proxyNamespace: string;
}

/** The node id of an http rule. */
export function ruleNode(entry: RouteEntry): string {
  return `${entry.rule.virtualService.key}#http/${entry.rule.index}`;
}

function rulePath(entry: RouteEntry, ...rest: YamlPath): YamlPath {
  return ['spec', 'http', entry.rule.index, ...rest];
}

/** `namespace/name http[i] "name" match[j]`: a route entry in words. */
export function ruleLabel(entry: RouteEntry): string {
  const virtualService = entry.rule.virtualService;
  const name = entry.rule.rule.name === undefined ? '' : ` "${entry.rule.rule.name}"`;
  const match = entry.match === undefined ? '' : ` match[${entry.match.index}]`;
  return `${virtualService.namespace}/${virtualService.name} http[${entry.rule.index}]${name}${match}`;
}

/**
 * Routes an HTTP request through one route table: virtual host by Host, require-TLS redirect, then
 * the vhost's routes in order (first match wins, no fallback to another vhost), then the action.
 * `gatewayOf` names the Gateway for the outcome.
 */
export function routeThroughTable(
  context: SimulationContext,
  table: RouteTable,
  gatewayOf: (virtualHost: VirtualHost | undefined, entry: RouteEntry | undefined) => string | null,
): void {
  const { trace, request } = context;
  const broken = table.broken[0];
  if (broken !== undefined) {
    trace.step(
      'routeTable',
      'failed',
      `Route table ${table.name} is rejected by Envoy`,
      `${ruleLabel(broken)}: ${broken.broken ?? ''}`,
      {
        node: ruleNode(broken),
        at: { key: broken.rule.virtualService.key, path: rulePath(broken) },
      },
    );
    trace.stop(
      'unanswerable',
      `Envoy rejects route table ${table.name} (${ruleLabel(broken)}: ${broken.broken ?? ''}) and keeps the routes it had before, which the design does not show.`,
    );
    return;
  }
  const virtualHost = findVirtualHost(table, request.authority);
  trace.outcome.gateway = gatewayOf(virtualHost, undefined);
  // Without a vhost with routes, the servers whose route table this is decide the 404: the
  // request reached them, so they end its path.
  if (virtualHost === undefined || virtualHost.blackhole) {
    for (const server of table.servers) trace.visit(server.node);
  }
  if (virtualHost === undefined) {
    const domains = table.virtualHosts.map((candidate) => candidate.domain).join(', ');
    trace.step(
      'virtualHost',
      'failed',
      `No virtual host for Host ${request.authority}`,
      `route table ${table.name} has the domains ${domains}; Envoy compares the Host lower-cased without its port: exact, then *.suffix, then *`,
      { flag: 'NR' },
    );
    trace.respond(
      404,
      'NR',
      `404 NR: no virtual host of route table ${table.name} matches Host ${request.authority}`,
    );
    return;
  }
  if (virtualHost.blackhole) {
    const unbound = table.unbound.map(
      (entry) => `${entry.virtualService.namespace}/${entry.virtualService.name}: ${entry.reason}`,
    );
    trace.step(
      'virtualHost',
      'matched',
      `Virtual host * (blackhole) in route table ${table.name}`,
      `no VirtualService is bound to the servers of this route table, so Istio's default vhost has no routes${unbound.length === 0 ? '' : ` (${unbound.join('; ')})`}`,
      { flag: 'NR' },
    );
    trace.respond(404, 'NR', `404 NR: no VirtualService is bound to route table ${table.name}`);
    return;
  }
  // The step is about the server side of the vhost (see TraceStepKind): node and source agree.
  const firstServer = virtualHost.servers[0];
  trace.step(
    'virtualHost',
    'matched',
    `Virtual host ${virtualHost.domain} in route table ${table.name}`,
    describeHostChoice(virtualHost.domain, request.authority),
    firstServer === undefined
      ? {}
      : {
          node: firstServer.node,
          at: {
            key: firstServer.gateway.key,
            path: serverHostPath(firstServer, virtualHost.domain),
          },
        },
  );
  if (virtualHost.requireTls && !request.tls) {
    const location = `https://${request.authority}${request.path}${request.query}`;
    const server = virtualHost.servers.find(
      (candidate) => candidate.server.tls?.httpsRedirect === true,
    );
    trace.step(
      'redirect',
      'matched',
      `httpsRedirect: 301 to ${location}`,
      'the server has tls.httpsRedirect, so Envoy requires TLS for this vhost and redirects plain-text requests before any route is tried',
      {
        ...(server === undefined
          ? {}
          : {
              node: server.node,
              at: {
                key: server.gateway.key,
                path: ['spec', 'servers', server.index, 'tls', 'httpsRedirect'],
              },
            }),
      },
    );
    trace.outcome.redirect = { status: 301, location };
    trace.respond(301, null, `301 redirect to ${location} (httpsRedirect on the server)`);
    return;
  }
  trace.replay(virtualHostPreamble(table, virtualHost));
  const entry = tryRoutes(context, virtualHost.routes);
  if (entry !== undefined) {
    trace.outcome.gateway = gatewayOf(virtualHost, entry);
    executeRoute(context, entry);
    return;
  }
  // Every rule of the vhost was tried in vain: their VirtualServices decide the 404, on the path.
  for (const route of virtualHost.routes) {
    if (route.rule.root !== undefined) trace.visit(route.rule.root.virtualService.key);
    trace.visit(route.rule.virtualService.key);
  }
  trace.step(
    'rule',
    'failed',
    'No route matched',
    `none of the ${virtualHost.routes.length} routes of virtual host ${virtualHost.domain} matches, and Envoy never falls back to another vhost`,
    { flag: 'NR' },
  );
  trace.respond(
    404,
    'NR',
    `404 NR: no route of virtual host ${virtualHost.domain} matches (Envoy never falls back to another vhost)`,
  );
}

/** Where steps go: a trace, or a recorder of steps replayed into many traces. */
type StepSink = Pick<StepRecorder, 'step'>;

/**
 * Tries routes in order, first match wins (routing-semantics §2.6), alike at a gateway and in a
 * sidecar. Each rule tried is a step titled with its match entry; a failed one points at the
 * condition that failed and carries it as data, with how many conditions of the entry held. The
 * one that matched is followed by its delegation, if any, and its VirtualService joins the path.
 * Returns the route that matched.
 */
export function tryRoutes(
  context: SimulationContext,
  routes: readonly RouteEntry[],
): RouteEntry | undefined {
  const { trace, request } = context;
  for (const entry of routes) {
    const key = entry.rule.virtualService.key;
    const verdict = evaluateMatch(entry.match?.match, request);
    if (!verdict.matched) {
      trace.step('rule', 'failed', ruleLabel(entry), verdict.reason, {
        node: ruleNode(entry),
        at: {
          key,
          path:
            entry.match === undefined
              ? rulePath(entry)
              : rulePath(entry, 'match', entry.match.index, ...verdict.path),
        },
        condition: verdict.condition,
        conditions: { held: verdict.held, total: verdict.total },
      });
      continue;
    }
    const why =
      entry.match === undefined
        ? 'the rule has no match: it matches every request'
        : 'every condition of this match entry holds';
    trace.step('rule', 'matched', ruleLabel(entry), why, {
      node: ruleNode(entry),
      at: {
        key,
        path:
          entry.match === undefined ? rulePath(entry) : rulePath(entry, 'match', entry.match.index),
      },
    });
    if (entry.rule.root !== undefined) {
      const root = entry.rule.root;
      trace.visit(root.virtualService.key);
      trace.visit(`${root.virtualService.key}#http/${root.index}`);
      trace.step(
        'delegate',
        'info',
        `Delegated from ${root.virtualService.namespace}/${root.virtualService.name} http[${root.index}]`,
        `the root rule delegates to ${entry.rule.virtualService.namespace}/${entry.rule.virtualService.name}; short destination hosts resolve in ${entry.rule.hostNamespace}`,
        {
          node: `${root.virtualService.key}#http/${root.index}`,
          at: { key: root.virtualService.key, path: ['spec', 'http', root.index, 'delegate'] },
        },
      );
    }
    trace.visit(key);
    return entry;
  }
  return undefined;
}

/** The step of a rule or match entry left out when the routes were built, pointing at that entry. */
export function skippedRuleStep(sink: StepSink, skip: ConfigTimeSkip): void {
  const match = skip.matchIndex === null ? '' : ` match[${skip.matchIndex}]`;
  sink.step(
    'rule',
    'skipped',
    `${skip.virtualService.namespace}/${skip.virtualService.name} http[${skip.index}]${match} left out`,
    skip.reason,
    {
      node: `${skip.virtualService.key}#http/${skip.index}`,
      at: {
        key: skip.virtualService.key,
        path:
          skip.matchIndex === null
            ? ['spec', 'http', skip.index]
            : ['spec', 'http', skip.index, 'match', skip.matchIndex],
      },
    },
  );
}

/** The server's host entry a vhost domain falls under (`ns/` stripped), or its whole `hosts`. */
function serverHostPath(server: ServerRef, domain: string): YamlPath {
  const index = (server.server.hosts ?? []).findIndex((written) => {
    const host = written.slice(written.indexOf('/') + 1).toLowerCase();
    return hostSubsetOf(domain, host);
  });
  return index < 0
    ? ['spec', 'servers', server.index, 'hosts']
    : ['spec', 'servers', server.index, 'hosts', index];
}

const preambles = new WeakMap<VirtualHost, readonly RecordedStep[]>();

/** The VirtualServices of a vhost and their rules left out at config time, recorded once per vhost. */
function virtualHostPreamble(table: RouteTable, virtualHost: VirtualHost): readonly RecordedStep[] {
  const cached = preambles.get(virtualHost);
  if (cached !== undefined) return cached;
  const recorder = new StepRecorder();
  const reported = new Set<string>();
  const keys = new Set<string>();
  for (const route of virtualHost.routes) {
    keys.add(route.rule.virtualService.key);
    if (route.rule.root !== undefined) keys.add(route.rule.root.virtualService.key);
  }
  for (const virtualService of virtualHost.virtualServices) {
    recorder.step(
      'virtualService',
      'info',
      `VirtualService ${virtualService.namespace}/${virtualService.name}`,
      'bound to this vhost; its rules are tried in order',
      {
        node: virtualService.key,
        at: { key: virtualService.key, path: ['spec', 'hosts'] },
      },
    );
  }
  for (const skip of table.skipped) {
    if (
      !keys.has(skip.virtualService.key) &&
      !virtualHost.virtualServices.some(
        (virtualService) => virtualService.key === skip.virtualService.key,
      )
    )
      continue;
    const id = `${skip.virtualService.key}|${skip.index}|${skip.matchIndex ?? ''}`;
    if (reported.has(id)) continue;
    reported.add(id);
    skippedRuleStep(recorder, skip);
  }
  preambles.set(virtualHost, recorder.steps);
  return recorder.steps;
}

function describeHostChoice(domain: string, authority: string): string {
  if (domain === '*')
    return `Host ${authority}: no exact or wildcard domain matches, so the * vhost is used`;
  if (domain.startsWith('*'))
    return `Host ${authority} ends with ${domain.slice(1)} (the longest matching wildcard; no exact domain)`;
  return `Host ${authority} (lower-cased, port ignored) equals the domain`;
}

/** Runs the action of the route that matched: redirect, direct response, or forwarding. */
export function executeRoute(context: SimulationContext, entry: RouteEntry): void {
  const { trace, request } = context;
  const rule: HTTPRoute = entry.rule.rule;
  const virtualService = entry.rule.virtualService;
  trace.rule = {
    virtualService: `${virtualService.namespace}/${virtualService.name}`,
    section: 'http',
    index: entry.rule.index,
    name: rule.name ?? null,
    routeName: entry.name,
  };
  trace.outcome.virtualService = `${virtualService.namespace}/${virtualService.name}`;
  trace.outcome.route = entry.rule.index;
  const node = ruleNode(entry);
  if (entry.broken !== undefined) {
    trace.step('rule', 'failed', 'No usable action', entry.broken, {
      node,
      at: { key: virtualService.key, path: rulePath(entry) },
    });
    trace.stop(
      'unanswerable',
      `The matching rule ${ruleLabel(entry)} cannot be simulated: ${entry.broken}`,
    );
    return;
  }
  if (rule.redirect !== undefined) {
    const redirect = computeRedirect(
      rule.redirect,
      entry.match?.match,
      request,
      entry.listenPort,
      entry.serverHasTls,
    );
    trace.step(
      'redirect',
      'matched',
      `Redirect ${redirect.status} to ${redirect.location}`,
      describeRedirect(rule.redirect, entry.listenPort),
      { node, at: { key: virtualService.key, path: rulePath(entry, 'redirect') } },
    );
    trace.outcome.redirect = redirect;
    trace.respond(redirect.status, null, `${redirect.status} redirect to ${redirect.location}`);
    return;
  }
  if (rule.directResponse !== undefined) {
    const status = rule.directResponse.status ?? 200;
    const body = rule.directResponse.body?.string ?? decodeBase64(rule.directResponse.body?.bytes);
    const headers = describeHeaderOperations(rule.headers, 'response');
    trace.step(
      'directResponse',
      'matched',
      `Direct response ${status}`,
      `Envoy answers itself; no upstream is called${body === '' ? '' : `; body ${JSON.stringify(body)}`}${headers.length === 0 ? '' : `; response headers: ${headers.join(', ')}`}`,
      { node, at: { key: virtualService.key, path: rulePath(entry, 'directResponse') } },
    );
    trace.outcome.directResponse = { status, body };
    trace.respond(status, null, `${status} direct response from the gateway`);
    return;
  }
  forward(context, entry);
}

function describeRedirect(
  redirect: NonNullable<HTTPRoute['redirect']>,
  listenPort: number,
): string {
  const parts: string[] = [];
  if (redirect.uri !== undefined)
    parts.push(
      `uri replaces the whole path with ${redirect.uri} (the query is kept unless it has one)`,
    );
  if (redirect.prefixRewrite !== undefined)
    parts.push(`prefixRewrite replaces the matched prefix with ${redirect.prefixRewrite}`);
  if (redirect.authority !== undefined) parts.push(`authority ${redirect.authority}`);
  if (redirect.scheme !== undefined) parts.push(`scheme ${redirect.scheme}`);
  if (redirect.port !== undefined)
    parts.push(`port ${redirect.port} (dropped when it is 80 with http or 443 with https)`);
  if (redirect.derivePort === 'FROM_REQUEST_PORT')
    parts.push(`derivePort FROM_REQUEST_PORT: Istio bakes in the server port ${listenPort}`);
  if (redirect.derivePort === 'FROM_PROTOCOL_DEFAULT')
    parts.push('derivePort FROM_PROTOCOL_DEFAULT: no explicit port');
  parts.push(
    `code ${redirect.redirectCode ?? 301}${redirect.redirectCode === undefined ? ' (default)' : ''}`,
  );
  return parts.join('; ');
}

function decodeBase64(text: string | undefined): string {
  if (text === undefined) return '';
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const character of text.replace(/[\s=]/g, '')) {
    const value = alphabet.indexOf(character);
    if (value < 0) return text;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  // Percent-decoding reads the bytes as UTF-8; a body that is not UTF-8 is shown byte by byte.
  const encoded = bytes.map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  try {
    return decodeURIComponent(encoded);
  } catch {
    return String.fromCharCode(...bytes);
  }
}

function isPreflight(request: ParsedRequest): boolean {
  return (
    request.method === 'OPTIONS' &&
    request.headers.has('origin') &&
    request.headers.has('access-control-request-method')
  );
}

function originAllowed(cors: NonNullable<HTTPRoute['corsPolicy']>, origin: string): boolean {
  const matchers: readonly StringMatch[] =
    cors.allowOrigins ?? (cors.allowOrigin ?? []).map((exact) => ({ exact }));
  return matchers.some((matcher) => stringMatches(matcher, origin));
}

/** One destination of the route, resolved. */
interface ResolvedShare {
  readonly index: number;
  readonly percent: number;
  readonly destination: HTTPRouteDestination;
  readonly cluster: ClusterResolution;
}

function forward(context: SimulationContext, entry: RouteEntry): void {
  const { trace, request, model } = context;
  const rule = entry.rule.rule;
  const virtualService = entry.rule.virtualService;
  const node = ruleNode(entry);
  if (request.rawPath !== request.path) {
    // Before routing: the rule was chosen with the normalised path.
    trace.step(
      'rewrite',
      'info',
      'Path normalised',
      `Envoy normalises the path (RFC 3986) before routing`,
      { before: request.rawPath + request.query, after: request.path + request.query },
    );
  }
  // CORS runs before the fault filter and the router.
  const cors = rule.corsPolicy;
  if (cors !== undefined) {
    const origin = request.headers.get('origin');
    if (isPreflight(request) && origin !== undefined) {
      if (originAllowed(cors, origin)) {
        trace.step(
          'cors',
          'matched',
          'CORS preflight answered by the gateway',
          `origin ${origin} is allowed: Envoy's CORS filter answers with access-control-allow-methods ${(cors.allowMethods ?? []).join(',')}${cors.allowHeaders === undefined ? '' : `, access-control-allow-headers ${cors.allowHeaders.join(',')}`}; the request is not forwarded`,
          { node, at: { key: virtualService.key, path: rulePath(entry, 'corsPolicy') } },
        );
        trace.respond(200, null, `200: CORS preflight from ${origin} answered by the gateway`);
        return;
      }
      const ignore = cors.unmatchedPreflights === 'IGNORE';
      trace.step(
        'cors',
        'info',
        'CORS preflight from an origin not allowed',
        ignore
          ? `origin ${origin} is not allowed and unmatchedPreflights is IGNORE: Envoy answers without CORS headers`
          : `origin ${origin} is not allowed: the preflight is forwarded upstream without CORS headers (unmatchedPreflights FORWARD, the default)`,
        { node, at: { key: virtualService.key, path: rulePath(entry, 'corsPolicy') } },
      );
      if (ignore) {
        trace.respond(
          200,
          null,
          `200: CORS preflight from ${origin} answered without CORS headers`,
        );
        return;
      }
    } else if (origin !== undefined) {
      trace.step(
        'cors',
        'info',
        'CORS',
        originAllowed(cors, origin)
          ? `origin ${origin} is allowed: the response gets access-control-allow-origin ${origin}`
          : `origin ${origin} is not allowed: no CORS headers are added`,
        { node, at: { key: virtualService.key, path: rulePath(entry, 'corsPolicy') } },
      );
    }
  }

  const fault = summarizeFault(rule.fault);
  let delayed = false;
  let aborted = false;
  if (fault !== undefined) {
    const random = context.random;
    if (fault.delay !== undefined) {
      delayed =
        random === undefined ? fault.delayPercent >= 100 : random() * 100 < fault.delayPercent;
      trace.step(
        'fault',
        delayed ? 'matched' : 'info',
        `Fault delay ${fault.delay}`,
        describeFaultDraw(
          'delayed',
          fault.delayPercent,
          delayed,
          random !== undefined,
          rule.fault?.delay?.percentage === undefined,
        ),
        {
          node,
          probability: fault.delayPercent,
          at: { key: virtualService.key, path: rulePath(entry, 'fault', 'delay') },
          ...(delayed ? { flag: 'DI' as const } : {}),
        },
      );
    }
    if (fault.abortStatus !== undefined || fault.abortGrpcStatus !== undefined) {
      aborted =
        random === undefined ? fault.abortPercent >= 100 : random() * 100 < fault.abortPercent;
      const what =
        fault.abortStatus !== undefined
          ? `HTTP ${fault.abortStatus}`
          : `gRPC ${fault.abortGrpcStatus ?? ''}`;
      trace.step(
        'fault',
        aborted ? 'matched' : 'info',
        `Fault abort ${what}`,
        describeFaultDraw(
          'aborted',
          fault.abortPercent,
          aborted,
          random !== undefined,
          rule.fault?.abort?.percentage === undefined,
        ),
        {
          node,
          probability: fault.abortPercent,
          at: { key: virtualService.key, path: rulePath(entry, 'fault', 'abort') },
          ...(aborted ? { flag: 'FI' as const } : {}),
        },
      );
    }
  }

  // An abort answers from the fault filter, before the router: the rewrite, the header operations,
  // the mirrors and the destinations below are where the request would have gone, not reached.
  const onward = (status: TraceStepStatus): TraceStepStatus => (aborted ? 'unreached' : status);
  const { shares, dropped } = splitByWeight(rule.route ?? []);
  for (const drop of dropped) {
    trace.step(
      'destination',
      'skipped',
      `Destination http[${entry.rule.index}].route[${drop.index}] left out`,
      drop.reason,
      { node, at: { key: virtualService.key, path: rulePath(entry, 'route', drop.index) } },
    );
  }
  const resolved: ResolvedShare[] = shares.map((share) => ({
    index: share.index,
    percent: share.percent,
    destination: share.destination,
    cluster: resolveCluster(
      model,
      share.destination.destination ?? {},
      entry.rule.hostNamespace,
      entry.listenPort,
      context.proxyNamespace,
    ),
  }));
  let chosen: readonly ResolvedShare[] = resolved;
  if (context.random !== undefined && resolved.length > 1) {
    const draw = context.random();
    const picked = pickShare(resolved, draw);
    if (picked !== undefined) chosen = [picked];
  }
  const single = chosen.length === 1 ? chosen[0] : undefined;
  trace.recordDestinations(resolved, single?.cluster);

  // Rewrites and header operations apply whatever happens to the request afterwards.
  const singleDestination = resolved.length === 1 ? resolved[0]?.destination : undefined;
  const routeAuthority = authorityFromHeaderOperations(rule.headers);
  const destinationAuthority =
    routeAuthority === undefined && rule.rewrite?.authority === undefined
      ? authorityFromHeaderOperations(singleDestination?.headers)
      : undefined;
  const rewrite = applyRewrite(
    rule.rewrite,
    entry.match?.match,
    request,
    routeAuthority ?? destinationAuthority,
  );
  const originalPath = request.path + request.query;
  if (rewrite.notes.length > 0) {
    trace.step('rewrite', onward('matched'), 'Rewrite', rewrite.notes.join('; '), {
      node,
      at: { key: virtualService.key, path: rulePath(entry, 'rewrite') },
      before: `${request.authority}${originalPath}`,
      after: `${rewrite.authority}${rewrite.path}`,
    });
  }
  trace.outcome.path = rewrite.path;
  trace.outcome.authority = rewrite.authority;
  const requestHeaders = [
    ...describeHeaderOperations(rule.headers, 'request'),
    ...(singleDestination === undefined
      ? []
      : describeHeaderOperations(singleDestination.headers, 'request')),
  ];
  const responseHeaders = [
    ...describeHeaderOperations(rule.headers, 'response'),
    ...(singleDestination === undefined
      ? []
      : describeHeaderOperations(singleDestination.headers, 'response')),
  ];
  if (requestHeaders.length > 0 || responseHeaders.length > 0) {
    const parts: string[] = [];
    if (requestHeaders.length > 0) parts.push(`request: ${requestHeaders.join(', ')}`);
    if (responseHeaders.length > 0) parts.push(`response: ${responseHeaders.join(', ')}`);
    trace.step(
      'headers',
      onward('info'),
      'Header operations',
      `${parts.join('; ')} (destination-level operations come after rule-level ones)`,
      { node, at: { key: virtualService.key, path: rulePath(entry, 'headers') } },
    );
  }
  reportMirrors(context, entry, onward('info'));
  // A sampled request goes to the destination drawn: the others are not on its path.
  for (const share of chosen.length === 1 ? chosen : resolved) {
    reportDestination(context, entry, share, resolved.length, !aborted);
  }

  if (aborted) {
    const status = fault?.abortStatus ?? 200;
    const grpc =
      fault?.abortStatus === undefined ? ` (gRPC status ${fault?.abortGrpcStatus ?? ''})` : '';
    trace.respond(
      status,
      'FI',
      `${status} FI: the fault filter aborts the request${grpc}; the upstream is never called`,
    );
    return;
  }
  const outcomes = chosen.map((share) => share.cluster.health);
  const firstHealth = outcomes[0];
  const uniform = firstHealth !== undefined && outcomes.every((health) => health === firstHealth);
  if (chosen.length === 0) {
    trace.stop('unanswerable', 'The rule has no destination with a weight above 0');
    return;
  }
  if (uniform && firstHealth === 'noCluster') {
    const clusters = chosen.map((share) => share.cluster.cluster).join(', ');
    trace.respond(503, 'NC', `503 NC: Envoy has no cluster ${clusters}`);
    return;
  }
  if (uniform && firstHealth === 'noEndpoints') {
    const clusters = chosen.map((share) => share.cluster.cluster).join(', ');
    trace.respond(503, 'UH', `503 UH: no healthy endpoint in ${clusters}`);
    return;
  }
  trace.outcome.flag = delayed ? 'DI' : null;
  trace.ending = 'upstream';
  const delayNote = delayed ? ` after the fault delay of ${fault?.delay ?? ''}` : '';
  if (!uniform) {
    trace.outcome.flag = null;
    trace.summary = `Split across ${chosen.length} clusters; the answer depends on the draw: ${chosen.map((share) => `${formatPercent(share.percent)}% ${share.cluster.cluster} ${describeHealth(share.cluster.health)}`).join(', ')}`;
    return;
  }
  if (chosen.length === 1 && single !== undefined) {
    trace.summary = `Forwarded to ${single.cluster.cluster}${delayNote} (${single.cluster.reason})`;
  } else {
    trace.summary = `Split ${chosen.map((share) => `${formatPercent(share.percent)}% ${share.cluster.cluster}`).join(', ')}${delayNote}`;
  }
}

function describeHealth(health: ClusterResolution['health']): string {
  switch (health) {
    case 'ok':
      return 'reaches a workload';
    case 'noCluster':
      return 'gets 503 NC';
    case 'noEndpoints':
      return 'gets 503 UH';
    default: {
      const unreachable: never = health;
      return unreachable;
    }
  }
}

function describeFaultDraw(
  verb: string,
  percent: number,
  fired: boolean,
  sampled: boolean,
  defaulted: boolean,
): string {
  const base = defaulted
    ? `no percentage: 0% of requests are ${verb}`
    : `${formatPercent(percent)}% of requests are ${verb}`;
  if (sampled) return `${base}; this draw ${fired ? 'fires' : 'does not fire'}`;
  if (percent >= 100) return `${base}: always`;
  if (percent <= 0) return `${base}: never`;
  return `${base}; the deterministic outcome below is the un-faulted one (give the request a draw to sample)`;
}

function reportMirrors(
  context: SimulationContext,
  entry: RouteEntry,
  status: TraceStepStatus,
): void {
  const { trace, model } = context;
  const rule = entry.rule.rule;
  const node = ruleNode(entry);
  const virtualService = entry.rule.virtualService;
  const mirrors: {
    destination: NonNullable<HTTPRoute['mirror']>;
    percent: number;
    path: YamlPath;
  }[] = [];
  if (rule.mirror !== undefined) {
    // Absent percentage mirrors everything; an explicit 0 mirrors nothing (Istio's MirrorPercent).
    const percent =
      rule.mirrorPercentage !== undefined
        ? (rule.mirrorPercentage.value ?? 0)
        : (rule.mirrorPercent ?? 100);
    mirrors.push({ destination: rule.mirror, percent, path: rulePath(entry, 'mirror') });
  }
  (rule.mirrors ?? []).forEach((mirror, index) => {
    if (mirror.destination !== undefined)
      mirrors.push({
        destination: mirror.destination,
        percent: mirror.percentage?.value ?? 100,
        path: rulePath(entry, 'mirrors', index),
      });
  });
  for (const mirror of mirrors) {
    const cluster = resolveCluster(
      model,
      mirror.destination,
      entry.rule.hostNamespace,
      entry.listenPort,
      context.proxyNamespace,
    );
    trace.step(
      'mirror',
      status,
      `Mirror to ${cluster.cluster}`,
      mirror.percent <= 0
        ? 'percentage 0: nothing is mirrored'
        : `a copy of ${formatPercent(Math.min(100, mirror.percent))}% of requests, Host ${context.request.authority}-shadow; the response is discarded${cluster.health === 'ok' ? '' : ` (${cluster.reason})`}`,
      {
        node,
        cluster: cluster.cluster,
        probability: Math.min(100, Math.max(0, mirror.percent)),
        at: { key: virtualService.key, path: mirror.path },
      },
    );
  }
}

/**
 * Adds the destination, cluster, subset and endpoint steps of one destination; when the request
 * does not get that far (`reached` false), as unreached steps off the path.
 */
function reportDestination(
  context: SimulationContext,
  entry: RouteEntry,
  share: ResolvedShare,
  count: number,
  reached: boolean,
): void {
  const { trace } = context;
  const onward = (status: TraceStepStatus): TraceStepStatus => (reached ? status : 'unreached');
  const virtualService = entry.rule.virtualService;
  const cluster = share.cluster;
  const flag: ResponseFlag | undefined =
    cluster.health === 'noCluster' ? 'NC' : cluster.health === 'noEndpoints' ? 'UH' : undefined;
  const writtenHost = share.destination.destination?.host ?? '';
  const hostNote =
    writtenHost === cluster.host
      ? cluster.host
      : `${writtenHost} resolves to ${cluster.host} (in namespace ${entry.rule.hostNamespace})`;
  trace.step(
    'destination',
    onward(cluster.health === 'noCluster' ? 'failed' : 'matched'),
    `Destination ${cluster.host}${cluster.subset === null ? '' : ` subset ${cluster.subset}`} port ${cluster.port}`,
    `${hostNote}; port: ${cluster.portReason}`,
    {
      ...(cluster.node === undefined ? {} : { node: cluster.node }),
      at: { key: virtualService.key, path: rulePath(entry, 'route', share.index, 'destination') },
      ...(count > 1 ? { share: share.percent } : {}),
    },
  );
  trace.step(
    'cluster',
    onward(cluster.health === 'noCluster' ? 'failed' : 'matched'),
    `Cluster ${cluster.cluster}`,
    cluster.health === 'noCluster'
      ? cluster.reason
      : cluster.registry === undefined
        ? ''
        : describeRegistry(cluster),
    {
      cluster: cluster.cluster,
      ...(flag === 'NC' ? { flag } : {}),
      ...(cluster.node === undefined
        ? {}
        : {
            node: cluster.node,
            at: {
              key: cluster.node,
              path: registryPortPath(cluster),
            },
          }),
    },
  );
  if (cluster.health === 'noCluster') return;
  if (cluster.subset !== null && cluster.destinationRules !== undefined) {
    const rule = cluster.destinationRules.destinationRules.find((candidate) =>
      (candidate.spec.subsets ?? []).some((subset) => subset.name === cluster.subset),
    );
    const subsetIndex =
      rule === undefined
        ? -1
        : (rule.spec.subsets ?? []).findIndex((subset) => subset.name === cluster.subset);
    trace.step(
      'subset',
      onward('matched'),
      `Subset ${cluster.subset}`,
      `labels ${formatLabels(cluster.subsetDefinition?.labels)} from DestinationRule ${rule === undefined ? '' : `${rule.namespace}/${rule.name}`}${cluster.loadBalancer === undefined ? '' : `; load balancer ${cluster.loadBalancer}`}`,
      rule === undefined
        ? {}
        : { node: rule.key, at: { key: rule.key, path: ['spec', 'subsets', subsetIndex] } },
    );
  } else if (cluster.destinationRules !== undefined && cluster.loadBalancer !== undefined) {
    const rule = cluster.destinationRules.destinationRules[0];
    trace.step(
      'subset',
      onward('info'),
      'DestinationRule traffic policy',
      `load balancer ${cluster.loadBalancer}`,
      rule === undefined
        ? {}
        : { node: rule.key, at: { key: rule.key, path: ['spec', 'trafficPolicy'] } },
    );
  }
  endpointsStep(trace, cluster, reached);
}

/**
 * The endpoints step of a cluster: its workloads (visited on the canvas when the request reaches
 * them), or why none take it.
 */
function endpointsStep(trace: TraceBuilder, cluster: ClusterResolution, reached = true): void {
  if (reached)
    for (const endpoint of cluster.endpoints)
      if (endpoint.workload !== undefined) trace.visit(endpoint.workload.key);
  const workloads = cluster.endpoints.map((endpoint) => endpoint.label);
  trace.step(
    'workloads',
    !reached
      ? 'unreached'
      : cluster.health === 'noEndpoints'
        ? 'failed'
        : cluster.endpointNote !== undefined
          ? 'info'
          : 'matched',
    cluster.health === 'noEndpoints'
      ? 'No endpoints'
      : cluster.endpointNote !== undefined
        ? 'Endpoints not known from the design'
        : `Endpoints (${workloads.length})`,
    cluster.reason,
    {
      ...(cluster.endpointNote === undefined ? { workloads } : {}),
      ...(cluster.health === 'noEndpoints' ? { flag: 'UH' as const } : {}),
    },
  );
}

/**
 * Forwards to one cluster without a VirtualService (a sidecar's default route for a Service):
 * the destination, cluster and endpoint steps, and the outcome.
 */
export function forwardWithoutVirtualService(
  context: SimulationContext,
  cluster: ClusterResolution,
): void {
  const { trace, request } = context;
  trace.recordDestinations([{ cluster, percent: 100 }], cluster);
  // A TCP connection carries no HTTP path or Host, and gets no HTTP status.
  trace.outcome.path = request.http ? request.path + request.query : null;
  trace.outcome.authority = request.http ? request.authority : null;
  trace.step(
    'cluster',
    cluster.health === 'noCluster' ? 'failed' : 'matched',
    `Cluster ${cluster.cluster}`,
    cluster.health === 'noCluster'
      ? cluster.reason
      : `default route of the sidecar: port ${cluster.port}, no subset`,
    {
      cluster: cluster.cluster,
      ...(cluster.node === undefined
        ? {}
        : { node: cluster.node, at: { key: cluster.node, path: registryPortPath(cluster) } }),
      ...(cluster.health === 'noCluster' ? { flag: 'NC' as const } : {}),
    },
  );
  if (cluster.health === 'noCluster') {
    if (request.http) trace.respond(503, 'NC', `503 NC: Envoy has no cluster ${cluster.cluster}`);
    else {
      trace.outcome.flag = 'NC';
      trace.stop('closed', `Connection closed: Envoy has no cluster ${cluster.cluster} (NC).`);
    }
    return;
  }
  endpointsStep(trace, cluster);
  if (cluster.health === 'noEndpoints') {
    if (request.http) trace.respond(503, 'UH', `503 UH: no healthy endpoint in ${cluster.cluster}`);
    else {
      trace.outcome.flag = 'UH';
      trace.stop('closed', `Connection closed: no healthy endpoint in ${cluster.cluster} (UH).`);
    }
    return;
  }
  trace.ending = 'upstream';
  trace.summary = `Forwarded to ${cluster.cluster} (${cluster.reason})`;
}

/** `Service shop/cart port 80`, or `ServiceEntry default/legacy port 8080`. */
function describeRegistry(cluster: ClusterResolution): string {
  const registry = cluster.registry;
  if (registry === undefined) return '';
  const resource = registryResource(registry);
  return `${registry.kind} ${resource.namespace}/${resource.name} port ${cluster.port}`;
}

/** The YAML path of the cluster's port in its Service or ServiceEntry. */
function registryPortPath(cluster: ClusterResolution): YamlPath {
  const registry = cluster.registry;
  if (registry === undefined) return ['spec', 'ports'];
  const index =
    registry.kind === 'Service'
      ? (registry.service.spec.ports ?? []).findIndex((port) => port.port === cluster.port)
      : (registry.serviceEntry.spec.ports ?? []).findIndex((port) => port.number === cluster.port);
  return index < 0 ? ['spec', 'ports'] : ['spec', 'ports', index];
}
