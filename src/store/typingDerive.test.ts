import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSailplanStore } from './createSailplanStore';
import { TYPING_DERIVE_DELAY_MS } from './deriveScheduler';
import type { InMemoryTextBuffer } from './textBuffer';

const seed = readFileSync(new URL('../../examples/seed-ingress.yaml', import.meta.url), 'utf8');

const newService = '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: checkout\n';

describe('deriving while the user types', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('derives a burst of typing once, a short pause after the last key', () => {
    // given the seed design
    const store = createSailplanStore({ text: seed });
    const buffer = store.getState().buffer as InMemoryTextBuffer;
    const before = store.getState().derived;
    // when the user types a new Service document, key by key
    let offset = seed.length;
    for (const character of `\n${newService}`) {
      buffer.type([{ start: offset, end: offset, text: character }]);
      offset += 1;
    }
    // then the text, version and undo state follow at once, but the model waits
    const typing = store.getState();
    expect(typing.text).toBe(`${seed}\n${newService}`);
    expect(typing.canUndo).toBe(true);
    expect(typing.derived).toBe(before);
    // and after the pause the new Service is a node, derived once for the whole burst
    vi.advanceTimersByTime(TYPING_DERIVE_DELAY_MS);
    const settled = store.getState();
    expect(settled.derived.version).toBe(settled.version);
    expect(settled.derived.topology.byId.has('Service/default/checkout')).toBe(true);
    expect(settled.lastGood).toBe(settled.derived);
  });

  it('plans a gesture against the text just typed, without waiting for the pause', () => {
    // given the user has just typed a new Service, not yet derived
    const store = createSailplanStore({ text: seed });
    const buffer = store.getState().buffer as InMemoryTextBuffer;
    buffer.type([{ start: seed.length, end: seed.length, text: `\n${newService}` }]);
    expect(store.getState().derived.topology.byId.has('Service/default/checkout')).toBe(false);
    // when a gesture renames that Service at once
    const result = store.getState().dispatch({
      type: 'resource.rename',
      key: 'Service/default/checkout',
      name: 'cart',
    });
    // then it was planned against the typed text
    expect(result).toMatchObject({ ok: true });
    expect(store.getState().text).toContain('name: cart');
    // and the model follows the gesture after the paint (the next task here, with no frames)
    vi.runOnlyPendingTimers();
    const state = store.getState();
    expect(state.derived.version).toBe(state.version);
    expect(state.derived.topology.byId.has('Service/default/cart')).toBe(true);
  });

  it('derives undo and redo after the paint and keeps the undo buttons current at once', () => {
    // given a gesture applied to the seed design
    const store = createSailplanStore({ text: seed });
    store.getState().dispatch({
      type: 'resource.rename',
      key: 'Service/default/proxy',
      name: 'web',
    });
    expect(store.getState()).toMatchObject({ canUndo: true, canRedo: false });
    // when it is undone
    store.getState().undo();
    // then redo becomes possible at once, and the model is back after the paint
    let state = store.getState();
    expect(state).toMatchObject({ canUndo: false, canRedo: true });
    vi.runOnlyPendingTimers();
    state = store.getState();
    expect(state.derived.version).toBe(state.version);
    expect(state.derived.topology.byId.has('Service/default/proxy')).toBe(true);
    // and when it is redone, the other way round
    store.getState().redo();
    vi.runOnlyPendingTimers();
    state = store.getState();
    expect(state.derived.topology.byId.has('Service/default/web')).toBe(true);
    expect(state).toMatchObject({ canUndo: true, canRedo: false });
  });

  it('derives a replaced text at once and drops a derive still waiting for typing', () => {
    // given a typed change waiting for its derive
    const store = createSailplanStore({ text: seed });
    const buffer = store.getState().buffer as InMemoryTextBuffer;
    buffer.type([{ start: seed.length, end: seed.length, text: `\n${newService}` }]);
    // when a file is opened over it
    store.getState().replaceText(newService.slice(4));
    // then the opened text is derived now, and nothing runs later
    const state = store.getState();
    expect(state.derived.version).toBe(state.version);
    expect(state.derived.design.model.resources.map((resource) => resource.key)).toEqual([
      'Service/default/checkout',
    ]);
    vi.advanceTimersByTime(1000);
    expect(store.getState().derived).toBe(state.derived);
  });
});
