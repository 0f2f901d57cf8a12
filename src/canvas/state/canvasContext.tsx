import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { NodeView } from '../model/projection';
import type { CanvasState, CanvasStore } from './canvasStore';

const CanvasStoreContext = createContext<CanvasStore | null>(null);

/** Gives the canvas store to the nodes and edges drawn inside the canvas. */
export function CanvasStoreProvider({
  store,
  children,
}: {
  store: CanvasStore;
  children: ReactNode;
}) {
  return <CanvasStoreContext.Provider value={store}>{children}</CanvasStoreContext.Provider>;
}

/** The canvas store, for actions and reads outside render. */
export function useCanvasStoreApi(): CanvasStore {
  const store = useContext(CanvasStoreContext);
  if (!store) throw new Error('useCanvasStoreApi must be used inside <CanvasStoreProvider>');
  return store;
}

/** Selects a slice of the canvas state. */
export function useCanvas<T>(selector: (state: CanvasState) => T): T {
  return useStore(useCanvasStoreApi(), selector);
}

/** What one resource node draws; the same object while the resource is unchanged. */
export function useNodeView(id: string): NodeView | undefined {
  return useCanvas((state) => state.views.get(id));
}

/** The selected part of node `id` (`key#http/0`), if one is selected. */
export function useSelectedPart(id: string): string | null {
  return useCanvas((state) =>
    state.selectedPart !== null && state.selectedPart.startsWith(`${id}#`)
      ? state.selectedPart
      : null,
  );
}
