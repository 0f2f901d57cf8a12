import { useDeferredValue, useMemo } from 'react';
import { readyRequests } from '../../engine';
import { useSailplan, useSailplanStoreApi } from '../../store';

/** Requests derived from the design (one per VirtualService host), to pick and send at once. */
export function ReadyRequestPicker() {
  const store = useSailplanStoreApi();
  // Deferred: a keystroke's canvas update is drawn first, the list of requests after it.
  const model = useDeferredValue(useSailplan((state) => state.lastGood.design.model));
  const ready = useMemo(() => readyRequests(model), [model]);
  // The same options while the labels are the same (most edits): React skips them.
  const labels = ready.map((entry) => entry.label).join('\u0000');
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
    </select>
  );
}
