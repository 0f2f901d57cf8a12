import { useId } from 'react';
import type { Request } from '../../engine';
import { useSailplan, useSailplanStoreApi } from '../../store';
import { joinUrl, splitUrl, type UrlParts } from './requestUrl';

const SCHEMES = ['http', 'https', 'tcp', 'tls'] as const;

/**
 * The URL's scheme, host, port, path and query as separate fields, kept in step with the URL: an
 * edit here rewrites the URL, and the URL's text fills them.
 */
export function UrlPartsFields() {
  const store = useSailplanStoreApi();
  const url = useSailplan((state) => state.request.url);
  const explicitPort = useSailplan((state) => state.request.port);
  const parts = splitUrl(url);
  const id = useId();
  const write = (patch: Partial<UrlParts>) => {
    const { request, setRequest } = store.getState();
    const next: { -readonly [Key in keyof Request]: Request[Key] } = {
      ...request,
      url: joinUrl({ ...splitUrl(request.url), ...patch }),
    };
    // The port is written in the URL; a separate `port` (from a ready request) gives way to it.
    if (patch.port !== undefined) delete next.port;
    setRequest(next);
  };
  const schemes = SCHEMES.includes(parts.scheme as (typeof SCHEMES)[number])
    ? SCHEMES
    : [...SCHEMES, parts.scheme];
  return (
    <div className="sim-url-parts" role="group" aria-label="URL parts">
      <label className="panel-field sim-url-scheme" htmlFor={`${id}-scheme`}>
        <span className="panel-label">Scheme</span>
        <select
          id={`${id}-scheme`}
          className="panel-input"
          value={parts.scheme}
          onChange={(event) => write({ scheme: event.target.value })}
        >
          {schemes.map((scheme) => (
            <option key={scheme} value={scheme}>
              {scheme}
            </option>
          ))}
        </select>
      </label>
      <label className="panel-field sim-url-host" htmlFor={`${id}-host`}>
        <span className="panel-label">Host</span>
        <input
          id={`${id}-host`}
          className="panel-input panel-input--mono"
          spellCheck={false}
          autoComplete="off"
          value={parts.host}
          onChange={(event) => write({ host: event.target.value })}
        />
      </label>
      <label className="panel-field sim-url-port" htmlFor={`${id}-port`}>
        <span className="panel-label">Port</span>
        <input
          id={`${id}-port`}
          className="panel-input panel-input--mono"
          inputMode="numeric"
          autoComplete="off"
          placeholder={explicitPort === undefined ? (parts.scheme === 'https' ? '443' : '80') : ''}
          value={
            parts.port === '' && explicitPort !== undefined ? String(explicitPort) : parts.port
          }
          onChange={(event) => write({ port: event.target.value.replace(/[^0-9]/g, '') })}
        />
      </label>
      <label className="panel-field sim-url-path" htmlFor={`${id}-path`}>
        <span className="panel-label">Path</span>
        <input
          id={`${id}-path`}
          className="panel-input panel-input--mono"
          spellCheck={false}
          autoComplete="off"
          value={parts.path}
          onChange={(event) => write({ path: event.target.value })}
        />
      </label>
      <label className="panel-field sim-url-query" htmlFor={`${id}-query`}>
        <span className="panel-label">Query</span>
        <input
          id={`${id}-query`}
          className="panel-input panel-input--mono"
          spellCheck={false}
          autoComplete="off"
          placeholder="id=7"
          value={parts.query}
          onChange={(event) => write({ query: event.target.value })}
        />
      </label>
    </div>
  );
}
