import { useCallback } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useSailplanStoreApi } from '../../store';
import { estimateNodeSize, HEADER_HEIGHT, NODE_WIDTH } from '../model/geometry';
import { canvasChrome, minimapBox, revealViewport } from '../model/fitDrawing';
import { findFreeSpotNear } from '../model/placement';
import type { Point } from '../model/projection';
import { useCanvasStoreApi } from '../state/canvasContext';
import type { PaletteItem } from './paletteItems';

/**
 * Adds a palette item: dispatches `resource.add` (the engine picks valid defaults and a unique
 * name), puts the new node where it was dropped, or in the middle of the view for a click, in the
 * nearest free space that the palette, the view controls and the minimap leave in view (never on
 * another node; the view pans to it when the view has no room), and selects it. Returns false when
 * the engine refused (the notice says why).
 */
export function useAddResource(): (
  item: PaletteItem,
  where: { readonly dropAt: Point } | { readonly viewportCentre: Point },
) => boolean {
  const app = useSailplanStoreApi();
  const canvas = useCanvasStoreApi();
  const { screenToFlowPosition, getViewport, setViewport } = useReactFlow();
  const flow = useStoreApi();

  return useCallback(
    (item, where) => {
      const flowPoint = screenToFlowPosition(
        'dropAt' in where ? where.dropAt : where.viewportCentre,
      );
      const namespace = canvas.getState().namespaceAt(flowPoint) ?? item.defaultNamespace;
      const result = app.getState().dispatch({ type: 'resource.add', namespace, ...item.intent });
      if (!result.ok) {
        app.getState().notify('warning', result.reason);
        return false;
      }
      const key = result.selection?.key;
      if (key === undefined) return true;
      // The new node is placed and selected now, so the design must hold it now: derived at once
      // instead of after the paint (its size comes from the derived node).
      app.getState().flush();
      const node = app.getState().lastGood.topology.byId.get(key);
      const size = node === undefined ? { width: NODE_WIDTH, height: 120 } : estimateNodeSize(node);
      const { positions } = app.getState();
      const occupied = Object.entries(positions)
        .filter(([id]) => id !== key && app.getState().lastGood.topology.byId.has(id))
        .map(([id, position]) => ({ ...position, ...canvas.getState().sizeOf(id) }));
      // The part of the canvas in view, less its floating panels, in flow coordinates.
      const screen = { width: flow.getState().width, height: flow.getState().height };
      const { padding, minimap } = canvasChrome(screen);
      const viewport = getViewport();
      const within = {
        x: (padding.left - viewport.x) / viewport.zoom,
        y: (padding.top - viewport.y) / viewport.zoom,
        width: Math.max(screen.width - padding.left - padding.right, 1) / viewport.zoom,
        height: Math.max(screen.height - padding.top - padding.bottom, 1) / viewport.zoom,
      };
      // A drop: the pointer holds the node by the middle of its header, as the palette tile was
      // held. A click: the middle of what is in view.
      const centre =
        'dropAt' in where
          ? { x: flowPoint.x, y: flowPoint.y - HEADER_HEIGHT / 2 + size.height / 2 }
          : { x: within.x + within.width / 2, y: within.y + within.height / 2 };
      const preferred = {
        x: Math.round(centre.x - size.width / 2),
        y: Math.round(centre.y - size.height / 2),
      };
      // The minimap is no free space either.
      if (minimap !== null) {
        const corner = minimapBox(screen, minimap);
        occupied.push({
          x: (corner.x - viewport.x) / viewport.zoom,
          y: (corner.y - viewport.y) / viewport.zoom,
          width: corner.width / viewport.zoom,
          height: corner.height / viewport.zoom,
        });
      }
      const spot = findFreeSpotNear(preferred, size, occupied, within);
      const position = { x: Math.round(spot.x), y: Math.round(spot.y) };
      app.getState().moveNode(key, position);
      // No free room in view: the view pans to show where it went.
      const next = revealViewport(viewport, screen, { ...position, ...size });
      if (next !== undefined) void setViewport(next, { duration: 250 });
      app.getState().select({ id: key, origin: 'canvas' });
      return true;
    },
    [app, canvas, flow, getViewport, screenToFlowPosition, setViewport],
  );
}
