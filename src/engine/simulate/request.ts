import { isIpAddress } from '../model';
import type { Labels } from '../model';

/** Who sends a request: an external client through the ingress, or a workload through its sidecar. */
export type RequestSource = 'ingress' | { readonly namespace: string; readonly labels: Labels };

/**
 * A request to simulate, as a user writes it (route tests, the Simulator panel, the CLI).
 * The URL gives the scheme, the authority (the Host header, and the TLS SNI for https) and the
 * path with its query, exactly as a client would send them; a `host` header overrides the Host
 * header but not the SNI, as with `curl -H 'Host: ...'`.
 */
export interface Request {
  readonly url: string;
  /** Default `GET`. */
  readonly method?: string;
  /** Names are case-insensitive. A list allows one name several times. */
  readonly headers?: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
  /** The port the client connects to; default the URL's port, else 80 (http) or 443 (https). */
  readonly port?: number;
  /** Default `ingress`. */
  readonly from?: RequestSource;
  /** With `from: ingress`, which LoadBalancer Service (`namespace/name`) it enters. */
  readonly entry?: string;
  /**
   * A number in [0, 1) standing for the random draws Envoy makes (fault percentages, weighted
   * destinations). Without it the outcome is the deterministic one described in `Outcome`.
   */
  readonly draw?: number;
}

/** Schemes a request URL may use: `tcp` and `tls` send bytes (no HTTP), `tls` with an SNI. */
export type RequestScheme = 'http' | 'https' | 'tcp' | 'tls';

/** A request after parsing: the exact strings Envoy sees. */
export interface ParsedRequest {
  readonly scheme: RequestScheme;
  /** True when the client speaks TLS (https, tls). */
  readonly tls: boolean;
  /** True when the client speaks HTTP (http, https). */
  readonly http: boolean;
  /** The URL's host, lower-cased, without port or brackets: the SNI for TLS. */
  readonly host: string;
  /** The TLS SNI, or `undefined` for plain text or when the URL's host is an IP address. */
  readonly sni: string | undefined;
  /** The `:authority` (Host header) as sent: port and case kept. */
  readonly authority: string;
  /** The port the client connects to. */
  readonly port: number;
  /** The port written in the URL, if any. */
  readonly urlPort: number | undefined;
  readonly method: string;
  /** The `:path`, query included, as sent. */
  readonly pathWithQuery: string;
  /** The path without the query, after Envoy's RFC 3986 normalisation (dot segments removed). */
  readonly path: string;
  /** The path without the query before normalisation. */
  readonly rawPath: string;
  /** The query string including `?`, or `''`. */
  readonly query: string;
  /** Query parameters, first value of each key, percent-decoded. */
  readonly queryParams: ReadonlyMap<string, string>;
  /** Lower-cased header names; several values of one name joined with `,` as Envoy does. */
  readonly headers: ReadonlyMap<string, string>;
  readonly from: RequestSource;
  readonly entry: string | undefined;
  readonly draw: number | undefined;
}

/** The result of parsing a request: the request, or a message saying what is wrong with it. */
export type ParseRequestResult =
  | { readonly ok: true; readonly request: ParsedRequest }
  | { readonly ok: false; readonly error: string };

const DEFAULT_PORTS: Readonly<Record<RequestScheme, number | undefined>> = {
  http: 80,
  https: 443,
  tcp: undefined,
  tls: 443,
};

const URL_PATTERN = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;

/** Parses a user's request; never throws. */
export function parseRequest(request: Request): ParseRequestResult {
  const url = URL_PATTERN.exec(request.url.trim());
  if (!url) {
    return {
      ok: false,
      error: `url "${request.url}" is not of the form scheme://host[:port]/path`,
    };
  }
  const schemeText = (url[1] ?? '').toLowerCase();
  if (!isScheme(schemeText)) {
    return { ok: false, error: `url scheme "${schemeText}" is not one of http, https, tcp, tls` };
  }
  const scheme = schemeText;
  // Clients never send user information; drop it from the authority.
  const authorityWithUser = url[2] ?? '';
  const authority = authorityWithUser.slice(authorityWithUser.lastIndexOf('@') + 1);
  const hostAndPort = splitHostPort(authority);
  if (!hostAndPort.ok) return hostAndPort;
  if (hostAndPort.host === '') return { ok: false, error: `url "${request.url}" has no host` };
  const urlPort = hostAndPort.port;
  const port = request.port ?? urlPort ?? DEFAULT_PORTS[scheme];
  if (port === undefined) {
    return { ok: false, error: `url "${request.url}" needs a port for scheme ${scheme}` };
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { ok: false, error: `port ${port} is not in the range 1..65535` };
  }
  const rawPath = url[3] === undefined || url[3] === '' ? '/' : url[3];
  if (!rawPath.startsWith('/')) {
    return { ok: false, error: `url "${request.url}" path must start with /` };
  }
  const query = url[4] ?? '';
  const headers = new Map<string, string>();
  for (const [name, value] of headerEntries(request.headers)) {
    const lowerName = name.trim().toLowerCase();
    if (lowerName === '') return { ok: false, error: 'a header has an empty name' };
    const previous = headers.get(lowerName);
    headers.set(lowerName, previous === undefined ? value : `${previous},${value}`);
  }
  const hostHeader = headers.get('host') ?? headers.get(':authority');
  headers.delete('host');
  headers.delete(':authority');
  const tls = scheme === 'https' || scheme === 'tls';
  const host = hostAndPort.host.toLowerCase();
  const method = (request.method ?? 'GET').trim();
  if (method === '') return { ok: false, error: 'method is empty' };
  if (request.draw !== undefined && !(request.draw >= 0 && request.draw < 1)) {
    return { ok: false, error: `draw ${request.draw} is not in [0, 1)` };
  }
  return {
    ok: true,
    request: {
      scheme,
      tls,
      http: scheme === 'http' || scheme === 'https',
      host,
      // Clients send no SNI for IP literals (RFC 6066 §3).
      sni: tls && !isIpAddress(host) ? host : undefined,
      authority: hostHeader ?? authority,
      port,
      urlPort,
      method,
      pathWithQuery: rawPath + query,
      path: normalizePath(rawPath),
      rawPath,
      query,
      queryParams: parseQuery(query),
      headers,
      from: request.from ?? 'ingress',
      entry: request.entry,
      draw: request.draw,
    },
  };
}

function isScheme(text: string): text is RequestScheme {
  return text === 'http' || text === 'https' || text === 'tcp' || text === 'tls';
}

function headerEntries(headers: Request['headers']): readonly (readonly [string, string])[] {
  if (headers === undefined) return [];
  if (Array.isArray(headers)) return headers as readonly (readonly [string, string])[];
  return Object.entries(headers);
}

type HostPort =
  | { readonly ok: true; readonly host: string; readonly port: number | undefined }
  | { readonly ok: false; readonly error: string };

/** Splits `host:port` (or `[v6]:port`); the port, when written, must be a valid number. */
export function splitHostPort(authority: string): HostPort {
  let host = authority;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return { ok: false, error: `host "${authority}" has an unclosed [` };
    host = authority.slice(1, close);
    const rest = authority.slice(close + 1);
    if (rest.startsWith(':')) portText = rest.slice(1);
    else if (rest !== '') return { ok: false, error: `host "${authority}" is malformed` };
  } else {
    const colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      host = authority.slice(0, colon);
      portText = authority.slice(colon + 1);
    }
  }
  if (portText === undefined || portText === '') return { ok: true, host, port: undefined };
  if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    return { ok: false, error: `port "${portText}" is not a number in the range 1..65535` };
  }
  return { ok: true, host, port: Number(portText) };
}

/** Removes the port from a Host header value, as Envoy does before choosing a virtual host. */
export function stripPort(authority: string): string {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    return close < 0 ? authority : authority.slice(0, close + 1);
  }
  const colon = authority.lastIndexOf(':');
  if (colon < 0 || authority.indexOf(':') !== colon) return authority;
  return /^[0-9]*$/.test(authority.slice(colon + 1)) ? authority.slice(0, colon) : authority;
}

/** Removes `.` and `..` segments (RFC 3986 §5.2.4), as Envoy's `normalize_path` does. */
export function normalizePath(path: string): string {
  if (!path.includes('/.') && !path.startsWith('.')) return path;
  const input = path.split('/');
  const output: string[] = [];
  for (let index = 0; index < input.length; index += 1) {
    const segment = input[index] ?? '';
    const last = index === input.length - 1;
    if (segment === '.') {
      if (last) output.push('');
    } else if (segment === '..') {
      if (output.length > 1) output.pop();
      if (last) output.push('');
    } else {
      output.push(segment);
    }
  }
  const joined = output.join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}

function parseQuery(query: string): ReadonlyMap<string, string> {
  const parameters = new Map<string, string>();
  if (query.length <= 1) return parameters;
  for (const pair of query.slice(1).split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = percentDecode(equals < 0 ? pair : pair.slice(0, equals));
    const value = equals < 0 ? '' : percentDecode(pair.slice(equals + 1));
    // Envoy's query matchers look at the first value of a key only.
    if (!parameters.has(key)) parameters.set(key, value);
  }
  return parameters;
}

function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
