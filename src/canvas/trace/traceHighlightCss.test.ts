import { describe, expect, it } from 'vitest';
import type { TraceHighlight } from '../../store';
import {
  TRACE_FLOW_CYCLES,
  TRACE_STEP_MS,
  traceDuration,
  traceHighlightCss,
} from './traceHighlightCss';

const HIGHLIGHT: TraceHighlight = {
  nodes: ['Service/istio-system/lb', 'Gateway/istio-system/gw', 'VirtualService/default/proxy'],
  parts: ['Gateway/istio-system/gw#server/0', 'VirtualService/default/proxy#http/1'],
  missedParts: ['VirtualService/default/proxy#http/0', 'VirtualService/default/proxy#http/2'],
  nearMissParts: ['VirtualService/default/proxy#http/2'],
  edges: ['loadBalancer:Service/istio-system/lb->Gateway/istio-system/gw'],
  edgeArrivals: [1],
  end: 'VirtualService/default/proxy',
  outcome: { tone: 'failed', headline: '404: no route (NR)' },
};

describe('traceHighlightCss', () => {
  it('dims every node and edge off the path, and only those', () => {
    const css = traceHighlightCss(HIGHLIGHT, 1);
    expect(css).toContain(
      '.sp-canvas .react-flow__node:not([data-id="Service/istio-system/lb"],[data-id="Gateway/istio-system/gw"],[data-id="VirtualService/default/proxy"])',
    );
    expect(css).toContain(
      '.sp-canvas .react-flow__edge:not([data-id="loadBalancer:Service/istio-system/lb->Gateway/istio-system/gw"])',
    );
  });

  it('plays the nodes stop by stop, each edge as the request reaches its far end', () => {
    const css = traceHighlightCss(HIGHLIGHT, 3);
    expect(css).toContain(
      `[data-id="Gateway/istio-system/gw"] .sp-node { box-shadow: var(--sp-trace-node-shadow); border-color: var(--sp-trace); animation: sp-trace-ring-3 620ms ease-out ${TRACE_STEP_MS}ms both; }`,
    );
    expect(css).toMatch(
      new RegExp(
        `->Gateway/istio-system/gw"\\] \\.react-flow__edge-path \\{[^}]*sp-trace-edge-3 260ms ease-out ${TRACE_STEP_MS / 2}ms`,
      ),
    );
    expect(css).toContain('@keyframes sp-trace-ring-3');
    // The dashes flow from when the edge lights up, a few times, then rest: nothing repaints forever.
    expect(css).toContain(`sp-trace-flow 0.9s linear ${TRACE_STEP_MS / 2}ms ${TRACE_FLOW_CYCLES};`);
    expect(css).not.toContain('infinite');
    expect(traceDuration(HIGHLIGHT)).toBe(2 * TRACE_STEP_MS + 240);
  });

  it('marks the rule taken and the rules missed inside their VirtualService', () => {
    const css = traceHighlightCss(HIGHLIGHT, 1);
    expect(css).toContain(
      '.sp-canvas .sp-row[data-part-id="VirtualService/default/proxy#http/1"] { background: var(--sp-trace-soft)',
    );
    expect(css).toContain(
      '.sp-canvas .sp-row[data-part-id="VirtualService/default/proxy#http/0"] { box-shadow: inset 3px 0 0 var(--sp-trace-missed); }',
    );
  });

  it('given a near miss, then its row is outlined dashed and the other misses are not', () => {
    const css = traceHighlightCss(HIGHLIGHT, 1);
    expect(css).toContain(
      '.sp-canvas .sp-row[data-part-id="VirtualService/default/proxy#http/2"] { outline: 2px dashed var(--sp-trace-near-miss); outline-offset: -2px; }',
    );
    expect(css).not.toContain('[data-part-id="VirtualService/default/proxy#http/0"] { outline');
    expect(css).not.toContain('[data-part-id="VirtualService/default/proxy#http/1"] { outline');
  });

  it('escapes quotes and backslashes in ids', () => {
    const css = traceHighlightCss(
      {
        ...HIGHLIGHT,
        nodes: ['missing:host/a"b\\c'],
        parts: [],
        missedParts: [],
        nearMissParts: [],
        edges: [],
      },
      1,
    );
    expect(css).toContain('[data-id="missing:host/a\\"b\\\\c"]');
    expect(css).toContain('.sp-canvas .react-flow__edge { opacity: var(--sp-trace-dim-edge); }');
  });
});
