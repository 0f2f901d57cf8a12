import { Boxes, Crosshair, Group, LayoutGrid } from 'lucide-react';
import { useSailplan } from '../../store';
import { selectionNodeOf } from '../model/projection';
import { useCanvas, useCanvasStoreApi } from '../state/canvasContext';
import type { CanvasViewMode } from '../state/canvasStore';

const MODES: readonly { mode: CanvasViewMode; label: string; title: string; icon: typeof Boxes }[] =
  [
    { mode: 'all', label: 'Everything', title: 'Show the whole design', icon: LayoutGrid },
    {
      mode: 'namespaces',
      label: 'Namespaces',
      title: 'One node per namespace: for large designs',
      icon: Boxes,
    },
    {
      mode: 'path',
      label: 'Request path',
      title: 'Only the request paths through the selected resource',
      icon: Crosshair,
    },
  ];

/** The canvas's view: the whole design, namespaces, or the request paths through a resource. */
export function ViewControls() {
  const canvas = useCanvasStoreApi();
  const viewMode = useCanvas((state) => state.viewMode);
  const showGroups = useCanvas((state) => state.showGroups);
  const focusLabel = useCanvas((state) => state.focusLabel);
  const selectedNode = useSailplan((state) => selectionNodeOf(state.selection?.id ?? null));
  const selectedInDesign = useSailplan((state) =>
    selectedNode === null ? false : state.lastGood.topology.byId.has(selectedNode),
  );

  return (
    <div className="sp-view-controls" role="toolbar" aria-label="Canvas view">
      <div className="sp-segmented" role="group" aria-label="Show">
        {MODES.map(({ mode, label, title, icon: Icon }) => {
          const pathWithoutFocus = mode === 'path' && !selectedInDesign && viewMode !== 'path';
          return (
            <button
              key={mode}
              type="button"
              className="sp-segmented__item"
              aria-pressed={viewMode === mode}
              title={pathWithoutFocus ? 'Select a resource first' : title}
              disabled={pathWithoutFocus}
              onClick={() => {
                if (mode === 'path' && selectedNode !== null && selectedInDesign) {
                  canvas.getState().focusOn(selectedNode);
                } else {
                  canvas.getState().setViewMode(mode);
                }
              }}
            >
              <Icon size={14} aria-hidden="true" />
              <span>{label}</span>
            </button>
          );
        })}
      </div>
      <button
        type="button"
        className="sp-toggle"
        aria-pressed={showGroups}
        disabled={viewMode !== 'all'}
        title="Draw each namespace as a group (arranges the canvas again)"
        onClick={() => canvas.getState().setShowGroups(!showGroups)}
      >
        <Group size={14} aria-hidden="true" />
        <span>Group by namespace</span>
      </button>
      {viewMode === 'path' && focusLabel !== null && (
        <span className="sp-view-controls__focus" title={focusLabel}>
          Through {focusLabel}
        </span>
      )}
    </div>
  );
}
