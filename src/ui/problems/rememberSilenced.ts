import { useEffect } from 'react';
import { useSailplanStoreApi } from '../../store';

/**
 * Interim: the silenced findings are remembered in this browser, until the design session saves
 * them with the design (the share format and autosave carry the text, positions, tests and
 * request, not yet `silenced`). Remembered entries are applied when the app starts: a
 * `CODE:kind/namespace/name` entry only if that resource is in the design, a `CODE` entry always.
 */
const STORAGE_KEY = 'sailplan.silenced';

function recall(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((entry) => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

function remember(entries: readonly string[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(entries));
  } catch {
    // Storage full or refused (private mode): silencing still works for this session.
  }
}

/** Applies the remembered silenced findings once, then remembers every change of the list. */
export function useRememberedSilenced(): void {
  const store = useSailplanStoreApi();
  useEffect(() => {
    const { silenced, setSilenced, derived } = store.getState();
    const applicable = recall().filter((entry) => {
      const colon = entry.indexOf(':');
      return colon < 0 || derived.design.model.byKey.has(entry.slice(colon + 1));
    });
    if (applicable.length > 0) setSilenced([...silenced, ...applicable]);
    return store.subscribe((state, previous) => {
      if (state.silenced !== previous.silenced) remember(state.silenced);
    });
  }, [store]);
}
