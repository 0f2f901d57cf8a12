import { lazy, Suspense, type ReactNode } from 'react';
import { loadRe2 } from '../engine';
import { useSailplan } from '../store';
import { Canvas } from '../canvas';
import { BottomPanel } from './BottomPanel';
import { SplitPane } from './SplitPane';
import { Toolbar } from './Toolbar';
import { useTheme } from './theme';
import { ErrorBoundary } from './ErrorBoundary';
import { useUndoRedoShortcuts } from './useUndoRedoShortcuts';
// The inspector's layout rules are needed with the canvas; its code is not (see Inspector below).
import './inspector/inspector.css';

// Monaco is large: its code arrives after the canvas has painted. Typing can write a regex, so the
// editor also waits for RE2 (loadRe2 starts loading it here, after the first paint; it is far
// smaller than Monaco).
const YamlEditor = lazy(() =>
  Promise.all([import('../editor/YamlEditor'), loadRe2()]).then(([module]) => module),
);

// The inspector (its views, fields and the edit planning they use) is not needed to paint the
// canvas: it loads beside it, in a chunk of its own, while a placeholder of its width holds its place.
// Its fields can set a regex match, so it waits for RE2 too.
const Inspector = lazy(() =>
  Promise.all([import('./inspector/Inspector'), loadRe2()]).then(([module]) => ({
    default: module.Inspector,
  })),
);

/** Where the inspector will be, as wide as it will be (open, or folded to its rail). */
function InspectorPlaceholder() {
  // As the inspector decides (its own key, else open once something is selected): nothing moves
  // when it arrives.
  const stored = globalThis.localStorage?.getItem('sailplan.inspector.open');
  const selected = useSailplan((state) => state.selection !== null);
  const open = stored === 'true' || (stored !== 'false' && selected);
  return (
    <aside
      className={open ? 'inspector' : 'inspector is-collapsed'}
      aria-label="Inspector"
      aria-busy="true"
    >
      {open ? (
        <div className="pane-loading" role="status">
          Loading the inspector…
        </div>
      ) : null}
    </aside>
  );
}

function Pane({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="pane" aria-label={title}>
      <header className="pane-header">
        <h2>{title}</h2>
        <span className="toolbar-spacer" />
        {actions}
      </header>
      <div className="pane-body">
        <ErrorBoundary area={title}>{children}</ErrorBoundary>
      </div>
    </section>
  );
}

/** The application shell: header and toolbar, canvas and editor side by side, panels below. */
export function Shell() {
  const { theme, toggle } = useTheme();
  const fileName = useSailplan((state) => state.fileName);
  useUndoRedoShortcuts();

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <SailplanMark />
          <span>Sailplan</span>
        </div>
        <Toolbar theme={theme} onToggleTheme={toggle} />
      </header>
      <main className="app-main">
        <SplitPane
          direction="column"
          initialPercent={72}
          minPercent={30}
          maxPercent={92}
          label="Resize the panels"
          first={
            <SplitPane
              direction="row"
              initialPercent={64}
              label="Resize the canvas and the editor"
              first={
                <Pane title="Canvas">
                  {/* The canvas with the inspector on its right, as design tools place a properties panel. */}
                  <div className="inspector-layout">
                    <div className="inspector-layout-canvas">
                      {/* Its own boundary: a canvas failure leaves the inspector beside it working. */}
                      <ErrorBoundary area="Canvas">
                        <Canvas theme={theme} />
                      </ErrorBoundary>
                    </div>
                    <ErrorBoundary area="Inspector">
                      <Suspense fallback={<InspectorPlaceholder />}>
                        <Inspector />
                      </Suspense>
                    </ErrorBoundary>
                  </div>
                </Pane>
              }
              second={
                <Pane title="YAML" actions={<span className="pane-file">{fileName}</span>}>
                  <Suspense fallback={<div className="pane-loading">Loading the editor…</div>}>
                    <YamlEditor theme={theme} />
                  </Suspense>
                </Pane>
              }
            />
          }
          second={
            <ErrorBoundary area="Panels">
              <BottomPanel />
            </ErrorBoundary>
          }
        />
      </main>
    </div>
  );
}

function SailplanMark() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="none">
      <path d="M11 2.5 3.5 17h7.5V2.5Z" fill="currentColor" opacity="0.9" />
      <path d="M13 5.5v11.5h7L13 5.5Z" fill="currentColor" opacity="0.55" />
      <path
        d="M2.5 19.5h19c-1.2 1.6-3 2.4-5.3 2.4H7.8c-2.3 0-4.1-.8-5.3-2.4Z"
        fill="currentColor"
      />
    </svg>
  );
}
