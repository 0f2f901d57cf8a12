import type { Size } from './geometry';
import type { Point } from './projection';

/** Room the canvas's floating panels take: the palette on the left, the view controls on top. */
export const FIT_PADDING = { left: 96, top: 64, right: 24, bottom: 24 } as const;

/** Below this zoom a small design's text is hard to read: it is shown from its start instead. */
export const READABLE_ZOOM = 0.55;

/** Designs up to this many nodes are kept readable rather than shown whole. */
export const READABLE_FIT_LIMIT = 60;

/**
 * Larger designs are shown from their start at this zoom rather than whole: whole, every node and
 * edge is on screen and drawn (a thousand nodes took seconds of the main thread), and nothing can
 * be read; the minimap shows the whole.
 */
export const OVERVIEW_ZOOM = 0.3;

/** Room left of the namespaces view's first column for the labels of links into it. */
const NAMESPACE_LABEL_ROOM = 40;

/** What fitting needs: the drawn nodes with their positions and sizes. */
export interface FitInput {
  readonly nodes: readonly {
    readonly id: string;
    readonly position: Point;
    readonly type?: string;
  }[];
  readonly sizeOf: (id: string) => Size;
}

/**
 * The viewport that shows the drawing: all of it, at most at 100%. A design that would need an
 * unreadable zoom is shown from its left, where traffic enters, instead: a small one at a readable
 * zoom, a large one at an overview zoom.
 */
export function fitDrawing(
  { nodes, sizeOf }: FitInput,
  screen: Size,
): { x: number; y: number; zoom: number } | undefined {
  const drawn = nodes.filter((node) => node.type !== 'namespaceGroup');
  if (drawn.length === 0 || screen.width === 0 || screen.height === 0) return undefined;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of drawn) {
    const size = sizeOf(node.id);
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + size.width);
    bottom = Math.max(bottom, node.position.y + size.height);
  }
  // The namespaces view labels its links left of the boxes they go into.
  if (drawn.some((node) => node.type === 'namespaceSummary')) left -= NAMESPACE_LABEL_ROOM;
  const width = Math.max(right - left, 1);
  const height = Math.max(bottom - top, 1);
  const available = {
    width: Math.max(screen.width - FIT_PADDING.left - FIT_PADDING.right, 80),
    height: Math.max(screen.height - FIT_PADDING.top - FIT_PADDING.bottom, 80),
  };
  const fitZoom = Math.min(available.width / width, available.height / height, 1);
  // The namespaces view is an overview: whole, even when that is small (its boxes are few and
  // large-lettered).
  const overview =
    drawn.length > READABLE_FIT_LIMIT || drawn.some((node) => node.type === 'namespaceSummary');
  const zoom = Math.max(fitZoom, overview ? OVERVIEW_ZOOM : READABLE_ZOOM);
  const x =
    width * zoom <= available.width
      ? FIT_PADDING.left + (available.width - width * zoom) / 2 - left * zoom
      : FIT_PADDING.left - left * zoom;
  // Too tall to fit: the leftmost node, where traffic enters, is brought into view.
  const [entry] = [...drawn].sort(
    (a, b) => a.position.x - b.position.x || a.position.y - b.position.y,
  );
  const entryTop =
    entry === undefined ? top : Math.max(top, entry.position.y - available.height / zoom / 3);
  const y =
    height * zoom <= available.height
      ? FIT_PADDING.top + (available.height - height * zoom) / 2 - top * zoom
      : FIT_PADDING.top - Math.min(entryTop, bottom - available.height / zoom) * zoom;
  return { x, y, zoom: Math.max(zoom, 0.05) };
}

/** A box on the canvas. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A React Flow viewport: the translation and the zoom. */
export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** Zoomed out no further than this to keep a selection's neighbours in view with it. */
export const REVEAL_MIN_ZOOM = OVERVIEW_ZOOM;

/**
 * The least change of `viewport` that shows `focus` in the part of `screen` the floating panels
 * leave, or undefined when it is in view already. With `around` (the focus and its neighbours),
 * that is shown instead when it can be: zoomed out as little as needed (never in, never below
 * REVEAL_MIN_ZOOM), the focus kept where it is on screen meanwhile, then panned as little as
 * needed. What is larger than the view is shown from its top left.
 */
export function revealViewport(
  viewport: Viewport,
  screen: Size,
  focus: Box,
  around?: Box,
): Viewport | undefined {
  const available = {
    width: Math.max(screen.width - FIT_PADDING.left - FIT_PADDING.right, 1),
    height: Math.max(screen.height - FIT_PADDING.top - FIT_PADDING.bottom, 1),
  };
  let target = focus;
  let zoom = viewport.zoom;
  if (around !== undefined) {
    const fits = Math.min(available.width / around.width, available.height / around.height);
    if (fits >= REVEAL_MIN_ZOOM || fits >= zoom) {
      target = around;
      zoom = Math.min(zoom, fits);
    }
  }
  // The focus's middle stays where it is on screen while the zoom changes.
  const middle = { x: focus.x + focus.width / 2, y: focus.y + focus.height / 2 };
  let x = viewport.x + middle.x * (viewport.zoom - zoom);
  let y = viewport.y + middle.y * (viewport.zoom - zoom);
  const shift = (start: number, size: number, from: number, room: number) =>
    start < from || size > room
      ? from - start
      : start + size > from + room
        ? from + room - start - size
        : 0;
  x += shift(target.x * zoom + x, target.width * zoom, FIT_PADDING.left, available.width);
  y += shift(target.y * zoom + y, target.height * zoom, FIT_PADDING.top, available.height);
  if (zoom === viewport.zoom && Math.abs(x - viewport.x) < 0.5 && Math.abs(y - viewport.y) < 0.5) {
    return undefined;
  }
  return { x, y, zoom };
}
