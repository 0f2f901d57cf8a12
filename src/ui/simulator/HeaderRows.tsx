import { useState } from 'react';
import { Plus, X } from 'lucide-react';
import type { Request } from '../../engine';
import { useSailplan, useSailplanStoreApi } from '../../store';

type HeaderRow = readonly [string, string];

/** The request's headers as editable rows (a list, so that a name may repeat and rows keep order). */
export function headerRowsOf(request: Request): readonly HeaderRow[] {
  const headers = request.headers;
  if (headers === undefined) return [];
  return Array.isArray(headers)
    ? (headers as readonly HeaderRow[])
    : Object.entries(headers as Readonly<Record<string, string>>);
}

/** Header rows to add and remove, each a name and a value. */
export function HeaderRows() {
  const store = useSailplanStoreApi();
  const request = useSailplan((state) => state.request);
  const rows = headerRowsOf(request);
  // The row just added: its name field takes the focus when it mounts, as in any list editor.
  const [addedRow, setAddedRow] = useState<number | null>(null);
  const write = (next: readonly HeaderRow[]) => {
    const { request: current, setRequest } = store.getState();
    setRequest({ ...current, headers: next });
  };
  const edit = (index: number, row: HeaderRow) =>
    write(rows.map((current, at) => (at === index ? row : current)));
  const add = () => {
    setAddedRow(rows.length);
    write([...rows, ['', '']]);
  };
  const remove = (index: number) => {
    setAddedRow(null);
    write(rows.filter((_, at) => at !== index));
  };
  return (
    <fieldset className="sim-fieldset">
      <legend className="panel-label">Headers</legend>
      {rows.length > 0 && (
        <ul className="sim-headers" aria-label="Headers">
          {rows.map(([name, value], index) => (
            <li key={index} className="sim-header-row">
              <input
                className="panel-input panel-input--mono"
                aria-label={`Header ${index + 1} name`}
                placeholder="name"
                spellCheck={false}
                autoComplete="off"
                autoFocus={index === addedRow}
                value={name}
                onChange={(event) => edit(index, [event.target.value, value])}
              />
              <input
                className="panel-input panel-input--mono"
                aria-label={`Header ${index + 1} value`}
                placeholder="value"
                spellCheck={false}
                autoComplete="off"
                value={value}
                onChange={(event) => edit(index, [name, event.target.value])}
              />
              <button
                type="button"
                className="button button-icon panel-icon-button"
                aria-label={`Remove header ${name === '' ? index + 1 : name}`}
                title="Remove header"
                onClick={() => remove(index)}
              >
                <X size={14} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button panel-small-button" onClick={add}>
        <Plus size={13} aria-hidden="true" />
        Add header
      </button>
    </fieldset>
  );
}
