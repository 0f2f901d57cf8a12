import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSailplanStore } from './createSailplanStore';
import { nextPaint } from './paintScheduler';
import type { InMemoryTextBuffer } from './textBuffer';

const seed = readFileSync(new URL('../../examples/seed-ingress.yaml', import.meta.url), 'utf8');

describe('the Sailplan store', () => {
  it('derives the model and topology of the initial text', () => {
    // given the seed design
    const store = createSailplanStore({ text: seed });
    // then every resource is a node, with its accessible name
    const labels = store.getState().derived.topology.nodes.map((node) => node.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Service istio-system/istio-ingressgateway',
        'Gateway istio-system/default-gateway',
        'VirtualService default/proxy',
        'Service default/proxy',
      ]),
    );
  });

  it('applies a dispatched intent as minimal text edits, undoable in one step', async () => {
    // given the seed design
    const store = createSailplanStore({ text: seed });
    const before = store.getState().text;
    // when a gesture renames the VirtualService
    const result = store.getState().dispatch({
      type: 'resource.rename',
      key: 'VirtualService/default/proxy',
      name: 'storefront',
    });
    // then the text changes only there, at once, and the version moves on
    expect(result).toMatchObject({ ok: true });
    const after = store.getState();
    expect(after.text).toBe(
      before.replace('name: proxy\nspec:\n  gateways', 'name: storefront\nspec:\n  gateways'),
    );
    expect(after.version).toBeGreaterThan(1);
    expect(after.canUndo).toBe(true);
    // and the model follows once the edit is painted, not before
    expect(after.derived.version).toBeLessThan(after.version);
    await nextPaint();
    expect(store.getState().derived.version).toBe(after.version);
    expect(
      store.getState().derived.design.model.byKey.has('VirtualService/default/storefront'),
    ).toBe(true);
    // and one undo restores the text byte for byte
    after.undo();
    expect(store.getState().text).toBe(before);
  });

  it('keeps the last good derivation and refuses gestures while the YAML has syntax errors', () => {
    // given the seed design
    const store = createSailplanStore({ text: seed });
    const good = store.getState().derived;
    // when the user types an unclosed flow sequence
    const buffer = store.getState().buffer as InMemoryTextBuffer;
    buffer.type([{ start: seed.length, end: seed.length, text: '\n---\nkind: [oops\n' }]);
    store.getState().flush();
    // then the errors are reported, the canvas keeps the last good version, and edits are refused
    const state = store.getState();
    expect(state.derived.syntaxErrors).toBeGreaterThan(0);
    expect(state.lastGood).toBe(good);
    const result = state.dispatch({ type: 'resource.delete', key: 'Service/default/proxy' });
    expect(result).toEqual({
      ok: false,
      reason: 'The YAML has errors: fix them in the editor first.',
    });
    expect(store.getState().text).toBe(state.text);
  });

  it('moves the positions of a renamed node and of its parts to its new id', () => {
    // given a Gateway and its first server placed on the canvas, and another node
    const store = createSailplanStore({ text: seed });
    const gateway = 'Gateway/istio-system/default-gateway';
    store.getState().setPositions({
      [gateway]: { x: 10, y: 20 },
      [`${gateway}#server/0`]: { x: 12, y: 40 },
      'Service/default/proxy': { x: 300, y: 0 },
    });
    // when the Gateway is renamed and the view state follows
    const result = store
      .getState()
      .dispatch({ type: 'resource.rename', key: gateway, name: 'edge' });
    expect(result).toMatchObject({ ok: true });
    store.getState().rekeyNode(gateway, 'Gateway/istio-system/edge');
    // then the node and its part keep their places under the new id, the others are untouched
    expect(store.getState().positions).toEqual({
      'Gateway/istio-system/edge': { x: 10, y: 20 },
      'Gateway/istio-system/edge#server/0': { x: 12, y: 40 },
      'Service/default/proxy': { x: 300, y: 0 },
    });
  });

  it('holds a delete request until it is cleared, without touching the text', () => {
    // given the seed design
    const store = createSailplanStore({ text: seed });
    const before = store.getState().text;
    // when the canvas asks twice to delete the same Service
    store.getState().requestDelete('Service/default/proxy');
    const first = store.getState().deleteRequest;
    store.getState().requestDelete('Service/default/proxy');
    // then each ask is a new request for that node, and nothing is deleted yet
    expect(first).toMatchObject({ id: 'Service/default/proxy' });
    expect(store.getState().deleteRequest?.id).toBe('Service/default/proxy');
    expect(store.getState().deleteRequest?.serial).toBeGreaterThan(first?.serial ?? Infinity);
    expect(store.getState().text).toBe(before);
    // and clearing it ends the request
    store.getState().clearDeleteRequest();
    expect(store.getState().deleteRequest).toBeNull();
  });

  it('keeps the route tests and the simulator request as plain data beside the text', () => {
    // given a store opened with a design, its route tests and a request
    const tests =
      'tests:\n- name: root\n  request: { url: http://shop.example.com/ }\n  expect: {}\n';
    const store = createSailplanStore({
      text: seed,
      tests,
      request: { method: 'GET', url: 'http://shop.example.com/' },
    });
    expect(store.getState().tests).toBe(tests);
    // when the panels replace them
    store.getState().setTests('');
    store.getState().setRequest({
      method: 'POST',
      url: 'http://shop.example.com/cart',
      headers: { 'x-user': 'alice' },
      from: { namespace: 'shop', labels: { app: 'web' } },
    });
    // then the store holds the new values and the design text is untouched
    const state = store.getState();
    expect(state.tests).toBe('');
    expect(state.request).toEqual({
      method: 'POST',
      url: 'http://shop.example.com/cart',
      headers: { 'x-user': 'alice' },
      from: { namespace: 'shop', labels: { app: 'web' } },
    });
    expect(state.text).toBe(seed);
    expect(state.version).toBe(1);
  });

  it('starts with no route tests and no request chosen', () => {
    const state = createSailplanStore({ text: seed }).getState();
    expect(state.tests).toBe('');
    expect(state.request).toEqual({ method: 'GET', url: '' });
  });
});
