import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';

/** Image formats of the diagram. */
export type ImageFormat = 'png' | 'svg';

/** An exported image and its size in CSS pixels. */
export interface DiagramImage {
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
}

/** Space around the graph in the image, in CSS pixels. */
const PADDING = 32;
/** Longest side of an image at zoom 1; larger graphs are scaled down to fit. */
const MAX_SIDE = 8000;
/** PNG pixels per CSS pixel, lowered for large graphs so the canvas stays within browser limits. */
const PNG_PIXEL_RATIO = 2;
const MAX_CANVAS_PIXELS = 64_000_000;

/**
 * Nodes read from the rendered canvas: absolute positions from each node's transform, sizes as
 * drawn. The canvas keeps its React Flow instance in a provider of its own, so the export reads
 * what React Flow drew, whatever canvas is there.
 */
function nodesFromDom(flow: HTMLElement): Node[] {
  const nodes: Node[] = [];
  for (const element of flow.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const match = /translate\(\s*(-?[\d.]+)px\s*,\s*(-?[\d.]+)px\s*\)/.exec(
      element.style.transform,
    );
    if (match === null) continue;
    nodes.push({
      id: element.dataset.id ?? String(nodes.length),
      position: { x: Number(match[1]), y: Number(match[2]) },
      data: {},
      measured: { width: element.offsetWidth, height: element.offsetHeight },
    });
  }
  return nodes;
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function backgroundOf(flow: HTMLElement): string {
  const color = getComputedStyle(flow).backgroundColor;
  if (color !== '' && color !== 'transparent' && color !== 'rgba(0, 0, 0, 0)') return color;
  return getComputedStyle(document.body).backgroundColor || '#ffffff';
}

/** Computed values of a freshly made element of one tag, with no styles of the page on it. */
type Baseline = ReadonlyMap<string, string>;

/**
 * Baselines per tag name, measured on elements inside a container that resets every property
 * (`all: initial`): what a property is when nothing sets it.
 */
function baselines(): {
  readonly of: (element: Element) => Baseline;
  readonly dispose: () => void;
} {
  const host = document.createElement('div');
  host.style.cssText =
    'all: initial; position: fixed; left: 0; top: 0; width: 0; height: 0; overflow: hidden; contain: strict;';
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  host.append(svg);
  document.body.append(host);
  const cache = new Map<string, Baseline>();
  const of = (element: Element): Baseline => {
    const key = `${element.namespaceURI ?? ''}|${element.localName}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const fresh = document.createElementNS(element.namespaceURI, element.localName);
    (element instanceof SVGElement && element.localName !== 'svg' ? svg : host).append(fresh);
    const style = getComputedStyle(fresh);
    const values = new Map<string, string>();
    for (let index = 0; index < style.length; index += 1) {
      const name = style.item(index);
      values.set(name, style.getPropertyValue(name));
    }
    fresh.remove();
    cache.set(key, values);
    return values;
  };
  return { of, dispose: () => host.remove() };
}

/**
 * Runs `work` while `getComputedStyle` of elements inside `root` also gives a short `cssText`.
 *
 * html-to-image copies each cloned element's computed style into the clone: with a `cssText` in one
 * assignment, else one `setProperty` call per property, several hundred per element. Chromium's
 * computed styles have an empty `cssText`, so every node of the diagram took the slow way (a dozen
 * nodes took 20 s and more on a 2-core machine), and the SVG carried every property of every
 * element (26 MB for a dozen nodes). Here the declarations are joined into one `cssText`, leaving
 * out each value that the clone gets anyway: the same as a fresh element's and as the parent's
 * (so it is neither set nor inherited differently), and custom properties, whose values are
 * already resolved in the properties that use them. html-to-image's own adjustments are kept: font
 * sizes 0.1px smaller so text wraps as on screen, and a path's `d` from its attribute.
 */
async function withStyleText<T>(root: Element, work: () => Promise<T>): Promise<T> {
  const original = window.getComputedStyle;
  const reference = baselines();
  const patched = (element: Element, pseudo?: string | null): CSSStyleDeclaration => {
    const style = original.call(window, element, pseudo);
    if ((pseudo !== undefined && pseudo !== null) || !root.contains(element)) return style;
    const baseline = reference.of(element);
    const parent =
      element !== root && element.parentElement !== null
        ? original.call(window, element.parentElement)
        : undefined;
    const declarations: string[] = [];
    for (let index = 0; index < style.length; index += 1) {
      const name = style.item(index);
      // Custom properties are already resolved into every property that uses them.
      if (name.startsWith('--')) continue;
      let value = style.getPropertyValue(name);
      if (
        name !== 'font-size' &&
        name !== 'd' &&
        baseline.get(name) === value &&
        (parent === undefined || parent.getPropertyValue(name) === value)
      ) {
        continue;
      }
      if (name === 'font-size' && value.endsWith('px')) {
        value = `${Math.floor(parseFloat(value)) - 0.1}px`;
      }
      if (name === 'd') {
        const path = element.getAttribute('d');
        if (path === null) continue;
        value = `path("${path}")`;
      }
      const priority = style.getPropertyPriority(name);
      declarations.push(`${name}: ${value}${priority === '' ? '' : ' !important'}`);
    }
    const cssText = declarations.join('; ');
    return new Proxy(style, {
      get(target, key) {
        if (key === 'cssText') return cssText;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
  };
  window.getComputedStyle = patched;
  try {
    return await work();
  } finally {
    window.getComputedStyle = original;
    reference.dispose();
  }
}

/** Waits until the canvas draws at least `expected` nodes, or stops adding nodes. */
async function settle(flow: HTMLElement, expected: number): Promise<void> {
  let count = flow.querySelectorAll('.react-flow__node').length;
  let stable = 0;
  for (let frame = 0; frame < 60 && count < expected && stable < 6; frame += 1) {
    await nextFrame();
    const next = flow.querySelectorAll('.react-flow__node').length;
    stable = next === count ? stable + 1 : 0;
    count = next;
  }
}

/**
 * Runs `work` with the canvas's arrowheads inside `viewport`. The edges' `marker-end` points at
 * `<marker>`s the canvas defines once, in an SVG beside React Flow's viewport (a marker cannot
 * take its edge's colour, so there is one per look); html-to-image copies only the viewport, and
 * without them every edge lost its arrowhead. A copy of the definitions goes into the viewport for
 * the capture (zero-size and hidden, as on the canvas) and is removed afterwards.
 */
async function withMarkers<T>(
  flow: HTMLElement,
  viewport: HTMLElement,
  work: () => Promise<T>,
): Promise<T> {
  const container = flow.closest('.sp-canvas') ?? flow.parentElement ?? document;
  const definitions = [...container.querySelectorAll('svg')].filter(
    (svg) => !viewport.contains(svg) && svg.querySelector('marker') !== null,
  );
  const copies = definitions.map((svg) => {
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('width', '0');
    copy.setAttribute('height', '0');
    copy.style.position = 'absolute';
    copy.style.overflow = 'hidden';
    viewport.append(copy);
    return copy;
  });
  // The originals step aside meanwhile: one id, one element.
  const ids = definitions.flatMap((svg) =>
    [...svg.querySelectorAll('marker[id]')].map((marker) => {
      const id = marker.id;
      marker.id = `${id}-canvas`;
      return { marker, id };
    }),
  );
  try {
    return await work();
  } finally {
    for (const { marker, id } of ids) marker.id = id;
    for (const copy of copies) copy.remove();
  }
}

/**
 * Renders the whole graph (not only what the canvas shows) as PNG or SVG in the current theme,
 * the way React Flow documents it: the nodes' bounds (`getNodesBounds`), a viewport that fits them
 * into the image (`getViewportForBounds`), and html-to-image over `.react-flow__viewport` with that
 * viewport's transform. A canvas that draws only the nodes in view (`onlyRenderVisibleElements`)
 * draws fewer than `expectedNodes`: its view is fitted to the whole graph first (its own Fit View
 * control), so that every node is drawn for the capture.
 */
export async function renderDiagram(
  format: ImageFormat,
  flow: HTMLElement,
  expectedNodes: number,
): Promise<DiagramImage> {
  const viewportElement = flow.querySelector<HTMLElement>('.react-flow__viewport');
  if (viewportElement === null) throw new Error('The canvas is not shown.');
  if (flow.querySelectorAll('.react-flow__node').length < expectedNodes) {
    flow.querySelector<HTMLElement>('.react-flow__controls-fitview')?.click();
    await settle(flow, expectedNodes);
    await nextFrame();
  }
  const nodes = nodesFromDom(flow);
  if (nodes.length === 0) throw new Error('The diagram is empty: there is nothing to draw.');
  const bounds = getNodesBounds(nodes);

  const zoom = Math.min(
    1,
    MAX_SIDE / (bounds.width + 2 * PADDING),
    MAX_SIDE / (bounds.height + 2 * PADDING),
  );
  const width = Math.ceil((bounds.width + 2 * PADDING) * zoom);
  const height = Math.ceil((bounds.height + 2 * PADDING) * zoom);
  const viewport = getViewportForBounds(
    bounds,
    width,
    height,
    zoom / 2,
    zoom,
    `${PADDING * zoom}px`,
  );

  const { toBlob, toSvg } = await import('html-to-image');
  const options = {
    backgroundColor: backgroundOf(flow),
    width,
    height,
    // The page's fonts are system fonts: nothing to fetch and embed.
    skipFonts: true,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
    },
  };
  const capture = <T>(work: () => Promise<T>) =>
    withMarkers(flow, viewportElement, () => withStyleText(viewportElement, work));
  if (format === 'svg') {
    const dataUrl = await capture(() => toSvg(viewportElement, options));
    const svg = decodeURIComponent(dataUrl.slice(dataUrl.indexOf(',') + 1));
    return { blob: new Blob([svg], { type: 'image/svg+xml' }), width, height };
  }
  const pixelRatio = Math.max(
    0.5,
    Math.min(PNG_PIXEL_RATIO, Math.sqrt(MAX_CANVAS_PIXELS / (width * height))),
  );
  const blob = await capture(() => toBlob(viewportElement, { ...options, pixelRatio }));
  if (blob === null) throw new Error('The browser could not draw the image.');
  return { blob, width, height };
}
