import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SailplanState, SailplanStore } from './createSailplanStore';

const StoreContext = createContext<SailplanStore | null>(null);

/** Gives a store to the components below it. */
export function SailplanStoreProvider({
  store,
  children,
}: {
  store: SailplanStore;
  children: ReactNode;
}) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store given by the nearest provider (for actions and subscriptions outside render). */
export function useSailplanStoreApi(): SailplanStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useSailplanStoreApi must be used inside <SailplanStoreProvider>');
  return store;
}

/** Selects a slice of the store's state; the component re-renders when the slice changes. */
export function useSailplan<T>(selector: (state: SailplanState) => T): T {
  return useStore(useSailplanStoreApi(), selector);
}
