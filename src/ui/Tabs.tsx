import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** One tab: a stable id, its label, an optional badge (e.g. a failure count) and its panel. */
export interface TabSpec<Id extends string> {
  readonly id: Id;
  readonly label: string;
  readonly badge?: {
    readonly count: number;
    readonly tone: 'error' | 'warning' | 'neutral';
    readonly description: string;
  };
  readonly panel: ReactNode;
}

interface TabsProps<Id extends string> {
  /** Accessible name of the tab list. */
  readonly label: string;
  readonly tabs: readonly TabSpec<Id>[];
  readonly selected: Id;
  readonly onSelect: (id: Id) => void;
  readonly actions?: ReactNode;
}

/**
 * WAI-ARIA tabs: arrow keys move between tabs, Home/End jump, only the active panel is rendered. A
 * tab is named by its label alone; its badge is the tab's description (`Tests`, described as
 * `1 failing test`), so the name stays the same whatever the count and never runs into it.
 */
export function Tabs<Id extends string>({
  label,
  tabs,
  selected,
  onSelect,
  actions,
}: TabsProps<Id>) {
  const baseId = useId();
  const tabRefs = useRef(new Map<Id, HTMLButtonElement>());

  const focusTab = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    onSelect(tab.id);
    tabRefs.current.get(tab.id)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = tabs.findIndex((tab) => tab.id === selected);
    if (event.key === 'ArrowRight') focusTab(current + 1);
    else if (event.key === 'ArrowLeft') focusTab(current - 1);
    else if (event.key === 'Home') focusTab(0);
    else if (event.key === 'End') focusTab(tabs.length - 1);
    else return;
    event.preventDefault();
  };
  const active = tabs.find((tab) => tab.id === selected) ?? tabs[0];

  return (
    <div className="tabs">
      <div className="tabs-bar">
        <div role="tablist" aria-label={label} className="tabs-list" onKeyDown={onKeyDown}>
          {tabs.map((tab) => (
            <button
              key={tab.id}
              ref={(element) => {
                if (element) tabRefs.current.set(tab.id, element);
                else tabRefs.current.delete(tab.id);
              }}
              role="tab"
              type="button"
              id={`${baseId}-tab-${tab.id}`}
              aria-selected={tab.id === active?.id}
              aria-controls={`${baseId}-panel-${tab.id}`}
              aria-describedby={
                tab.badge && tab.badge.count > 0 ? `${baseId}-badge-${tab.id}` : undefined
              }
              tabIndex={tab.id === active?.id ? 0 : -1}
              className="tab"
              onClick={() => onSelect(tab.id)}
            >
              {tab.label}
              {tab.badge && tab.badge.count > 0 ? (
                <>
                  <span className={`badge badge-${tab.badge.tone}`} aria-hidden="true">
                    {tab.badge.count}
                  </span>
                  {/* Hidden from the tab's name, read as its description (aria-describedby). */}
                  <span id={`${baseId}-badge-${tab.id}`} hidden>
                    {tab.badge.description}
                  </span>
                </>
              ) : null}
            </button>
          ))}
        </div>
        {actions ? <div className="tabs-actions">{actions}</div> : null}
      </div>
      {active ? (
        <div
          role="tabpanel"
          id={`${baseId}-panel-${active.id}`}
          aria-labelledby={`${baseId}-tab-${active.id}`}
          className="tab-panel"
          tabIndex={0}
        >
          {active.panel}
        </div>
      ) : null}
    </div>
  );
}
