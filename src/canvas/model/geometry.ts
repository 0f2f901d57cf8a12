import type { TopologyNode, TopologyNodeType } from '../../engine';
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
/** The line above each section. */
export const SECTION_BORDER = 1;

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

/** Which header handles a kind of node has. */
export interface HeaderHandles {
  /** Traffic arrives on the left (and connections are dropped anywhere on the node). */
  readonly in: boolean;
  /** Traffic leaves on the right. */
  readonly out: boolean;
  /** A DestinationRule's reference to its host, leaving on the left. */
  readonly policy: boolean;
  /** Where such references arrive, on the right of a Service, ServiceEntry or missing host. */
  readonly policyIn: boolean;
}

/** The header handles of each node type: what each kind connects with. */
export const HEADER_HANDLES: Readonly<Record<TopologyNodeType, HeaderHandles>> = {
  loadBalancer: { in: true, out: true, policy: false, policyIn: false },
  gateway: { in: true, out: true, policy: false, policyIn: false },
  virtualService: { in: true, out: true, policy: false, policyIn: false },
  service: { in: true, out: true, policy: false, policyIn: true },
  destinationRule: { in: true, out: false, policy: true, policyIn: false },
  serviceEntry: { in: true, out: true, policy: false, policyIn: true },
  workload: { in: true, out: false, policy: false, policyIn: false },
  missing: { in: true, out: true, policy: false, policyIn: true },
};

/** The size of a handle dot, centred on the node's inner border edge. */
export const HANDLE_SIZE = 10;

/** A handle's box relative to its node, as React Flow would measure it once drawn. */
export interface HandleBox {
  readonly id: string;
  readonly type: 'source' | 'target';
  readonly side: 'left' | 'right';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Every handle of a node with its box, from the same box model as the CSS: React Flow gets them
 * with the node, so it need not draw a node off screen just to measure its handles.
 */
export function handleBoxes(node: TopologyNode): HandleBox[] {
  const { height } = estimateNodeSize(node);
  const header = HEADER_HANDLES[node.type];
  const dot = (
    id: string,
    type: HandleBox['type'],
    side: HandleBox['side'],
    middle: number,
  ): HandleBox => ({
    id,
    type,
    side,
    // Centred on the inner edge of the border (the handle is placed inside the border box).
    x: (side === 'left' ? NODE_BORDER : NODE_WIDTH - NODE_BORDER) - HANDLE_SIZE / 2,
    y: middle - HANDLE_SIZE / 2,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  });
  const headerMiddle = NODE_BORDER + HEADER_HEIGHT / 2;
  const boxes: HandleBox[] = [];
  if (header.in) {
    boxes.push({
      id: HANDLE.drop,
      type: 'target',
      side: 'left',
      x: NODE_BORDER,
      y: NODE_BORDER,
      width: NODE_WIDTH - 2 * NODE_BORDER,
      height: height - 2 * NODE_BORDER,
    });
    boxes.push(dot(HANDLE.in, 'target', 'left', headerMiddle));
  }
  if (header.policy) boxes.push(dot(HANDLE.policy, 'source', 'left', headerMiddle));
  if (header.policyIn) boxes.push(dot(HANDLE.policyIn, 'target', 'right', headerMiddle));
  if (header.out) boxes.push(dot(HANDLE.out, 'source', 'right', headerMiddle));
  const offsets = rowOffsets(node);
  for (const section of nodeSections(node)) {
    for (const row of section.rows) {
      const middle = row.partId === undefined ? undefined : offsets.get(row.partId);
      if (row.partId === undefined || middle === undefined) continue;
      if (row.target) boxes.push(dot(row.partId, 'target', 'left', middle));
      if (row.source) boxes.push(dot(row.partId, 'source', 'right', middle));
    }
  }
  return boxes;
}

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
    height +=
      SECTION_BORDER + SECTION_CAPTION_HEIGHT + section.rows.length * ROW_HEIGHT + SECTION_PADDING;
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
    top += SECTION_BORDER + SECTION_CAPTION_HEIGHT;
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
