import { useState, type KeyboardEvent } from 'react';

/**
 * The route tests as YAML (docs/route-tests.md), edited as a draft: Apply (or Ctrl+Enter) puts it
 * in the design, where the tests run again; Cancel (or Escape) drops it.
 */
export function TestsSourceEditor({
  text,
  onApply,
  onClose,
}: {
  text: string;
  onApply: (text: string) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState(text);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onApply(draft);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };
  return (
    <div className="tests-source">
      <textarea
        className="panel-input panel-input--mono tests-source-text"
        aria-label="Route tests (YAML)"
        spellCheck={false}
        value={draft}
        placeholder={
          'tests:\n- name: root reaches the proxy\n  request:\n    url: http://example.com/\n  expect:\n    virtualService: default/proxy'
        }
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="tests-source-actions">
        <button
          type="button"
          className="button button-primary panel-small-button"
          disabled={draft === text}
          onClick={() => onApply(draft)}
        >
          Apply
        </button>
        <button type="button" className="button panel-small-button" onClick={onClose}>
          Close
        </button>
        <span className="tests-source-hint">Ctrl+Enter applies</span>
      </div>
    </div>
  );
}
