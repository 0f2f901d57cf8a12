import type { Size } from './geometry';
import type { Point } from './projection';

/** Room the canvas's floating panels take: the palette on the left, the view controls on top. */
export const FIT_PADDING = { left: 96, top: 64, right: 24, bottom: 24 } as const;

/** Room the compact palette (icons only) takes on the left: 44 px wide, 15 px from the edge. */
export const COMPACT_PALETTE_ROOM = 68;

/** The minimap's sizes (React Flow keeps it 15 px from the corner). */
export const MINIMAP_SIZE = { width: 168, height: 112 } as const;
export const COMPACT_MINIMAP_SIZE = { width: 120, height: 80 } as const;
const MINIMAP_MARGIN = 15;
/** Kept between the drawing and the minimap. */
const MINIMAP_GAP = 8;

/** Margins of the canvas, in px. */
export interface Padding {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * How the canvas's floating panels are drawn on a canvas of this size, and the room they leave:
 * the palette shows its names when it has the height for them, the minimap is smaller on a narrow
 * or low canvas and hidden on a very small one (1280 x 720 with the inspector open), where it
 * would cover the drawing it summarises.
 */
export interface CanvasChrome {
  readonly compactPalette: boolean;
  /** The minimap's size, or null when it is not shown. */
  readonly minimap: Size | null;
  /** The room around the drawing that the palette (left) and view controls (top) leave. */
  readonly padding: Padding;
}

export function canvasChrome(screen: Size): CanvasChrome {
  // The palette with names is 425 px high, 15 px below the top: below ~560 px it would cover
  // most of the canvas's height.
  const compactPalette = screen.height < 560 || screen.width < 640;
  const minimap =
    screen.width >= 900 && screen.height >= 560
      ? MINIMAP_SIZE
      : screen.width >= 560 && screen.height >= 400
        ? COMPACT_MINIMAP_SIZE
        : null;
  return {
    compactPalette,
    minimap,
    padding: { ...FIT_PADDING, left: compactPalette ? COMPACT_PALETTE_ROOM : FIT_PADDING.left },
  };
}

/** The minimap's box on a canvas of this size, in screen px from the canvas's top left. */
export function minimapBox(screen: Size, minimap: Size): Box {
  return {
    x: screen.width - MINIMAP_MARGIN - minimap.width,
    y: screen.height - MINIMAP_MARGIN - minimap.height,
    width: minimap.width,
    height: minimap.height,
  };
}

/**
 * Below this zoom a design's text is hard to read: a selection's neighbours are brought into view
 * rather than the whole design when the canvas narrows.
 */
export const READABLE_ZOOM = 0.55;

/** Designs up to this many nodes are always fitted whole: every node on screen. */
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

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The viewport that shows the drawing: all of it, at most at 100%, clear of the palette, the view
 * controls and the minimap (`chrome`, by default the panels a canvas of this size draws). A large
 * design (more than READABLE_FIT_LIMIT nodes) that would need less than OVERVIEW_ZOOM is shown
 * from its left, where traffic enters, instead, unless `whole` asks for all of it however small
 * (the Fit View control: the user asked to see everything).
 */
export function fitDrawing(
  { nodes, sizeOf }: FitInput,
  screen: Size,
  chrome: CanvasChrome = canvasChrome(screen),
  { whole = false }: { readonly whole?: boolean } = {},
): Viewport | undefined {
  const drawn = nodes.filter((node) => node.type !== 'namespaceGroup');
  if (drawn.length === 0 || screen.width === 0 || screen.height === 0) return undefined;
  const boxes: Box[] = drawn.map((node) => ({ ...node.position, ...sizeOf(node.id) }));
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const box of boxes) {
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  // The namespaces view labels its links left of the boxes they go into.
  if (drawn.some((node) => node.type === 'namespaceSummary')) left -= NAMESPACE_LABEL_ROOM;
  const bounds = { left, top, right, bottom };
  // The namespaces view is an overview: whole, even when that is small (its boxes are few and
  // large-lettered).
  const overview =
    !whole &&
    (drawn.length > READABLE_FIT_LIMIT || drawn.some((node) => node.type === 'namespaceSummary'));
  const [entry] = [...drawn].sort(
    (a, b) => a.position.x - b.position.x || a.position.y - b.position.y,
  );
  const fit = (padding: Padding) =>
    fitInto(bounds, padding, screen, overview ? OVERVIEW_ZOOM : 0, entry?.position);

  const { padding, minimap } = chrome;
  const base = fit(padding);
  if (minimap === null) return base;
  // The minimap sits in the bottom right corner: the drawing goes beside it or above it, unless
  // it fits around it as it is.
  const corner = minimapBox(screen, minimap);
  const gap = { ...corner, x: corner.x - MINIMAP_GAP, y: corner.y - MINIMAP_GAP };
  const onScreen = (viewport: Viewport, box: Box): Box => ({
    x: box.x * viewport.zoom + viewport.x,
    y: box.y * viewport.zoom + viewport.y,
    width: box.width * viewport.zoom,
    height: box.height * viewport.zoom,
  });
  const wholeFits = (viewport: Viewport) =>
    (right - left) * viewport.zoom <= screen.width - padding.left - padding.right + 0.5 &&
    (bottom - top) * viewport.zoom <= screen.height - padding.top - padding.bottom + 0.5;
  // A large design shown from its start runs under the minimap anyway: the minimap shows it whole.
  if (!wholeFits(base)) return base;
  const room = MINIMAP_MARGIN + MINIMAP_GAP;
  const candidates = [
    base,
    fit({ ...padding, right: Math.max(padding.right, minimap.width + room) }),
    fit({ ...padding, bottom: Math.max(padding.bottom, minimap.height + room) }),
  ];
  let best: Viewport | undefined;
  for (const [index, viewport] of candidates.entries()) {
    if (index === 0 && boxes.some((box) => intersects(onScreen(viewport, box), gap))) continue;
    if (best === undefined || viewport.zoom > best.zoom + 1e-6) best = viewport;
  }
  return best ?? base;
}

/** The viewport that fits `bounds` in the screen less `padding`, as fitDrawing describes. */
function fitInto(
  bounds: { left: number; top: number; right: number; bottom: number },
  padding: Padding,
  screen: Size,
  minZoom: number,
  entry: Point | undefined,
): Viewport {
  const { left, top, right, bottom } = bounds;
  const width = Math.max(right - left, 1);
  const height = Math.max(bottom - top, 1);
  const available = {
    width: Math.max(screen.width - padding.left - padding.right, 80),
    height: Math.max(screen.height - padding.top - padding.bottom, 80),
  };
  const fitZoom = Math.min(available.width / width, available.height / height, 1);
  const zoom = Math.max(fitZoom, minZoom, 0.05);
  const x =
    width * zoom <= available.width + 0.5
      ? padding.left + (available.width - width * zoom) / 2 - left * zoom
      : padding.left - left * zoom;
  // Too tall to fit: the leftmost node, where traffic enters, is brought into view.
  const entryTop = entry === undefined ? top : Math.max(top, entry.y - available.height / zoom / 3);
  const y =
    height * zoom <= available.height + 0.5
      ? padding.top + (available.height - height * zoom) / 2 - top * zoom
      : padding.top - Math.min(entryTop, bottom - available.height / zoom) * zoom;
  return { x, y, zoom };
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

/** The room a view leaves for what it brings into view: the panels', the minimap's below. */
export function revealPadding(screen: Size, chrome: CanvasChrome = canvasChrome(screen)): Padding {
  const { padding, minimap } = chrome;
  if (minimap === null) return padding;
  return {
    ...padding,
    bottom: Math.max(padding.bottom, minimap.height + MINIMAP_MARGIN + MINIMAP_GAP),
  };
}

/** Zoomed out no further than this to keep a selection's neighbours in view with it. */
export const REVEAL_MIN_ZOOM = OVERVIEW_ZOOM;

/**
 * The least change of `viewport` that shows `focus` in the part of `screen` the floating panels
 * leave (`padding`, by default those of a canvas of this size, and the minimap's row when what is
 * shown would be under the minimap), or undefined when it is in view already. With `around` (the focus and its neighbours),
 * that is shown instead when it can be: zoomed out as little as needed (never in, never below
 * REVEAL_MIN_ZOOM), the focus kept where it is on screen meanwhile, then panned as little as
 * needed. What is larger than the view is shown from its top left.
 */
export function revealViewport(
  viewport: Viewport,
  screen: Size,
  focus: Box,
  around?: Box,
  padding?: Padding,
): Viewport | undefined {
  let next: Viewport & { readonly target: Box };
  if (padding !== undefined) {
    next = revealWithin(viewport, screen, focus, around, padding);
  } else {
    // Clear of the palette and the view controls; clear of the minimap too when what is shown
    // would be under it (the minimap's row is kept free only then).
    const chrome = canvasChrome(screen);
    next = revealWithin(viewport, screen, focus, around, chrome.padding);
    if (chrome.minimap !== null) {
      const corner = minimapBox(screen, chrome.minimap);
      const shown = {
        x: next.target.x * next.zoom + next.x,
        y: next.target.y * next.zoom + next.y,
        width: next.target.width * next.zoom,
        height: next.target.height * next.zoom,
      };
      const gap = { ...corner, x: corner.x - MINIMAP_GAP, y: corner.y - MINIMAP_GAP };
      if (intersects(shown, gap)) {
        next = revealWithin(viewport, screen, focus, around, revealPadding(screen, chrome));
      }
    }
  }
  const { x, y, zoom } = next;
  if (zoom === viewport.zoom && Math.abs(x - viewport.x) < 0.5 && Math.abs(y - viewport.y) < 0.5) {
    return undefined;
  }
  return { x, y, zoom };
}

function revealWithin(
  viewport: Viewport,
  screen: Size,
  focus: Box,
  around: Box | undefined,
  padding: Padding,
): Viewport & { readonly target: Box } {
  const available = {
    width: Math.max(screen.width - padding.left - padding.right, 1),
    height: Math.max(screen.height - padding.top - padding.bottom, 1),
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
  x += shift(target.x * zoom + x, target.width * zoom, padding.left, available.width);
  y += shift(target.y * zoom + y, target.height * zoom, padding.top, available.height);
  return { x, y, zoom, target };
}
