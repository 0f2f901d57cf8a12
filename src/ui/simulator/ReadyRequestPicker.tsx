import { useDeferredValue, useMemo } from 'react';
import { readyRequests } from '../../engine';
import { useSailplan, useSailplanStoreApi } from '../../store';

/**
 * The most requests the list offers. A design of thousands of hosts would otherwise make a list
 * nobody scrolls, of thousands of options the page styles and lays out again on every change
 * (4,001 of the page's 10,517 elements on a 5,000-resource design).
 */
export const READY_REQUESTS_SHOWN = 50;

/** Requests derived from the design (one per VirtualService host), to pick and send at once. */
export function ReadyRequestPicker() {
  const store = useSailplanStoreApi();
  // Deferred: a keystroke's canvas update is drawn first, the list of requests after it.
  const model = useDeferredValue(useSailplan((state) => state.lastGood.design.model));
  // One more than is shown tells whether there are more.
  const ready = useMemo(() => readyRequests(model, READY_REQUESTS_SHOWN + 1), [model]);
  // The same options while the labels are the same (most edits): React skips them.
  const labels = ready
    .slice(0, READY_REQUESTS_SHOWN)
    .map((entry) => entry.label)
    .join('\u0000');
  const more = ready.length > READY_REQUESTS_SHOWN;
  const options = useMemo(
    () =>
      labels === ''
        ? []
        : labels.split('\u0000').map((label, index) => (
            <option key={label} value={index}>
              {label}
            </option>
          )),
    [labels],
  );
  if (ready.length === 0) return null;
  return (
    <select
      className="panel-input sim-ready"
      aria-label="Ready requests"
      value=""
      onChange={(event) => {
        const chosen = ready[Number(event.target.value)];
        if (chosen === undefined) return;
        const { setRequest, sendRequest } = store.getState();
        setRequest({ method: 'GET', headers: [], ...chosen.request });
        sendRequest();
      }}
    >
      <option value="" disabled>
        Ready requests…
      </option>
      {options}
      {more ? (
        <option value="" disabled>
          More hosts: type the URL
        </option>
      ) : null}
    </select>
  );
}
