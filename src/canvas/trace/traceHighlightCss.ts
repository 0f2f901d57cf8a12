import type { TraceHighlight } from '../../store';

/** Time between two stops of the path as it plays, in milliseconds. */
export const TRACE_STEP_MS = 170;

/**
 * How many times the dashes of a lit edge run towards the destination before they stop. A flow
 * that never ended repainted the path (with its glow) every frame for as long as the trace was
 * shown: a third of a core here in a browser without a GPU, and a laptop's battery elsewhere.
 * Each cycle moves the dashes by whole periods, so the drawing at rest is the drawing in motion.
 */
export const TRACE_FLOW_CYCLES = 4;

/** A CSS string literal for an id (ids hold `/`, `#`, `:` and `>`; only `"` and `\` need escaping). */
function quoted(id: string): string {
  return `"${id.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
}

const nodeSelector = (id: string) => `.sp-canvas .react-flow__node[data-id=${quoted(id)}]`;
const edgeSelector = (id: string) => `.sp-canvas .react-flow__edge[data-id=${quoted(id)}]`;
const partSelector = (id: string) => `.sp-canvas .sp-row[data-part-id=${quoted(id)}]`;

function resourceOf(id: string): string {
  const hash = id.indexOf('#');
  return hash === -1 ? id : id.slice(0, hash);
}

/**
 * The style sheet that draws a trace on the canvas: everything off the path dimmed, the path's
 * nodes ringed and its edges flowing, stop after stop, the rule that matched marked inside its
 * VirtualService and the rules that missed marked apart (a near miss outlined dashed). Selectors use the ids React Flow and the
 * nodes already render (`data-id`, `data-part-id`), so no node or edge component changes for it.
 * `generation` names the keyframes, so that a new send plays the path again from its start.
 */
export function traceHighlightCss(highlight: TraceHighlight, generation: number): string {
  const nodeIndex = new Map(highlight.nodes.map((id, index) => [id, index]));
  const delay = (stop: number) => `${Math.max(0, stop) * TRACE_STEP_MS}ms`;
  // Nothing disappears while the path plays: edges and rows start as drawn and take the trace's
  // colour when the request reaches them.
  const edgeIn = `sp-trace-edge-${generation}`;
  const rowIn = `sp-trace-row-${generation}`;
  const ring = `sp-trace-ring-${generation}`;
  const rules: string[] = [];

  // Off the path: dimmed, not hidden, so that the user still sees where the request did not go.
  const onPathNodes = highlight.nodes.map((id) => `[data-id=${quoted(id)}]`).join(',');
  rules.push(
    `.sp-canvas .react-flow__node${onPathNodes === '' ? '' : `:not(${onPathNodes})`} { opacity: var(--sp-trace-dim-node); filter: saturate(0.35); }`,
  );
  const onPathEdges = highlight.edges.map((id) => `[data-id=${quoted(id)}]`).join(',');
  rules.push(
    `.sp-canvas .react-flow__edge${onPathEdges === '' ? '' : `:not(${onPathEdges})`} { opacity: var(--sp-trace-dim-edge); }`,
  );
  rules.push('.sp-canvas .react-flow__edgelabel-renderer { opacity: 0.55; }');

  highlight.nodes.forEach((id, index) => {
    rules.push(
      `${nodeSelector(id)} .sp-node { box-shadow: var(--sp-trace-node-shadow); border-color: var(--sp-trace); animation: ${ring} 620ms ease-out ${delay(index)} both; }`,
    );
  });
  highlight.edges.forEach((id, index) => {
    const arrival = highlight.edgeArrivals[index] ?? index + 1;
    rules.push(
      `${edgeSelector(id)} .react-flow__edge-path { stroke: var(--sp-trace); stroke-width: 3px !important; stroke-dasharray: 10 4; filter: drop-shadow(0 0 3px var(--sp-trace-glow)); animation: ${edgeIn} 260ms ease-out ${delay(arrival - 0.5)} both, sp-trace-flow 0.9s linear ${delay(arrival - 0.5)} ${TRACE_FLOW_CYCLES}; }`,
    );
  });
  for (const id of highlight.parts) {
    const stop = nodeIndex.get(resourceOf(id)) ?? 0;
    rules.push(
      `${partSelector(id)} { background: var(--sp-trace-soft); box-shadow: inset 3px 0 0 var(--sp-trace); animation: ${rowIn} 260ms ease-out ${delay(stop + 0.4)} both; }`,
    );
  }
  for (const id of highlight.missedParts) {
    rules.push(`${partSelector(id)} { box-shadow: inset 3px 0 0 var(--sp-trace-missed); }`);
  }
  // A near miss: the rule that came closest, outlined dashed (a taken rule is filled and solid).
  for (const id of highlight.nearMissParts) {
    rules.push(
      `${partSelector(id)} { outline: 2px dashed var(--sp-trace-near-miss); outline-offset: -2px; }`,
    );
  }
  rules.push(
    `@keyframes ${edgeIn} { from { stroke: var(--sp-edge-strong); stroke-dasharray: 10 0; filter: none; } }`,
  );
  rules.push(
    `@keyframes ${rowIn} { from { background: transparent; box-shadow: inset 0 0 0 transparent; } }`,
  );
  rules.push(
    `@keyframes ${ring} { 0% { box-shadow: var(--sp-trace-node-shadow-from); border-color: var(--border); } 45% { box-shadow: var(--sp-trace-node-shadow-pulse); } 100% { box-shadow: var(--sp-trace-node-shadow); } }`,
  );
  return rules.join('\n');
}

/** How long the path takes to play, so that the outcome appears when the request gets there. */
export function traceDuration(highlight: TraceHighlight): number {
  return Math.max(0, highlight.nodes.length - 1) * TRACE_STEP_MS + 240;
}
