// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSailplanStore, SailplanStoreProvider, type SailplanStore } from '../store';
import seed from '../../examples/seed-ingress.yaml?raw';
import { useUndoRedoShortcuts } from './useUndoRedoShortcuts';

function Harness() {
  useUndoRedoShortcuts();
  return (
    <>
      <button type="button">a canvas node</button>
      <input aria-label="Name" defaultValue="proxy" />
      <div className="monaco-editor">
        <textarea aria-label="YAML editor" />
      </div>
    </>
  );
}

/** A real store with one gesture done (the Service renamed to `web`). */
function renderWithGesture(): SailplanStore {
  const store = createSailplanStore({ text: seed });
  store.getState().dispatch({ type: 'resource.rename', key: 'Service/default/proxy', name: 'web' });
  render(
    <SailplanStoreProvider store={store}>
      <Harness />
    </SailplanStoreProvider>,
  );
  return store;
}

/** The design's Services, derived now (the store otherwise derives an undo after the paint). */
const serviceNames = (store: SailplanStore) => {
  store.getState().flush();
  return store
    .getState()
    .derived.design.model.services.map((service) => service.name)
    .filter((name) => name !== 'istio-ingressgateway');
};

afterEach(() => {
  cleanup();
});

describe('useUndoRedoShortcuts', () => {
  it('undoes with Ctrl+Z and redoes with Ctrl+Shift+Z and Ctrl+Y from outside text fields', () => {
    const store = renderWithGesture();
    const node = screen.getByRole('button', { name: 'a canvas node' });
    expect(serviceNames(store)).toEqual(['web']);

    fireEvent.keyDown(node, { key: 'z', ctrlKey: true });
    expect(serviceNames(store)).toEqual(['proxy']);
    fireEvent.keyDown(node, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(serviceNames(store)).toEqual(['web']);
    fireEvent.keyDown(node, { key: 'z', metaKey: true });
    expect(serviceNames(store)).toEqual(['proxy']);
    fireEvent.keyDown(node, { key: 'y', ctrlKey: true });
    expect(serviceNames(store)).toEqual(['web']);
  });

  it('leaves the keys to a text field with its own undo, and to Monaco', () => {
    const store = renderWithGesture();
    const field = screen.getByRole('textbox', { name: 'Name' });
    const editor = screen.getByRole('textbox', { name: 'YAML editor' });

    const inField = fireEvent.keyDown(field, { key: 'z', ctrlKey: true });
    const inEditor = fireEvent.keyDown(editor, { key: 'z', ctrlKey: true });

    // The events go on to their targets (not prevented), and the design is untouched.
    expect([inField, inEditor]).toEqual([true, true]);
    expect(serviceNames(store)).toEqual(['web']);
  });
});
