import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useSailplanStoreApi } from '../../store';
import { estimateNodeSize, HEADER_HEIGHT, NODE_WIDTH } from '../model/geometry';
import { findFreeSpot } from '../model/placement';
import type { Point } from '../model/projection';
import { useCanvasStoreApi } from '../state/canvasContext';
import type { PaletteItem } from './paletteItems';

/**
 * Adds a palette item: dispatches `resource.add` (the engine picks valid defaults and a unique
 * name), puts the new node where it was dropped, or in free space in the middle of the view for a
 * click, and selects it. Returns false when the engine refused (the notice says why).
 */
export function useAddResource(): (
  item: PaletteItem,
  where: { readonly dropAt: Point } | { readonly viewportCentre: Point },
) => boolean {
  const app = useSailplanStoreApi();
  const canvas = useCanvasStoreApi();
  const { screenToFlowPosition } = useReactFlow();

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
      // The pointer holds the node by the middle of its header, as the palette tile was held.
      const preferred = {
        x: Math.round(flowPoint.x - size.width / 2),
        y: Math.round(flowPoint.y - ('dropAt' in where ? HEADER_HEIGHT / 2 : size.height / 2)),
      };
      const { positions } = app.getState();
      const occupied = Object.entries(positions)
        .filter(([id]) => id !== key && app.getState().lastGood.topology.byId.has(id))
        .map(([id, position]) => ({ ...position, ...canvas.getState().sizeOf(id) }));
      const position = 'dropAt' in where ? preferred : findFreeSpot(preferred, size, occupied);
      app.getState().moveNode(key, position);
      app.getState().select({ id: key, origin: 'canvas' });
      return true;
    },
    [app, canvas, screenToFlowPosition],
  );
}
