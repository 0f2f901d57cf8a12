import type {
  CorsPolicy,
  HTTPDirectResponse,
  HTTPFaultInjection,
  HTTPMatchRequest,
  HTTPRedirect,
  HTTPRetry,
  HTTPRewrite,
  HTTPRoute,
  Percent,
  YamlPath,
} from '../../model';
import { GRPC_STATUS_NAMES } from '../../model';
import { schemaReporter, type SchemaReporter } from '../schemaReporter';
import type { ResourceRule } from '../types';
import { validateDuration, parseDurationNanoseconds } from '../validation/duration';
import {
  isAuthorityHeader,
  validateCorsHeaderName,
  validateMatchHeaderName,
} from '../validation/headers';
import { goQuote, validatePort } from '../validation/names';
import { validateRegex } from '../validation/regex';
import { utf8Length } from '../validation/text';
import {
  validateDestination,
  validateHeaderOperations,
  validateStringMatch,
  validateWeightedDestinations,
  validateSourceMatch,
} from '../validation/routing';

/** What a rule is to the webhook: a plain rule, a root rule that delegates, or a delegate's rule. */
type HttpRouteKind = 'independent' | 'root' | 'delegate';

const SUPPORTED_CORS_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  '*',
]);

const RETRY_ON_POLICIES: ReadonlySet<string> = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'envoy-ratelimited',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

// The status codes Go's net/http names (http.StatusText is non-empty for them).
const NAMED_HTTP_STATUSES: ReadonlySet<number> = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304,
  305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415,
  416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505,
  506, 507, 508, 510, 511,
]);

const GRPC_STATUSES: ReadonlySet<string> = new Set(GRPC_STATUS_NAMES);

const KIBIBYTE = 1024;
const MEBIBYTE = 1024 * KIBIBYTE;

/** The webhook's checks of each VirtualService http rule (analyzers.md §2.2, "HTTP route"). */
export const httpRouteValidationRule: ResourceRule = {
  scope: 'resource',
  id: 'ist0106-httpRouteValidation',
  codes: ['IST0106', 'IST0133'],
  check(resource, report) {
    if (resource.kind !== 'VirtualService') return;
    const reporter = schemaReporter(resource, report);
    const inDelegate = (resource.spec.hosts ?? []).length === 0;
    for (const [index, rule] of (resource.spec.http ?? []).entries()) {
      const kind: HttpRouteKind = inDelegate
        ? 'delegate'
        : rule.delegate !== undefined
          ? 'root'
          : 'independent';
      validateHttpRoute(rule, kind, ['spec', 'http', index], reporter);
    }
  },
};

function validateHttpRoute(
  rule: HTTPRoute,
  kind: HttpRouteKind,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  validateActions(rule, kind, path, reporter);
  for (const [index, match] of (rule.match ?? []).entries()) {
    validateMatch(match, [...path, 'match', index], reporter);
  }
  if (rule.headers !== undefined)
    validateHeaderOperations(rule.headers, [...path, 'headers'], reporter);
  if (rule.corsPolicy !== undefined)
    validateCors(rule.corsPolicy, [...path, 'corsPolicy'], reporter);
  if (rule.fault !== undefined) validateFault(rule.fault, [...path, 'fault'], reporter);
  validateMirrors(rule, path, reporter);
  if (rule.redirect !== undefined)
    validateRedirect(rule, rule.redirect, [...path, 'redirect'], reporter);
  if (rule.directResponse !== undefined) {
    validateDirectResponse(rule.directResponse, [...path, 'directResponse'], reporter);
  }
  if (rule.retries !== undefined) validateRetries(rule.retries, [...path, 'retries'], reporter);
  if (rule.rewrite !== undefined) validateRewrite(rule.rewrite, [...path, 'rewrite'], reporter);
  validateAuthorityRewrite(rule, path, reporter);
  validateWeightedDestinations(rule.route ?? [], [...path, 'route'], reporter);
  if (rule.timeout !== undefined) reportDuration(rule.timeout, [...path, 'timeout'], reporter);
}

// Exactly one of route, redirect and directResponse (or delegate on a root rule).
function validateActions(
  rule: HTTPRoute,
  kind: HttpRouteKind,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  if (kind === 'root') {
    const name = rule.name ?? '';
    if (rule.redirect !== undefined) {
      reporter.error([...path, 'redirect'], `root HTTP route ${name} must not specify redirect`);
    }
    if (rule.route !== undefined)
      reporter.error([...path, 'route'], `root HTTP route ${name} must not specify route`);
    return;
  }
  if (kind === 'delegate' && rule.delegate !== undefined) {
    reporter.error([...path, 'delegate'], 'delegate HTTP route cannot contain delegate');
  }
  const hasRoute = (rule.route ?? []).length > 0;
  if (rule.redirect !== undefined) {
    const at = [...path, 'redirect'];
    if (hasRoute) reporter.error(at, 'HTTP route cannot contain both route and redirect');
    if (rule.fault !== undefined)
      reporter.error(at, 'HTTP route cannot contain both fault and redirect');
    if (rule.rewrite !== undefined)
      reporter.error(at, 'HTTP route rule cannot contain both rewrite and redirect');
    if (rule.directResponse !== undefined) {
      reporter.error(at, 'HTTP route rule cannot contain both direct_response and redirect');
    }
  } else if (rule.directResponse !== undefined) {
    const at = [...path, 'directResponse'];
    if (hasRoute) reporter.error(at, 'HTTP route cannot contain both route and direct_response');
    if (rule.fault !== undefined)
      reporter.error(at, 'HTTP route cannot contain both fault and direct_response');
    if (rule.rewrite !== undefined) {
      reporter.error(at, 'HTTP route rule cannot contain both rewrite and direct_response');
    }
  } else if (!hasRoute) {
    reporter.error(path, 'HTTP route, redirect or direct_response is required');
  }
  if (rule.mirror !== undefined && (rule.mirrors ?? []).length > 0) {
    reporter.error([...path, 'mirrors'], 'HTTP route cannot contain both mirror and mirrors');
  }
}

function validateMatch(match: HTTPMatchRequest, path: YamlPath, reporter: SchemaReporter): void {
  for (const [name, header] of Object.entries(match.headers ?? {})) {
    const at = [...path, 'headers', name];
    const problem = validateMatchHeaderName(name);
    if (problem !== undefined) reporter.error(at, problem);
    validateStringMatch(header, 'headers', at, reporter);
  }
  for (const [name, header] of Object.entries(match.withoutHeaders ?? {})) {
    const at = [...path, 'withoutHeaders', name];
    const problem = validateMatchHeaderName(name);
    if (problem !== undefined) reporter.error(at, problem);
    // `regex: "*"` is not RE2: it means "the header is present".
    if (header.regex !== '*') validateStringMatch(header, 'withoutHeaders', at, reporter);
  }
  if (match.uri !== undefined)
    validateStringMatch(match.uri, 'uri', [...path, 'uri'], reporter, true);
  for (const field of ['scheme', 'method', 'authority'] as const) {
    const value = match[field];
    if (value !== undefined) validateStringMatch(value, field, [...path, field], reporter);
  }
  for (const [name, parameter] of Object.entries(match.queryParams ?? {})) {
    validateStringMatch(parameter, 'queryParams', [...path, 'queryParams', name], reporter);
  }
  validateSourceMatch(match, path, reporter);
}

function validateCors(policy: CorsPolicy, path: YamlPath, reporter: SchemaReporter): void {
  for (const [index, origin] of (policy.allowOrigins ?? []).entries()) {
    const at = [...path, 'allowOrigins', index];
    const value = origin.exact ?? origin.prefix ?? origin.regex ?? '';
    if (value === '') {
      reporter.error(at, `'${value}' is not a valid match type for CORS allow origins`);
      continue;
    }
    if (origin.regex !== undefined) {
      const problem = validateRegex(origin.regex, 'corsPolicy.allowOrigins');
      if (problem !== undefined) reporter.error([...at, 'regex'], problem);
    }
  }
  for (const [index, method] of (policy.allowMethods ?? []).entries()) {
    if (!SUPPORTED_CORS_METHODS.has(method)) {
      reporter.error(
        [...path, 'allowMethods', index],
        `${goQuote(method)} is not a supported HTTP method`,
      );
    }
  }
  for (const field of ['allowHeaders', 'exposeHeaders'] as const) {
    for (const [index, name] of (policy[field] ?? []).entries()) {
      const problem = validateCorsHeaderName(name);
      if (problem !== undefined) reporter.error([...path, field, index], problem);
    }
  }
  if (policy.maxAge !== undefined) {
    const at = [...path, 'maxAge'];
    reportDuration(policy.maxAge, at, reporter);
    const nanoseconds = parseDurationNanoseconds(policy.maxAge);
    if (nanoseconds !== undefined && nanoseconds % 1e9 !== 0) {
      reporter.error(at, 'max_age duration is accurate only to seconds precision');
    }
  }
}

function percentageProblem(percentage: Percent): string | undefined {
  const value = percentage.value ?? 0;
  if (value < 0 || value > 100 || (value > 0 && value < 0.0001)) {
    return `percentage ${value} is neither 0.0, nor in range [0.0001, 100.0]`;
  }
  return undefined;
}

function validateFault(fault: HTTPFaultInjection, path: YamlPath, reporter: SchemaReporter): void {
  if (fault.abort === undefined && fault.delay === undefined) {
    reporter.error(path, 'HTTP fault injection must have an abort and/or a delay');
  }
  const abort = fault.abort;
  if (abort !== undefined) {
    const at = [...path, 'abort'];
    if (abort.percentage !== undefined) {
      const problem = percentageProblem(abort.percentage);
      if (problem !== undefined) reporter.error([...at, 'percentage', 'value'], problem);
    }
    if (abort.grpcStatus !== undefined) {
      if (!GRPC_STATUSES.has(abort.grpcStatus)) {
        reporter.error(
          [...at, 'grpcStatus'],
          `gRPC status ${goQuote(abort.grpcStatus)} is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, for example 'NOT_FOUND'`,
        );
      }
    } else if (abort.http2Error !== undefined) {
      reporter.error([...at, 'http2Error'], 'HTTP/2 abort fault injection not supported yet');
    } else if (abort.httpStatus !== undefined) {
      const problem = httpStatusProblem(abort.httpStatus);
      if (problem !== undefined) reporter.error([...at, 'httpStatus'], problem);
    } else {
      reporter.warning(at, 'abort configured, but error type not set');
    }
  }
  const delay = fault.delay;
  if (delay !== undefined) {
    const at = [...path, 'delay'];
    if (delay.percentage !== undefined) {
      const problem = percentageProblem(delay.percentage);
      if (problem !== undefined) reporter.error([...at, 'percentage', 'value'], problem);
    }
    if (delay.fixedDelay !== undefined)
      reportDuration(delay.fixedDelay, [...at, 'fixedDelay'], reporter);
    if (delay.exponentialDelay !== undefined) {
      reportDuration(delay.exponentialDelay, [...at, 'exponentialDelay'], reporter);
      reporter.error([...at, 'exponentialDelay'], 'exponentialDelay not supported yet');
    }
  }
}

// Go's %f prints six decimals.
function goFloat(value: number): string {
  return value.toFixed(6);
}

function validateMirrors(rule: HTTPRoute, path: YamlPath, reporter: SchemaReporter): void {
  if (rule.mirrorPercent !== undefined) {
    const at = [...path, 'mirrorPercent'];
    if (rule.mirrorPercent > 100) {
      reporter.error(
        at,
        `mirror_percent must have a max value of 100 (it has ${rule.mirrorPercent})`,
      );
    }
    reporter.warning(
      at,
      'using deprecated setting "mirrorPercent", use "mirrorPercentage" instead',
    );
  }
  const mirrorPercentage = rule.mirrorPercentage?.value;
  if (mirrorPercentage !== undefined) {
    const at = [...path, 'mirrorPercentage', 'value'];
    if (mirrorPercentage > 100) {
      reporter.error(
        at,
        `mirror_percentage must have a max value of 100 (it has ${goFloat(mirrorPercentage)})`,
      );
    }
    if (mirrorPercentage < 0) {
      reporter.error(
        at,
        `mirror_percentage must have a min value of 0 (it has ${goFloat(mirrorPercentage)})`,
      );
    }
  }
  if (rule.mirror !== undefined) validateDestination(rule.mirror, [...path, 'mirror'], reporter);
  for (const [index, mirror] of (rule.mirrors ?? []).entries()) {
    const at = [...path, 'mirrors', index];
    if (mirror.destination === undefined) {
      reporter.error(at, 'destination is required for mirrors');
      continue;
    }
    validateDestination(mirror.destination, [...at, 'destination'], reporter);
    const value = mirror.percentage?.value;
    if (value !== undefined && value > 100) {
      reporter.error(
        [...at, 'percentage', 'value'],
        `mirror percentage must have a max value of 100 (it has ${goFloat(value)})`,
      );
    }
    if (value !== undefined && value < 0) {
      reporter.error(
        [...at, 'percentage', 'value'],
        `mirror percentage must have a min value of 0 (it has ${goFloat(value)})`,
      );
    }
  }
}

function validateRedirect(
  rule: HTTPRoute,
  redirect: HTTPRedirect,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  const hasUri = (redirect.uri ?? '') !== '';
  const hasPrefixRewrite = redirect.prefixRewrite !== undefined;
  if (
    !hasUri &&
    !hasPrefixRewrite &&
    (redirect.authority ?? '') === '' &&
    redirect.port === undefined &&
    redirect.derivePort === undefined &&
    (redirect.scheme ?? '') === ''
  ) {
    reporter.error(path, 'redirect must specify URI, authority, scheme, or port');
  }
  const code = redirect.redirectCode ?? 0;
  if (code !== 0 && (code < 300 || code > 399)) {
    reporter.error([...path, 'redirectCode'], `${code} is not a valid redirect code, must be 3xx`);
  }
  if (
    redirect.scheme !== undefined &&
    redirect.scheme !== '' &&
    redirect.scheme !== 'http' &&
    redirect.scheme !== 'https'
  ) {
    reporter.error([...path, 'scheme'], 'invalid redirect scheme, must be "http" or "https"');
  }
  if (redirect.port !== undefined && redirect.port > 0) {
    const problem = validatePort(redirect.port);
    if (problem !== undefined) reporter.error([...path, 'port'], problem);
  }
  if (redirect.port !== undefined && redirect.derivePort !== undefined) {
    reporter.error([...path, 'derivePort'], 'only one of port or derivePort may be set');
  }
  if (hasUri && hasPrefixRewrite) {
    reporter.error([...path, 'prefixRewrite'], 'only one of uri or prefixRewrite may be set');
  }
  if (hasPrefixRewrite) {
    const matches = rule.match ?? [];
    const allPrefix =
      matches.length > 0 && matches.every((match) => match.uri?.prefix !== undefined);
    if (!allPrefix) {
      reporter.error(
        [...path, 'prefixRewrite'],
        'prefixRewrite requires every uri match of the rule to be a prefix match',
      );
    }
  }
}

function httpStatusProblem(status: number): string | undefined {
  // The webhook lets 600 through although its message says 599.
  return status < 200 || status > 600 ? `HTTP status ${status} is not in range 200-599` : undefined;
}

function validateDirectResponse(
  response: HTTPDirectResponse,
  path: YamlPath,
  reporter: SchemaReporter,
): void {
  const body = response.body;
  if (body !== undefined) {
    if (body.string !== undefined && body.bytes !== undefined) {
      reporter.error(
        [...path, 'body'],
        'only one of string or bytes may be set in a direct response body',
      );
    }
    const size =
      body.string !== undefined
        ? utf8Length(body.string)
        : body.bytes !== undefined
          ? Math.floor((body.bytes.length * 3) / 4)
          : 0;
    if (size > MEBIBYTE) {
      reporter.error(
        [...path, 'body'],
        'large direct_responses may impact control plane performance, must be less than 1MB',
      );
    } else if (size > 100 * KIBIBYTE) {
      reporter.warning(
        [...path, 'body'],
        'large direct_responses may impact control plane performance',
      );
    }
  }
  const problem = httpStatusProblem(response.status ?? 0);
  if (problem !== undefined)
    reporter.error(response.status === undefined ? path : [...path, 'status'], problem);
}

function validateRetries(retries: HTTPRetry, path: YamlPath, reporter: SchemaReporter): void {
  const attempts = retries.attempts ?? 0;
  if (attempts < 0) reporter.error([...path, 'attempts'], 'attempts cannot be negative');
  if (
    attempts === 0 &&
    (retries.perTryTimeout !== undefined ||
      (retries.retryOn ?? '') !== '' ||
      retries.retryRemoteLocalities !== undefined)
  ) {
    reporter.error(path, 'http retry policy configured when attempts are set to 0 (disabled)');
  }
  if (retries.perTryTimeout !== undefined)
    reportDuration(retries.perTryTimeout, [...path, 'perTryTimeout'], reporter);
  if (retries.backoff !== undefined)
    reportDuration(retries.backoff, [...path, 'backoff'], reporter);
  if ((retries.retryOn ?? '') !== '') {
    for (const policy of (retries.retryOn ?? '').split(',')) {
      const status = /^[+-]?[0-9]+$/.test(policy) ? Number(policy) : Number.NaN;
      if (!NAMED_HTTP_STATUSES.has(status) && !RETRY_ON_POLICIES.has(policy)) {
        reporter.error([...path, 'retryOn'], `${goQuote(policy)} is not a valid retryOn policy`);
      }
    }
  }
}

function validateRewrite(rewrite: HTTPRewrite, path: YamlPath, reporter: SchemaReporter): void {
  const hasUri = (rewrite.uri ?? '') !== '';
  const regexRewrite = rewrite.uriRegexRewrite;
  if (hasUri && regexRewrite !== undefined) {
    reporter.error(path, 'rewrite may only contain one of URI or UriRegexRewrite');
    return;
  }
  if (!hasUri && regexRewrite === undefined && (rewrite.authority ?? '') === '') {
    reporter.error(
      path,
      'rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified',
    );
    return;
  }
  if (regexRewrite === undefined) return;
  const at = [...path, 'uriRegexRewrite'];
  if ((regexRewrite.match ?? '') === '' || (regexRewrite.rewrite ?? '') === '') {
    reporter.error(
      at,
      'UriRegexRewrite has errors: UriRegexRewrite requires both Rewrite and Match fields to be specified',
    );
    return;
  }
  const problem = validateRegex(regexRewrite.match ?? '', 'HTTPRewrite.UriRegexRewrite.Match');
  if (problem !== undefined)
    reporter.error([...at, 'match'], `UriRegexRewrite has errors: ${problem}`);
}

// The authority may be rewritten in one place only: rewrite.authority or a host/:authority header.
function validateAuthorityRewrite(rule: HTTPRoute, path: YamlPath, reporter: SchemaReporter): void {
  let current = rule.rewrite?.authority ?? '';
  for (const operation of ['set', 'add'] as const) {
    for (const [name, value] of Object.entries(rule.headers?.request?.[operation] ?? {})) {
      if (!isAuthorityHeader(name)) continue;
      if (current !== '') {
        reporter.error(
          [...path, 'headers', 'request', operation, name],
          `authority header cannot be set multiple times: have ${goQuote(current)}, attempting to set ${goQuote(value)}`,
        );
        return;
      }
      current = value;
    }
  }
}

function reportDuration(value: string, path: YamlPath, reporter: SchemaReporter): void {
  const problem = validateDuration(value);
  if (problem !== undefined) reporter.error(path, problem);
}
