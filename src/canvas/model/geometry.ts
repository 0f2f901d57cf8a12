import type { TopologyNode } from '../../engine';
import { nodeSections } from './nodeContent';

/**
 * The node box model, shared by canvas.css (through CSS variables set on the canvas) and the
 * layout: the layout needs every node's size before the browser has drawn it (and in Node, where
 * nothing is drawn), so rows have fixed heights and a node's height follows from its rows.
 */
export const NODE_WIDTH = 264;
export const HEADER_HEIGHT = 56;
export const SECTION_CAPTION_HEIGHT = 22;
export const ROW_HEIGHT = 26;
export const SECTION_PADDING = 6;
/** A border of 1px around the node. */
export const NODE_BORDER = 1;

/** The handle ids every resource node has; parts use their part id (`key#http/0`) as handle id. */
export const HANDLE = {
  /** Where traffic enters a node (left of the header). */
  in: 'in',
  /** Where traffic leaves a node (right of the header). */
  out: 'out',
  /** The whole node as a drop target while a connection is drawn. */
  drop: 'drop',
  /** A DestinationRule's reference to its host, drawn leftwards to the Service. */
  policy: 'policy',
  /** Where a DestinationRule's reference arrives (right of a Service's header). */
  policyIn: 'policy-in',
} as const;

/** Whether a handle id names a part (a server, rule, port or subset) rather than the node. */
export function isPartHandle(handle: string | null | undefined): handle is string {
  return handle !== null && handle !== undefined && handle.includes('#');
}

/** The size of a node before the browser has measured it. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The height of a node with these sections: exact, because rows have fixed heights. */
export function estimateNodeSize(node: TopologyNode): Size {
  let height = HEADER_HEIGHT + NODE_BORDER * 2;
  for (const section of nodeSections(node)) {
    height += SECTION_CAPTION_HEIGHT + section.rows.length * ROW_HEIGHT + SECTION_PADDING;
  }
  return { width: NODE_WIDTH, height };
}

/**
 * Where a row's handle sits, from the node's top: the middle of the row. Used to order ports in the
 * layout the way they are drawn.
 */
export function rowOffsets(node: TopologyNode): ReadonlyMap<string, number> {
  const offsets = new Map<string, number>();
  let top = NODE_BORDER + HEADER_HEIGHT;
  for (const section of nodeSections(node)) {
    top += SECTION_CAPTION_HEIGHT;
    for (const row of section.rows) {
      if (row.partId !== undefined) offsets.set(row.partId, top + ROW_HEIGHT / 2);
      top += ROW_HEIGHT;
    }
    top += SECTION_PADDING;
  }
  return offsets;
}

/** The CSS variables that give canvas.css the same box model. */
export const GEOMETRY_CSS_VARIABLES = {
  '--sp-node-width': `${NODE_WIDTH}px`,
  '--sp-node-header-height': `${HEADER_HEIGHT}px`,
  '--sp-node-caption-height': `${SECTION_CAPTION_HEIGHT}px`,
  '--sp-node-row-height': `${ROW_HEIGHT}px`,
  '--sp-node-section-padding': `${SECTION_PADDING}px`,
} as const;
