import type { HTTPMatchRequest, StringMatch } from '../model';
import { regexFullMatch } from './regex';
import type { ParsedRequest } from './request';

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

/** The request-time verdict of one match entry: it holds, or the first condition that failed. */
export type MatchVerdict =
  | { readonly matched: true }
  | { readonly matched: false; readonly reason: string; readonly field: string };

const MATCHED: MatchVerdict = { matched: true };

/**
 * Evaluates the request-time conditions of one HTTPMatchRequest (uri, scheme, method, authority,
 * headers, withoutHeaders, queryParams), all ANDed, in that order, and says which failed first.
 * Config-time fields (port, gateways, sourceLabels, sourceNamespace) are decided when the route
 * table is built, not here.
 */
export function evaluateMatch(
  match: HTTPMatchRequest | undefined,
  request: ParsedRequest,
): MatchVerdict {
  if (match === undefined) return MATCHED;
  const uri = match.uri;
  if (uri !== undefined && !isPresenceMatch(uri)) {
    // ignoreUriCase applies to exact and prefix only (Envoy ignores case_sensitive for safe_regex).
    if (!stringMatches(uri, request.path, match.ignoreUriCase === true)) {
      const caseNote =
        match.ignoreUriCase === true && uri.regex === undefined ? ' (ignoring case)' : '';
      return fail(
        'uri',
        `uri: wanted ${describeStringMatch(uri)}${caseNote}, got ${JSON.stringify(request.path)}`,
      );
    }
  }
  for (const [field, name, value] of [
    ['scheme', ':scheme', request.scheme],
    ['method', ':method', request.method],
    ['authority', ':authority', request.authority],
  ] as const) {
    const condition = match[field];
    if (
      condition !== undefined &&
      !isPresenceMatch(condition) &&
      !stringMatches(condition, value)
    ) {
      return fail(
        field,
        `${field} (${name}): wanted ${describeStringMatch(condition)}, got ${JSON.stringify(value)}`,
      );
    }
  }
  // Istio sorts header matchers by name; the first failing one is reported in that order.
  for (const name of sortedKeys(match.headers)) {
    const condition = match.headers?.[name];
    const verdict = evaluateHeader(name, condition, request, false);
    if (!verdict.matched) return verdict;
  }
  for (const name of sortedKeys(match.withoutHeaders)) {
    const condition = match.withoutHeaders?.[name];
    const verdict = evaluateHeader(name, condition, request, true);
    if (!verdict.matched) return verdict;
  }
  for (const name of sortedKeys(match.queryParams)) {
    const condition = match.queryParams?.[name];
    const value = request.queryParams.get(name);
    if (value === undefined) {
      return fail(
        `queryParams.${name}`,
        `query ${name}: wanted ${describeStringMatch(condition)}, got none`,
      );
    }
    if (
      condition !== undefined &&
      !isPresenceMatch(condition) &&
      !stringMatches(condition, value)
    ) {
      return fail(
        `queryParams.${name}`,
        `query ${name}: wanted ${describeStringMatch(condition)}, got ${JSON.stringify(value)}`,
      );
    }
  }
  return MATCHED;
}

function evaluateHeader(
  name: string,
  condition: StringMatch | undefined,
  request: ParsedRequest,
  inverted: boolean,
): MatchVerdict {
  const field = `${inverted ? 'withoutHeaders' : 'headers'}.${name}`;
  const label = inverted ? `without header ${name}` : `header ${name}`;
  if (isJwtClaimKey(name)) {
    // A claim matcher reads the JWT validated by a RequestAuthentication, which is not modelled.
    return inverted
      ? MATCHED
      : fail(
          field,
          `${label}: JWT claim routing needs a validated JWT, which the simulator does not model`,
        );
  }
  const value = headerValue(request, name.toLowerCase());
  if (isPresenceMatch(condition)) {
    if (inverted) {
      return value === undefined
        ? MATCHED
        : fail(field, `${label}: wanted absent, got ${JSON.stringify(value)}`);
    }
    return value !== undefined ? MATCHED : fail(field, `${label}: wanted present, got none`);
  }
  const stringMatch = condition ?? {};
  if (inverted) {
    // Istio sets treat_missing_header_as_empty on inverted value matchers.
    const effective = value ?? '';
    return stringMatches(stringMatch, effective)
      ? fail(
          field,
          `${label}: wanted not ${describeStringMatch(stringMatch)}, got ${value === undefined ? 'none (treated as "")' : JSON.stringify(value)}`,
        )
      : MATCHED;
  }
  if (value === undefined)
    return fail(field, `${label}: wanted ${describeStringMatch(stringMatch)}, got none`);
  return stringMatches(stringMatch, value)
    ? MATCHED
    : fail(
        field,
        `${label}: wanted ${describeStringMatch(stringMatch)}, got ${JSON.stringify(value)}`,
      );
}

function fail(field: string, reason: string): MatchVerdict {
  return { matched: false, field, reason };
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
