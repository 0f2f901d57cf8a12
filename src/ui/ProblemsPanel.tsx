import { useMemo, useState, type KeyboardEvent } from 'react';
import { Bell, BellOff, BookOpen, CircleAlert, Info, TriangleAlert } from 'lucide-react';
import type { DiagnosticLevel } from '../engine';
import { silencedEntry, useSailplan, useSailplanStoreApi } from '../store';
import { resourceLabel, RULES_BY_CODE } from './problems/diagnosticText';
import { ClusterDomainField } from './problems/ClusterDomainField';
import { ProblemRow } from './problems/ProblemRow';
import { RuleCatalogue } from './problems/RuleCatalogue';
import { useRevealInDesign } from './simulator/useRevealInDesign';
import './simulator/panelKit.css';
import './problems/problems.css';

const LEVELS: readonly {
  readonly level: DiagnosticLevel;
  readonly label: string;
  readonly icon: typeof CircleAlert;
}[] = [
  { level: 'error', label: 'Errors', icon: CircleAlert },
  { level: 'warning', label: 'Warnings', icon: TriangleAlert },
  { level: 'info', label: 'Info', icon: Info },
];

function describeEntry(entry: string): string {
  const colon = entry.indexOf(':');
  const code = colon < 0 ? entry : entry.slice(0, colon);
  const name = RULES_BY_CODE.get(code)?.name;
  const where = colon < 0 ? 'everywhere' : `for ${resourceLabel(entry.slice(colon + 1))}`;
  return `${code}${name === undefined ? '' : ` ${name}`} ${where}`;
}

/**
 * The Problems panel: every diagnostic with its code, level, resource, message and place, filtered
 * by level; a row shows its place in the design (node selected, exact range revealed); a finding
 * can be silenced for its resource or everywhere in this design; the rule catalogue explains them.
 */
export function ProblemsPanel() {
  const store = useSailplanStoreApi();
  const diagnostics = useSailplan((state) => state.derived.diagnostics);
  // Until the analysis arrives (after the first paint) only the parse and model findings are known.
  const checking = useSailplan((state) => state.derived.analysisPending === true);
  const silenced = useSailplan((state) => state.silenced);
  const reveal = useRevealInDesign();
  const [shown, setShown] = useState<ReadonlySet<DiagnosticLevel>>(
    () => new Set(['error', 'warning', 'info']),
  );
  const [aside, setAside] = useState<'none' | 'silenced' | 'catalogue'>('none');
  const counts = useMemo(() => {
    const byLevel = { error: 0, warning: 0, info: 0 };
    for (const diagnostic of diagnostics) byLevel[diagnostic.level] += 1;
    return byLevel;
  }, [diagnostics]);
  const visible = diagnostics.filter((diagnostic) => shown.has(diagnostic.level));
  const found = useMemo(
    () => new Set(diagnostics.map((diagnostic) => diagnostic.code)),
    [diagnostics],
  );

  const toggle = (level: DiagnosticLevel) => {
    const next = new Set(shown);
    if (next.has(level)) next.delete(level);
    else next.add(level);
    setShown(next);
  };

  // Arrow keys move between problems, Home and End to the first and last.
  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const rows = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-problem-row]')];
    const current = rows.findIndex((row) => row === document.activeElement);
    const target =
      event.key === 'ArrowDown'
        ? current + 1
        : event.key === 'ArrowUp'
          ? current - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? rows.length - 1
              : undefined;
    if (target === undefined || current === -1) return;
    event.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, target))]?.focus();
  };

  return (
    <div className="problems-panel">
      <div className="panel-toolbar" role="group" aria-label="Problems filter">
        {LEVELS.map(({ level, label, icon: Icon }) => (
          <button
            key={level}
            type="button"
            className={`button panel-small-button problems-filter problems-filter--${level}`}
            aria-pressed={shown.has(level)}
            onClick={() => toggle(level)}
          >
            <Icon size={12} strokeWidth={2.25} aria-hidden="true" />
            {label}
            <span className="problems-filter-count">{counts[level]}</span>
          </button>
        ))}
        <span className="panel-toolbar-spacer" />
        <ClusterDomainField />
        <button
          type="button"
          className="button panel-small-button"
          aria-pressed={aside === 'silenced'}
          onClick={() => setAside(aside === 'silenced' ? 'none' : 'silenced')}
        >
          <BellOff size={12} aria-hidden="true" />
          Silenced
          <span className="problems-filter-count">{silenced.length}</span>
        </button>
        <button
          type="button"
          className="button panel-small-button"
          aria-pressed={aside === 'catalogue'}
          onClick={() => setAside(aside === 'catalogue' ? 'none' : 'catalogue')}
        >
          <BookOpen size={12} aria-hidden="true" />
          Rule catalogue
        </button>
      </div>
      <div className={`problems-body${aside === 'none' ? '' : ' problems-body--aside'}`}>
        {checking && visible.length > 0 ? (
          <p className="problems-empty" role="status">
            Checking…
          </p>
        ) : null}
        {visible.length === 0 ? (
          <p className="problems-empty" role={checking ? 'status' : undefined}>
            {checking
              ? 'Checking…'
              : diagnostics.length === 0
                ? 'No problems found in the design.'
                : 'No problems at the levels shown.'}
          </p>
        ) : (
          <ul className="problems-list" aria-label="Problems" onKeyDown={onListKeyDown}>
            {visible.map((diagnostic, index) => (
              <ProblemRow
                key={`${diagnostic.code}|${diagnostic.resource ?? ''}|${diagnostic.range?.start ?? index}|${diagnostic.message}`}
                diagnostic={diagnostic}
                onReveal={() =>
                  reveal({ node: diagnostic.resource, source: diagnostic.range, of: 'current' })
                }
                onSilence={(scope) =>
                  store
                    .getState()
                    .silence(
                      silencedEntry(
                        diagnostic.code,
                        scope === 'resource' ? diagnostic.resource : undefined,
                      ),
                    )
                }
              />
            ))}
          </ul>
        )}
        {aside === 'silenced' && (
          <section className="problems-aside" aria-label="Silenced findings">
            <h3 className="panel-heading">Silenced in this design</h3>
            {silenced.length === 0 ? (
              <p className="problems-aside-empty">Nothing is silenced.</p>
            ) : (
              <ul className="problems-silenced">
                {silenced.map((entry) => (
                  <li key={entry}>
                    <span className="problems-silenced-entry">{describeEntry(entry)}</span>
                    <button
                      type="button"
                      className="button panel-small-button"
                      aria-label={`Report ${describeEntry(entry)} again`}
                      onClick={() => store.getState().unsilence(entry)}
                    >
                      <Bell size={12} aria-hidden="true" />
                      Report again
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {aside === 'catalogue' && <RuleCatalogue highlight={found} />}
      </div>
    </div>
  );
}
