import type { FormEvent } from 'react';
import { Send } from 'lucide-react';
import { useSailplan, useSailplanStoreApi } from '../../store';
import { HeaderRows } from './HeaderRows';
import { ReadyRequestPicker } from './ReadyRequestPicker';
import { SourcePicker } from './SourcePicker';
import { UrlPartsFields } from './UrlPartsFields';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/**
 * The request to send: method, URL (and its parts), headers and where it comes from. Every field
 * writes the store's `request` (autosaved, shared); Send, or Enter in any field, traces it.
 */
export function RequestForm() {
  const store = useSailplanStoreApi();
  const method = useSailplan((state) => state.request.method ?? 'GET');
  const url = useSailplan((state) => state.request.url);
  const update = (patch: { method?: string; url?: string }) => {
    const { request, setRequest } = store.getState();
    setRequest({ ...request, ...patch });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    store.getState().sendRequest();
  };
  const methods: readonly string[] = METHODS.includes(method as (typeof METHODS)[number])
    ? METHODS
    : [...METHODS, method];
  return (
    <form className="sim-request" aria-label="Request" onSubmit={onSubmit}>
      <div className="sim-request-head">
        <h3 className="panel-heading">Request</h3>
        <ReadyRequestPicker />
      </div>
      <div className="sim-urlbar">
        <select
          className="panel-input sim-method"
          aria-label="Method"
          value={method}
          onChange={(event) => update({ method: event.target.value })}
        >
          {methods.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <input
          className="panel-input panel-input--mono sim-url"
          aria-label="URL"
          placeholder="http://shop.example.com/cart?id=7"
          spellCheck={false}
          autoComplete="off"
          value={url}
          onChange={(event) => update({ url: event.target.value })}
        />
        <button type="submit" className="button button-primary sim-send">
          <Send size={13} aria-hidden="true" />
          Send
        </button>
      </div>
      <UrlPartsFields />
      <SourcePicker />
      <HeaderRows />
    </form>
  );
}
