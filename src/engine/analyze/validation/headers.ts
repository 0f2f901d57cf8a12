/** HTTP header name and value checks of the webhook (analyzers.md §2.2, header manipulation). */

// RFC 7230 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PSEUDO_HEADERS: ReadonlySet<string> = new Set([
  ':method',
  ':scheme',
  ':authority',
  ':path',
  ':status',
]);
const JWT_CLAIM_PREFIX = '@request.auth.claims';
// Control characters other than horizontal tab are not allowed in header values.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_VALUE_CHARACTERS = /[\u0000-\u0008\u000A-\u001F\u007F]/;

/** True for a key that routes on a JWT claim (`@request.auth.claims.<name>`). */
export function isJwtClaimKey(name: string): boolean {
  return name.startsWith(`${JWT_CLAIM_PREFIX}.`) || name.startsWith(`${JWT_CLAIM_PREFIX}[`);
}

/** A match header name: an RFC 7230 token, a pseudo-header, or a JWT claim key. */
export function validateMatchHeaderName(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (isJwtClaimKey(name) || PSEUDO_HEADERS.has(name.toLowerCase()) || TOKEN.test(name)) {
    return undefined;
  }
  return `header name ${name} is not a valid header name`;
}

/** A CORS allow/expose header: a token or `*`. */
export function validateCorsHeaderName(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (name === '*' || TOKEN.test(name)) return undefined;
  return `header name ${name} is not a valid header name`;
}

function isInternalHeader(name: string): boolean {
  return name.startsWith(':') || name.toLowerCase() === 'host';
}

/** True for `:authority` or `host`: setting them rewrites the authority. */
export function isAuthorityHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === ':authority' || lower === 'host';
}

/** Request `set`/`add` names: no `:` prefix except `:authority`; `host` is allowed. */
export function validateRequestHeaderSetName(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (isInternalHeader(name) && !isAuthorityHeader(name)) {
    return `invalid header ${JSON.stringify(name)}: header cannot have ":" prefix`;
  }
  return undefined;
}

/** Request `remove` and every response operation: not `host`, no `:` prefix. */
export function validateHeaderOperationName(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (name.toLowerCase() === 'host')
    return `invalid header ${JSON.stringify(name)}: cannot set Host header`;
  if (isInternalHeader(name))
    return `invalid header ${JSON.stringify(name)}: header cannot have ":" prefix`;
  return undefined;
}

/**
 * A header value: no control characters, and well-formed Envoy `%OPERATOR%` / `%OPERATOR(args)%`
 * expressions, where `%%` is a literal percent sign.
 */
export function validateHeaderValue(value: string): string | undefined {
  if (FORBIDDEN_VALUE_CHARACTERS.test(value))
    return `header value configuration ${value} is invalid`;
  const problem = commandOperatorProblem(value);
  return problem === undefined ? undefined : `header value configuration: ${problem}`;
}

type OperatorState =
  | 'literal'
  | 'name'
  | 'expectArguments'
  | 'expectString'
  | 'string'
  | 'expectDelimiterOrEnd'
  | 'expectArgumentsEnd'
  | 'expectOperatorEnd';

// Envoy's header formatter grammar, walked one character at a time.
function commandOperatorProblem(value: string): string | undefined {
  let state: OperatorState = 'literal';
  for (let position = 0; position < value.length; position += 1) {
    const character = value[position];
    const hasNext = position + 1 < value.length;
    switch (state) {
      case 'literal':
        if (character !== '%') break;
        if (!hasNext) return 'invalid header configuration. Un-escaped %';
        if (value[position + 1] === '%') position += 1;
        else state = 'name';
        break;
      case 'name':
        if (character === '%') state = 'literal';
        else if (character === '(') state = 'expectArguments';
        break;
      case 'expectArguments':
        if (character === '[') state = 'expectString';
        else if (character !== ' ') state = 'string';
        break;
      case 'expectDelimiterOrEnd':
        if (character === ',') state = 'expectString';
        else if (character === ']') state = 'expectArgumentsEnd';
        else if (character !== ' ')
          return "invalid header configuration. Expecting ',', ']', or whitespace";
        break;
      case 'expectString':
        if (character === '"') state = 'string';
        else if (character !== ' ') return `invalid header configuration. Expecting '"'`;
        break;
      case 'string':
        if (character === '\\') {
          if (!hasNext)
            return 'invalid header configuration. Un-terminated backslash in JSON string';
          position += 1;
        } else if (character === ')') state = 'expectOperatorEnd';
        else if (character === '"') state = 'expectDelimiterOrEnd';
        break;
      case 'expectArgumentsEnd':
        if (character === ')') state = 'expectOperatorEnd';
        else if (character !== ' ')
          return "invalid header configuration. Expecting ')' or whitespace";
        break;
      case 'expectOperatorEnd':
        if (character === '%') state = 'literal';
        else if (character !== ' ')
          return "invalid header configuration. Expecting '%' or whitespace after";
        break;
      default: {
        const unreachable: never = state;
        return unreachable;
      }
    }
  }
  if (state !== 'literal') {
    return `invalid header configuration. Un-terminated variable expression '${value}'`;
  }
  return undefined;
}
