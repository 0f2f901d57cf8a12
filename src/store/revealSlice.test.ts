import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSailplanStore } from './createSailplanStore';

const seed = readFileSync(new URL('../../examples/seed-ingress.yaml', import.meta.url), 'utf8');

describe('reveal requests', () => {
  it('records each request to reveal a range, asking twice for one range included', () => {
    // given the seed and the range of a trace step (the proxy route's destination host)
    const store = createSailplanStore({ text: seed, request: { url: 'http://example.com/' } });
    store.getState().sendRequest();
    const step = store
      .getState()
      .simulation?.trace.steps.find((candidate) => candidate.kind === 'destination');
    const range = step?.source;
    if (range === undefined) throw new Error('the destination step has a source range');
    // when a panel asks to reveal it twice
    store.getState().reveal(range);
    const first = store.getState().revealRequest;
    store.getState().reveal(range);
    // then the editor is asked each time, at that line
    expect(first?.range.line).toBe(49);
    expect(store.getState().revealRequest?.serial).toBe((first?.serial ?? 0) + 1);
  });
});
