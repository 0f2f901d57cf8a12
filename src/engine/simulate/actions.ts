import type {
  HTTPFaultInjection,
  HTTPMatchRequest,
  HTTPRedirect,
  HTTPRewrite,
  Headers,
  RouteDestination,
} from '../model';
import { matchedPathPrefix } from './match';
import { regexReplaceAll } from './regex';
import type { ParsedRequest } from './request';
import { splitHostPort } from './request';

/** The path and authority a route sends upstream, and how they were derived. */
export interface RewriteResult {
  /** Path with query, after rewriting. */
  readonly path: string;
  readonly authority: string;
  /** A sentence per rewrite applied, for the trace; empty when nothing changed. */
  readonly notes: readonly string[];
}

/**
 * Applies a rule's `rewrite` (Envoy `prefix_rewrite` / `regex_rewrite` / `host_rewrite_literal`)
 * to the request that matched `match`. The routing decision is never re-run on the result.
 * `authorityOverride` is the authority set through `headers.request.set/add` of `host`.
 */
export function applyRewrite(
  rewrite: HTTPRewrite | undefined,
  match: HTTPMatchRequest | undefined,
  request: ParsedRequest,
  authorityOverride: string | undefined,
): RewriteResult {
  const notes: string[] = [];
  let path = request.path + request.query;
  const regexRewrite = rewrite?.uriRegexRewrite;
  if (regexRewrite !== undefined && regexRewrite.match !== undefined) {
    // regex_rewrite works on the path without the query; the query is appended unchanged.
    const rewritten = regexReplaceAll(regexRewrite.match, request.path, regexRewrite.rewrite ?? '');
    path = rewritten + request.query;
    notes.push(
      `uriRegexRewrite ${JSON.stringify(regexRewrite.match)} -> ${JSON.stringify(regexRewrite.rewrite ?? '')}: path ${request.path + request.query} -> ${path}`,
    );
  } else if (rewrite?.uri !== undefined && rewrite.uri !== '') {
    const matched = matchedPathPrefix(match, request.path);
    path = rewrite.uri + request.path.slice(matched.length) + request.query;
    notes.push(
      `rewrite.uri replaces the matched part ${JSON.stringify(matched)} by ${JSON.stringify(rewrite.uri)}: path ${request.path + request.query} -> ${path}`,
    );
  }
  let authority = request.authority;
  const newAuthority =
    rewrite?.authority !== undefined && rewrite.authority !== ''
      ? rewrite.authority
      : authorityOverride;
  if (newAuthority !== undefined && newAuthority !== '') {
    notes.push(`authority ${request.authority} -> ${newAuthority}`);
    authority = newAuthority;
  }
  return { path, authority, notes };
}

/** The authority set by `headers.request.set` (winning) or `.add` of `host` / `:authority`. */
export function authorityFromHeaderOperations(headers: Headers | undefined): string | undefined {
  const request = headers?.request;
  if (request === undefined) return undefined;
  const fromSet = findAuthority(request.set);
  return fromSet ?? findAuthority(request.add);
}

function findAuthority(
  operations: Readonly<Record<string, string>> | undefined,
): string | undefined {
  if (operations === undefined) return undefined;
  let authority: string | undefined;
  for (const [name, value] of Object.entries(operations)) {
    const lower = name.toLowerCase();
    if (lower === 'host' || lower === ':authority') authority = value;
  }
  return authority;
}

/** Redirect codes Istio translates; other 3xx codes give a route with no action. */
export const SUPPORTED_REDIRECT_CODES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** A computed redirect: the status and the Location header. */
export interface RedirectResult {
  readonly status: number;
  readonly location: string;
}

/**
 * The Location Envoy builds for a VirtualService `redirect` (Istio's ApplyRedirect, then Envoy's
 * newUri). `serverPort` is the Gateway server's written port (FROM_REQUEST_PORT bakes it in);
 * `serverHasTls` is whether the server has a `tls` block (Istio's default scheme for port
 * stripping).
 */
export function computeRedirect(
  redirect: HTTPRedirect,
  match: HTTPMatchRequest | undefined,
  request: ParsedRequest,
  serverPort: number,
  serverHasTls: boolean,
): RedirectResult {
  const status =
    redirect.redirectCode === undefined || redirect.redirectCode === 0
      ? 301
      : redirect.redirectCode;
  let portRedirect: number | undefined;
  if (redirect.port !== undefined || redirect.derivePort !== undefined) {
    if (redirect.port !== undefined && redirect.port !== 0) portRedirect = redirect.port;
    else if (redirect.derivePort === 'FROM_REQUEST_PORT') portRedirect = serverPort;
    const portScheme =
      redirect.scheme !== undefined && redirect.scheme !== ''
        ? redirect.scheme
        : serverHasTls
          ? 'https'
          : 'http';
    // Istio drops an explicit :80 for http and :443 for https.
    if (
      (portRedirect === 80 && portScheme === 'http') ||
      (portRedirect === 443 && portScheme === 'https')
    ) {
      portRedirect = undefined;
    }
  }
  const scheme =
    redirect.scheme !== undefined && redirect.scheme !== '' ? redirect.scheme : request.scheme;
  const portSuffix = portRedirect === undefined ? '' : `:${portRedirect}`;
  let host: string;
  if (redirect.authority !== undefined && redirect.authority !== '') {
    host = redirect.authority;
  } else {
    host = redirectRequestHost(request, scheme, portSuffix);
  }
  let path: string;
  if (redirect.uri !== undefined && redirect.uri !== '') {
    // path_redirect replaces the whole path; the request's query survives unless the new path has one.
    path = redirect.uri.includes('?') ? redirect.uri : redirect.uri + request.query;
  } else if (redirect.prefixRewrite !== undefined) {
    const matched = matchedPathPrefix(match, request.path);
    path = redirect.prefixRewrite + request.path.slice(matched.length) + request.query;
  } else {
    path = request.path + request.query;
  }
  if (!path.startsWith('/')) path = `/${path}`;
  return { status, location: `${scheme}://${host}${portSuffix}${path}` };
}

/** Envoy's processRequestHost: drops the Host's port when a new port is set or the scheme changes from its default. */
function redirectRequestHost(request: ParsedRequest, newScheme: string, newPort: string): string {
  const host = request.authority;
  const split = splitHostPort(host);
  if (!split.ok || split.port === undefined) return host;
  const hostPart = host.slice(0, host.lastIndexOf(':'));
  const requestPort = `:${split.port}`;
  let removePort = newPort !== '';
  // Envoy compares with x-forwarded-proto, which the gateway sets to the connection's scheme.
  if (newScheme !== request.scheme) {
    removePort ||= request.scheme === 'https' && requestPort === ':443';
    removePort ||= request.scheme === 'http' && requestPort === ':80';
  }
  return removePort ? hostPart : host;
}

/** A destination's share of a split. */
export interface WeightedShare<T> {
  readonly destination: T;
  /** Share in percent, relative to the other kept destinations (weights are relative since Istio 1.15). */
  readonly percent: number;
  /** Index in the rule's `route` list. */
  readonly index: number;
}

/** The destinations dropped from a split, with why. */
export interface DroppedDestination {
  readonly index: number;
  readonly reason: string;
}

/**
 * Istio's weight rules: a single destination gets 100% whatever its weight; with several,
 * zero-weight ones are dropped and the rest share in proportion to their weights.
 */
export function splitByWeight<T extends RouteDestination>(
  destinations: readonly T[],
): {
  readonly shares: readonly WeightedShare<T>[];
  readonly dropped: readonly DroppedDestination[];
} {
  if (destinations.length === 1) {
    const only = destinations[0];
    return only === undefined
      ? { shares: [], dropped: [] }
      : { shares: [{ destination: only, percent: 100, index: 0 }], dropped: [] };
  }
  const kept: { destination: T; weight: number; index: number }[] = [];
  const dropped: DroppedDestination[] = [];
  destinations.forEach((destination, index) => {
    const weight = destination.weight ?? 0;
    if (weight > 0) kept.push({ destination, weight, index });
    else
      dropped.push({
        index,
        reason: `weight ${weight}: dropped from a split of ${destinations.length}`,
      });
  });
  const total = kept.reduce((sum, entry) => sum + entry.weight, 0);
  return {
    shares: kept.map((entry) => ({
      destination: entry.destination,
      index: entry.index,
      percent: total > 0 ? (entry.weight * 100) / total : 0,
    })),
    dropped,
  };
}

/** Picks a share with a draw in [0, 1), as Envoy's weighted cluster selection does. */
export function pickShare<Share extends { readonly percent: number }>(
  shares: readonly Share[],
  draw: number,
): Share | undefined {
  let cumulative = 0;
  for (const share of shares) {
    cumulative += share.percent / 100;
    if (draw < cumulative) return share;
  }
  return shares[shares.length - 1];
}

/** The probabilities of a rule's fault, as Envoy applies them. */
export interface FaultSummary {
  /** Percent of requests delayed (0 when no delay or no percentage). */
  readonly delayPercent: number;
  readonly delay: string | undefined;
  /** Percent of requests aborted. */
  readonly abortPercent: number;
  readonly abortStatus: number | undefined;
  /** The gRPC status name for gRPC aborts. */
  readonly abortGrpcStatus: string | undefined;
}

/**
 * Reads a `fault`: an omitted percentage means 0% (Istio sends Envoy an unset fraction, which is
 * zero); the deprecated integer `percent` counts for delays; `exponentialDelay` is not supported.
 */
export function summarizeFault(fault: HTTPFaultInjection | undefined): FaultSummary | undefined {
  if (fault === undefined) return undefined;
  const delay = fault.delay;
  const delayPercent =
    delay === undefined || delay.fixedDelay === undefined
      ? 0
      : clampPercent(delay.percentage?.value ?? delay.percent ?? 0);
  const abort = fault.abort;
  const abortSupported =
    abort !== undefined && (abort.httpStatus !== undefined || abort.grpcStatus !== undefined);
  return {
    delayPercent,
    delay: delay?.fixedDelay,
    abortPercent: abortSupported ? clampPercent(abort.percentage?.value ?? 0) : 0,
    abortStatus: abort?.httpStatus,
    abortGrpcStatus: abort?.httpStatus === undefined ? abort?.grpcStatus : undefined,
  };
}

function clampPercent(value: number): number {
  // Istio converts to parts per million, so the precision is 0.0001%.
  return Math.min(100, Math.max(0, Math.round(value * 10000) / 10000));
}

/** Request or response header operations as the trace describes them. */
export function describeHeaderOperations(
  headers: Headers | undefined,
  direction: 'request' | 'response',
): string[] {
  const operations = headers?.[direction];
  if (operations === undefined) return [];
  const notes: string[] = [];
  for (const [name, value] of Object.entries(operations.set ?? {}))
    notes.push(`set ${name}: ${value}`);
  for (const [name, value] of Object.entries(operations.add ?? {}))
    notes.push(`add ${name}: ${value}`);
  for (const name of operations.remove ?? []) notes.push(`remove ${name}`);
  return notes;
}
