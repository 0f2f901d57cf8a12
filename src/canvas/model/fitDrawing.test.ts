import { describe, expect, it } from 'vitest';
import {
  canvasChrome,
  COMPACT_MINIMAP_SIZE,
  FIT_PADDING,
  fitDrawing,
  MINIMAP_SIZE,
  minimapBox,
  OVERVIEW_ZOOM,
  READABLE_ZOOM,
  revealViewport,
  type Box,
} from './fitDrawing';

const size = () => ({ width: 264, height: 100 });

function visible(
  viewport: { x: number; y: number; zoom: number },
  screen: { width: number; height: number },
  point: { x: number; y: number },
): boolean {
  const x = point.x * viewport.zoom + viewport.x;
  const y = point.y * viewport.zoom + viewport.y;
  return x >= 0 && y >= 0 && x <= screen.width && y <= screen.height;
}

describe('fitDrawing', () => {
  it('given a drawing that fits, then it is centred, never above 100%', () => {
    const screen = { width: 1600, height: 900 };
    const viewport = fitDrawing(
      { nodes: [{ id: 'a', position: { x: 0, y: 0 } }], sizeOf: size },
      screen,
    );
    expect(viewport?.zoom).toBe(1);
    const centre = (viewport?.x ?? 0) + 132;
    expect(
      Math.abs(centre - (FIT_PADDING.left + (1600 - FIT_PADDING.left - FIT_PADDING.right) / 2)),
    ).toBeLessThan(1);
  });

  it('given a small design wider than the screen, then every node is shown, even far below the others', () => {
    const nodes = Array.from({ length: 8 }, (_, index) => ({
      id: `n${index}`,
      position: { x: index * 400, y: index === 0 ? 3000 : index * 10 },
    }));
    const screen = { width: 600, height: 500 };
    const viewport = fitDrawing({ nodes, sizeOf: size }, screen);
    const fitted = viewport ?? { x: 0, y: 0, zoom: 1 };
    expect(fitted.zoom).toBeLessThan(READABLE_ZOOM);
    expect(visible(fitted, screen, { x: 0, y: 3100 })).toBe(true);
    expect(visible(fitted, screen, { x: 7 * 400 + 264, y: 70 })).toBe(true);
  });

  // The shape of the example "A gateway shared by teams": a load balancer and a gateway, three
  // VirtualServices, then four Services, the last column reaching the bottom right corner.
  const teams = [
    { id: 'lb', position: { x: 0, y: 200 } },
    { id: 'gw', position: { x: 380, y: 200 } },
    ...[0, 1, 2].map((row) => ({ id: `vs${row}`, position: { x: 760, y: row * 170 } })),
    ...[0, 1, 2, 3].map((row) => ({ id: `s${row}`, position: { x: 1140, y: 20 + row * 130 } })),
  ];
  const toScreen = (viewport: { x: number; y: number; zoom: number }, box: Box): Box => ({
    x: box.x * viewport.zoom + viewport.x,
    y: box.y * viewport.zoom + viewport.y,
    width: box.width * viewport.zoom,
    height: box.height * viewport.zoom,
  });
  const meets = (a: Box, b: Box) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it.each([
    ['the inspector open at 1600 x 1000', { width: 708, height: 651 }],
    ['the inspector folded at 1600 x 1000', { width: 988, height: 651 }],
    ['the inspector folded at 1280 x 720', { width: 783, height: 450 }],
    ['the inspector open at 1280 x 720', { width: 503, height: 450 }],
  ])(
    'given a design and the canvas beside %s, then every node is in the canvas, right of the palette and clear of the minimap',
    (_name, screen) => {
      const chrome = canvasChrome(screen);
      const viewport = fitDrawing({ nodes: teams, sizeOf: size }, screen, chrome);
      expect(viewport).toBeDefined();
      const fitted = viewport ?? { x: 0, y: 0, zoom: 1 };
      const minimap = chrome.minimap === null ? null : minimapBox(screen, chrome.minimap);
      for (const node of teams) {
        const box = toScreen(fitted, { ...node.position, ...size() });
        expect(box.x).toBeGreaterThanOrEqual(chrome.padding.left - 0.5);
        expect(box.y).toBeGreaterThanOrEqual(chrome.padding.top - 0.5);
        expect(box.x + box.width).toBeLessThanOrEqual(screen.width + 0.5);
        expect(box.y + box.height).toBeLessThanOrEqual(screen.height + 0.5);
        if (minimap !== null) expect(meets(box, minimap)).toBe(false);
      }
    },
  );

  it('given a large design, then it is shown from its start at an overview zoom, not all at once', () => {
    const nodes = Array.from({ length: 100 }, (_, index) => ({
      id: `n${index}`,
      position: { x: index * 400, y: 0 },
    }));
    const screen = { width: 800, height: 600 };
    const viewport = fitDrawing({ nodes, sizeOf: size }, screen);
    expect(viewport?.zoom).toBe(OVERVIEW_ZOOM);
    expect(visible(viewport ?? { x: 0, y: 0, zoom: 1 }, screen, { x: 10, y: 10 })).toBe(true);
    // and asked for whole (the Fit View control), then its last node is in view too, however small
    const close = nodes.map((node, index) => ({ ...node, position: { x: index * 100, y: 0 } }));
    const whole = fitDrawing({ nodes: close, sizeOf: size }, screen, undefined, { whole: true });
    expect(whole?.zoom).toBeLessThan(OVERVIEW_ZOOM);
    for (const point of [
      { x: 0, y: 0 },
      { x: 99 * 100 + 264, y: 100 },
    ]) {
      expect(visible(whole ?? { x: 0, y: 0, zoom: 1 }, screen, point)).toBe(true);
    }
  });

  it('given the namespaces view, then its grid is shown whole, below the readable zoom if need be, with room for the labels left of it', () => {
    const nodes = Array.from({ length: 24 }, (_, index) => ({
      id: `namespace:team-${index}`,
      type: 'namespaceSummary',
      position: { x: (index % 6) * 312, y: Math.floor(index / 6) * 204 },
    }));
    const screen = { width: 800, height: 560 };
    const viewport = fitDrawing({ nodes, sizeOf: size }, screen);
    expect(viewport?.zoom).toBeLessThan(READABLE_ZOOM);
    expect(viewport?.zoom).toBeGreaterThanOrEqual(OVERVIEW_ZOOM);
    const fitted = viewport ?? { x: 0, y: 0, zoom: 1 };
    expect(visible(fitted, screen, { x: -40, y: 0 })).toBe(true);
    expect(visible(fitted, screen, { x: 5 * 312 + 264, y: 3 * 204 + 100 })).toBe(true);
  });

  it('given nothing to draw, then no viewport', () => {
    expect(fitDrawing({ nodes: [], sizeOf: size }, { width: 800, height: 600 })).toBeUndefined();
  });
});

describe('canvasChrome', () => {
  it('given a roomy canvas, then the palette has its names and the minimap its full size', () => {
    const chrome = canvasChrome({ width: 988, height: 651 });
    expect(chrome.compactPalette).toBe(false);
    expect(chrome.minimap).toEqual(MINIMAP_SIZE);
    expect(chrome.padding).toEqual(FIT_PADDING);
  });

  it('given the canvas of a 1280 x 720 window, then the palette is compact and the minimap small, or hidden beside the inspector', () => {
    const folded = canvasChrome({ width: 783, height: 450 });
    expect(folded.compactPalette).toBe(true);
    expect(folded.padding.left).toBeLessThan(FIT_PADDING.left);
    expect(folded.minimap).toEqual(COMPACT_MINIMAP_SIZE);
    expect(canvasChrome({ width: 503, height: 450 }).minimap).toBeNull();
  });
});

describe('revealViewport', () => {
  // A canvas 570 px wide once the inspector is open: 450 px between the palette and the edge.
  const screen = { width: 570, height: 560 };
  const node = (x: number) => ({ x, y: 100, width: 260, height: 120 });

  it('given a node in view, then nothing moves', () => {
    expect(
      revealViewport({ x: 0, y: 0, zoom: 1 }, screen, node(100), undefined, FIT_PADDING),
    ).toBeUndefined();
  });

  it('given a node past the right edge, then the view pans just enough, keeping the zoom', () => {
    expect(
      revealViewport({ x: 0, y: 0, zoom: 1 }, screen, node(400), undefined, FIT_PADDING),
    ).toEqual({
      x: -114,
      y: 0,
      zoom: 1,
    });
  });

  it('given neighbours that do not fit, then the view zooms out just enough, and no further than the floor', () => {
    const selected = node(400);
    const around = { x: 0, y: 100, width: 900, height: 120 };
    const next = revealViewport({ x: 100, y: 0, zoom: 0.6 }, screen, selected, around, FIT_PADDING);
    expect(next?.zoom).toBeCloseTo(450 / 900);
    // Every neighbour is in the room the panels leave.
    expect(around.x * (next?.zoom ?? 0) + (next?.x ?? 0) >= FIT_PADDING.left - 0.01).toBe(true);
    expect(
      (around.x + around.width) * (next?.zoom ?? 0) + (next?.x ?? 0) <=
        screen.width - FIT_PADDING.right + 0.01,
    ).toBe(true);

    // Too wide to be read whole: the selected node alone is brought in, at the same zoom.
    const far = { x: 0, y: 100, width: 5000, height: 120 };
    expect(revealViewport({ x: 200, y: 0, zoom: 0.6 }, screen, selected, far, FIT_PADDING)).toEqual(
      {
        x: 150,
        // Its top was under the view controls' row.
        y: 4,
        zoom: 0.6,
      },
    );
  });
});
