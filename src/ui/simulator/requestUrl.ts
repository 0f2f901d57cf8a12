/** A request URL in the parts the Simulator edits separately. */
export interface UrlParts {
  /** `http` or `https` (or `tcp`, `tls` for connections without HTTP). */
  readonly scheme: string;
  readonly host: string;
  /** The port written in the URL, `''` for the scheme's default. */
  readonly port: string;
  /** The path, starting with `/`. */
  readonly path: string;
  /** The query without its `?`. */
  readonly query: string;
}

const URL_PATTERN = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;

/** Splits `host:port` (or `[v6]:port`) into its host and its port text. */
function splitAuthority(authority: string): { host: string; port: string } {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close >= 0) {
      const rest = authority.slice(close + 1);
      return {
        host: authority.slice(0, close + 1),
        port: rest.startsWith(':') ? rest.slice(1) : '',
      };
    }
  }
  const colon = authority.lastIndexOf(':');
  return colon < 0
    ? { host: authority, port: '' }
    : { host: authority.slice(0, colon), port: authority.slice(colon + 1) };
}

/**
 * The parts of a URL, read as leniently as a half-typed URL needs: text without a scheme is taken
 * as the host and path of an http URL.
 */
export function splitUrl(url: string): UrlParts {
  const trimmed = url.trim();
  const match = URL_PATTERN.exec(trimmed) ?? URL_PATTERN.exec(`http://${trimmed}`);
  if (match === null) return { scheme: 'http', host: '', port: '', path: '/', query: '' };
  const { host, port } = splitAuthority(match[2] ?? '');
  const path = match[3] ?? '';
  return {
    scheme: (match[1] ?? 'http').toLowerCase(),
    host,
    port,
    path: path === '' ? '/' : path,
    query: match[4] ?? '',
  };
}

/** The URL of its parts; an empty port or query is left out. */
export function joinUrl(parts: UrlParts): string {
  const port = parts.port.trim() === '' ? '' : `:${parts.port.trim()}`;
  const path = parts.path.startsWith('/') ? parts.path : `/${parts.path}`;
  const query = parts.query === '' ? '' : `?${parts.query.replace(/^\?/, '')}`;
  return `${parts.scheme}://${parts.host.trim()}${port}${path}${query}`;
}
