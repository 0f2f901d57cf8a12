import { useState, type FormEvent, type KeyboardEvent } from 'react';

/** Names the test "Save as test" records; Enter saves, Escape cancels. */
export function SaveTestForm({
  suggestedName,
  summary,
  onSave,
  onCancel,
}: {
  suggestedName: string;
  summary: string;
  onSave: (name: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(suggestedName);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() !== '') onSave(name.trim());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };
  return (
    <form
      className="tests-save"
      aria-label="Save as test"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
    >
      <label className="panel-field tests-save-name">
        <span className="panel-label">Test name</span>
        <input
          className="panel-input"
          value={name}
          autoFocus
          onFocus={(event) => event.target.select()}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <p className="tests-save-summary">{summary}</p>
      <button
        type="submit"
        className="button button-primary panel-small-button"
        disabled={name.trim() === ''}
      >
        Save test
      </button>
      <button type="button" className="button panel-small-button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
