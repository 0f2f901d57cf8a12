import { createContext, useContext } from 'react';

/**
 * Below this zoom the edges' labels (weights, subsets, ports) are not drawn: their text is two or
 * three pixels high there, and a large design's view holds a thousand of them, each an element
 * React Flow places and the browser paints, hit-tests and composites on every frame of a pan.
 * Under the zoom the canvas opens a large design at (OVERVIEW_ZOOM, 0.3): its own views keep them.
 */
export const EDGE_LABELS_MIN_ZOOM = 0.25;

/** Whether the canvas is zoomed in enough for the edges' labels; given once by the canvas. */
export const EdgeLabelsShownContext = createContext(true);

/** Whether edges draw their labels at the current zoom (a dangling edge's reason always shows). */
export function useEdgeLabelsShown(): boolean {
  return useContext(EdgeLabelsShownContext);
}
