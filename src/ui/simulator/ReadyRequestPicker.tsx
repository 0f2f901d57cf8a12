import { useMemo } from 'react';
import { readyRequests } from '../../engine';
import { useSailplan, useSailplanStoreApi } from '../../store';

/** Requests derived from the design (one per VirtualService host), to pick and send at once. */
export function ReadyRequestPicker() {
  const store = useSailplanStoreApi();
  const model = useSailplan((state) => state.lastGood.design.model);
  const ready = useMemo(() => readyRequests(model), [model]);
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
      {ready.map((entry, index) => (
        <option key={entry.label} value={index}>
          {entry.label}
        </option>
      ))}
    </select>
  );
}
