import type { HTTPMatchRequest, StringMatch } from '../model';
import { regexFullMatch } from './regex';
import type { ParsedRequest } from './request';
import type { FailedCondition, WantedValue } from './trace';

/** Istio translates an absent or empty StringMatch, and `regex: "*"`, into a presence test. */
export function isPresenceMatch(match: StringMatch | undefined): boolean {
  if (match === undefined) return true;
  if (match.exact !== undefined || match.prefix !== undefined) return false;
  return match.regex === undefined || match.regex === '*';
}

/** `exact "x"`, `prefix "/a"`, `regex "[0-9]+"`, or `present` (for messages). */
export function describeStringMatch(match: StringMatch | undefined): string {
  if (match === undefined || isPresenceMatch(match)) return 'present';
  if (match.exact !== undefined) return `exact ${JSON.stringify(match.exact)}`;
  if (match.prefix !== undefined) return `prefix ${JSON.stringify(match.prefix)}`;
  return `regex ${JSON.stringify(match.regex ?? '')}`;
}

/**
 * Whether a present value satisfies a StringMatch with Envoy's StringMatcher semantics: exact and
 * prefix are case-sensitive unless `ignoreCase`; a regex must match the whole value.
 */
export function stringMatches(match: StringMatch, value: string, ignoreCase = false): boolean {
  if (match.exact !== undefined) {
    return ignoreCase ? value.toLowerCase() === match.exact.toLowerCase() : value === match.exact;
  }
  if (match.prefix !== undefined) {
    return ignoreCase
      ? value.toLowerCase().startsWith(match.prefix.toLowerCase())
      : value.startsWith(match.prefix);
  }
  if (match.regex !== undefined && match.regex !== '*') return regexFullMatch(match.regex, value);
  return true;
}

/** Where a header matcher looks: a pseudo-header or a plain header, by lower-cased name. */
export function headerValue(request: ParsedRequest, lowerName: string): string | undefined {
  switch (lowerName) {
    case ':method':
      return request.method;
    case ':authority':
    case 'host':
      // Envoy keeps the Host of HTTP/1.1 as :authority.
      return request.authority;
    case ':scheme':
      return request.scheme;
    case ':path':
      return request.pathWithQuery;
    default:
      return request.headers.get(lowerName);
  }
}

/** JWT claim keys (`@request.auth.claims.group`) become metadata matchers, not header matchers. */
export function isJwtClaimKey(name: string): boolean {
  return name.startsWith('@request.auth.claims');
}

/** The first condition of a match entry that failed: why in words, where in the entry, as data. */
interface ConditionFailure {
  readonly reason: string;
  /** YAML path of the condition inside the match entry (`['headers', 'end-user']`). */
  readonly path: readonly string[];
  readonly condition: FailedCondition;
}

/**
 * The request-time verdict of one match entry: it holds, or the first condition that failed (in
 * Envoy's order) with how many of the entry's conditions held.
 */
export type MatchVerdict =
  | { readonly matched: true }
  | (ConditionFailure & {
      readonly matched: false;
      /** Conditions of the entry that hold (every one is checked, not only those before the failure). */
      readonly held: number;
      /** Request-time conditions the entry has. */
      readonly total: number;
    });

const MATCHED: MatchVerdict = { matched: true };

/** A StringMatch as data: its operator and value as written. */
export function wantedValue(match: StringMatch | undefined, ignoreCase = false): WantedValue {
  if (match === undefined || isPresenceMatch(match)) return { operator: 'present' };
  const caseless = ignoreCase ? { ignoreCase: true } : {};
  if (match.exact !== undefined) return { operator: 'exact', value: match.exact, ...caseless };
  if (match.prefix !== undefined) return { operator: 'prefix', value: match.prefix, ...caseless };
  return { operator: 'regex', value: match.regex ?? '' };
}

/**
 * Evaluates the request-time conditions of one HTTPMatchRequest (uri, scheme, method, authority,
 * headers, withoutHeaders, queryParams), all ANDed, in that order, and says which failed first
 * and how many held. Config-time fields (port, gateways, sourceLabels, sourceNamespace) are
 * decided when the route table is built, not here.
 */
export function evaluateMatch(
  match: HTTPMatchRequest | undefined,
  request: ParsedRequest,
): MatchVerdict {
  if (match === undefined) return MATCHED;
  let failure: ConditionFailure | undefined;
  let held = 0;
  let total = 0;
  const tally = (result: ConditionFailure | undefined) => {
    total += 1;
    if (result === undefined) held += 1;
    else failure ??= result;
  };
  if (match.uri !== undefined) tally(evaluateUri(match, match.uri, request));
  for (const [field, name, value] of [
    ['scheme', ':scheme', request.scheme],
    ['method', ':method', request.method],
    ['authority', ':authority', request.authority],
  ] as const) {
    const condition = match[field];
    if (condition === undefined) continue;
    tally(
      isPresenceMatch(condition) || stringMatches(condition, value)
        ? undefined
        : {
            reason: `${field} (${name}): wanted ${describeStringMatch(condition)}, got ${JSON.stringify(value)}`,
            path: [field],
            condition: { field, wanted: wantedValue(condition), got: value },
          },
    );
  }
  // Istio sorts header matchers by name; the first failing one is reported in that order.
  for (const name of sortedKeys(match.headers))
    tally(evaluateHeader(name, match.headers?.[name], request, false));
  for (const name of sortedKeys(match.withoutHeaders))
    tally(evaluateHeader(name, match.withoutHeaders?.[name], request, true));
  for (const name of sortedKeys(match.queryParams))
    tally(evaluateQueryParam(name, match.queryParams?.[name], request));
  if (failure === undefined) return MATCHED;
  return { matched: false, ...failure, held, total };
}

function evaluateUri(
  match: HTTPMatchRequest,
  uri: StringMatch,
  request: ParsedRequest,
): ConditionFailure | undefined {
  if (isPresenceMatch(uri)) return undefined;
  // ignoreUriCase applies to exact and prefix only (Envoy ignores case_sensitive for safe_regex).
  const ignoreCase = match.ignoreUriCase === true && uri.regex === undefined;
  if (stringMatches(uri, request.path, match.ignoreUriCase === true)) return undefined;
  return {
    reason: `uri: wanted ${describeStringMatch(uri)}${ignoreCase ? ' (ignoring case)' : ''}, got ${JSON.stringify(request.path)}`,
    path: ['uri'],
    condition: { field: 'uri', wanted: wantedValue(uri, ignoreCase), got: request.path },
  };
}

function evaluateQueryParam(
  name: string,
  condition: StringMatch | undefined,
  request: ParsedRequest,
): ConditionFailure | undefined {
  const value = request.queryParams.get(name);
  const failed = (got: string) => ({
    reason: `query ${name}: wanted ${describeStringMatch(condition)}, got ${got}`,
    path: ['queryParams', name],
    condition: {
      field: 'queryParam' as const,
      name,
      wanted: wantedValue(condition),
      got: value ?? null,
    },
  });
  if (value === undefined) return failed('none');
  if (condition === undefined || isPresenceMatch(condition) || stringMatches(condition, value))
    return undefined;
  return failed(JSON.stringify(value));
}

function evaluateHeader(
  name: string,
  condition: StringMatch | undefined,
  request: ParsedRequest,
  inverted: boolean,
): ConditionFailure | undefined {
  const path = [inverted ? 'withoutHeaders' : 'headers', name];
  const label = inverted ? `without header ${name}` : `header ${name}`;
  if (isJwtClaimKey(name)) {
    // A claim matcher reads the JWT validated by a RequestAuthentication, which is not modelled.
    return inverted
      ? undefined
      : {
          reason: `${label}: JWT claim routing needs a validated JWT, which the simulator does not model`,
          path,
          condition: { field: 'jwtClaim', name, wanted: wantedValue(condition), got: null },
        };
  }
  const value = headerValue(request, name.toLowerCase());
  const failed = (reason: string): ConditionFailure => ({
    reason: `${label}: ${reason}`,
    path,
    condition: {
      field: inverted ? 'withoutHeader' : 'header',
      name,
      wanted: wantedValue(condition),
      got: value ?? null,
    },
  });
  if (isPresenceMatch(condition)) {
    if (inverted)
      return value === undefined
        ? undefined
        : failed(`wanted absent, got ${JSON.stringify(value)}`);
    return value !== undefined ? undefined : failed('wanted present, got none');
  }
  const stringMatch = condition ?? {};
  if (inverted) {
    // Istio sets treat_missing_header_as_empty on inverted value matchers.
    return stringMatches(stringMatch, value ?? '')
      ? failed(
          `wanted not ${describeStringMatch(stringMatch)}, got ${value === undefined ? 'none (treated as "")' : JSON.stringify(value)}`,
        )
      : undefined;
  }
  if (value === undefined) return failed(`wanted ${describeStringMatch(stringMatch)}, got none`);
  return stringMatches(stringMatch, value)
    ? undefined
    : failed(`wanted ${describeStringMatch(stringMatch)}, got ${JSON.stringify(value)}`);
}

const sortedKeyCache = new WeakMap<object, readonly string[]>();

function sortedKeys(record: Readonly<Record<string, unknown>> | undefined): readonly string[] {
  if (record === undefined) return [];
  // Match entries are immutable model objects, evaluated again and again: sort their keys once.
  let keys = sortedKeyCache.get(record);
  if (keys === undefined) {
    keys = Object.keys(record).sort();
    sortedKeyCache.set(record, keys);
  }
  return keys;
}

/**
 * True when Istio's IsCatchAllRoute holds for the Envoy route made from this match entry: the path
 * matcher is prefix `/` (or regex `.*`) and there are no header, query or claim matchers (method,
 * authority and scheme are header matchers).
 */
export function isCatchAllMatch(match: HTTPMatchRequest | undefined): boolean {
  if (match === undefined) return true;
  const uri = match.uri;
  const pathIsCatchAll =
    uri === undefined ||
    (uri.exact === undefined && uri.prefix === undefined && uri.regex === undefined) ||
    uri.prefix === '/' ||
    (uri.exact === undefined && uri.prefix === undefined && uri.regex === '.*');
  if (!pathIsCatchAll) return false;
  return (
    match.method === undefined &&
    match.authority === undefined &&
    match.scheme === undefined &&
    isEmpty(match.headers) &&
    isEmpty(match.withoutHeaders) &&
    isEmpty(match.queryParams)
  );
}

function isEmpty(record: Readonly<Record<string, unknown>> | undefined): boolean {
  if (record === undefined) return true;
  for (const key in record) if (Object.hasOwn(record, key)) return false;
  return true;
}

/**
 * The part of the path Envoy's route matched, which `prefix_rewrite` replaces: the prefix for a
 * prefix match, the whole path for exact and regex matches, `/` when the entry has no uri matcher.
 */
export function matchedPathPrefix(match: HTTPMatchRequest | undefined, path: string): string {
  const uri = match?.uri;
  if (uri === undefined || isPresenceMatch(uri)) return path.startsWith('/') ? '/' : '';
  if (uri.exact !== undefined || uri.regex !== undefined) return path;
  const prefix = uri.prefix ?? '';
  return path.slice(0, prefix.length);
}
