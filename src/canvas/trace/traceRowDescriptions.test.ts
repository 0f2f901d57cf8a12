// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { TraceHighlight } from '../../store';
import { describeTraceRows, traceRowMarks } from './traceRowDescriptions';

const VS = 'VirtualService/bookinfo/bookinfo';

const HIGHLIGHT: TraceHighlight = {
  nodes: ['Gateway/bookinfo/bookinfo-gateway', VS],
  parts: ['Gateway/bookinfo/bookinfo-gateway#server/0'],
  missedParts: [`${VS}#http/0`, `${VS}#http/1`],
  nearMissParts: [`${VS}#http/0`],
  edges: [],
  edgeArrivals: [],
  end: VS,
  outcome: { tone: 'failed', headline: '404: no route (NR)' },
};

const IDS = { taken: 'd-taken', nearMiss: 'd-near', missed: 'd-missed' } as const;

function canvasWithRows(...ids: string[]): HTMLElement {
  const root = document.createElement('div');
  for (const id of ids) {
    const row = document.createElement('div');
    row.className = 'sp-row';
    row.dataset.partId = id;
    root.appendChild(row);
  }
  return root;
}

describe('traceRowMarks', () => {
  it('given a 404 with a near miss, then the near miss is marked apart from the other misses', () => {
    const marks = traceRowMarks(HIGHLIGHT);
    expect(marks.get(`${VS}#http/0`)).toBe('nearMiss');
    expect(marks.get(`${VS}#http/1`)).toBe('missed');
    expect(marks.get('Gateway/bookinfo/bookinfo-gateway#server/0')).toBe('taken');
  });
});

describe('describeTraceRows', () => {
  it('describes each marked row by its mark, and takes the description away with the trace', () => {
    // given the rows of the VirtualService and one row the trace does not mark
    const root = canvasWithRows(`${VS}#http/0`, `${VS}#http/1`, `${VS}#http/2`);
    const [nearMiss, missed, other] = [...root.querySelectorAll('.sp-row')];
    // when the trace is drawn
    describeTraceRows(root, traceRowMarks(HIGHLIGHT), IDS);
    // then the near miss and the miss are described apart, the other row not at all
    expect(nearMiss?.getAttribute('aria-describedby')).toBe('d-near');
    expect(missed?.getAttribute('aria-describedby')).toBe('d-missed');
    expect(other?.hasAttribute('aria-describedby')).toBe(false);
    // when the trace is cleared, then no row keeps a description
    describeTraceRows(root, new Map(), IDS);
    expect(root.querySelectorAll('[aria-describedby]')).toHaveLength(0);
  });
});
