import { useSailplan } from '../store';

/** The Problems panel: every diagnostic of the design with its place in the YAML. */
export function ProblemsPanel() {
  const diagnostics = useSailplan((state) => state.derived.diagnostics);
  if (diagnostics.length === 0) {
    return <p className="empty-state">No problems found in the design.</p>;
  }
  return (
    <ul className="problem-list" aria-label="Problems">
      {diagnostics.map((diagnostic, index) => (
        <li key={index} className={`problem problem-${diagnostic.level}`}>
          <span className="problem-level">{diagnostic.level}</span>
          <span className="problem-code">{diagnostic.code}</span>
          <span className="problem-message">{diagnostic.message}</span>
          {diagnostic.range ? (
            <span className="problem-location">
              {diagnostic.range.file}:{diagnostic.range.line}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
