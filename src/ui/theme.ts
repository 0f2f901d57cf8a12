import { useCallback, useEffect, useSyncExternalStore } from 'react';

/** The user's theme choice: follow the system, or force light or dark. */
export type ThemePreference = 'system' | 'light' | 'dark';
/** The theme actually shown. */
export type Theme = 'light' | 'dark';

const storageKey = 'sailplan.theme';
const darkQuery = '(prefers-color-scheme: dark)';

function readPreference(): ThemePreference {
  const stored = globalThis.localStorage?.getItem(storageKey);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

const preferenceListeners = new Set<() => void>();

function subscribePreference(listener: () => void): () => void {
  preferenceListeners.add(listener);
  return () => preferenceListeners.delete(listener);
}

function subscribeSystem(listener: () => void): () => void {
  const query = window.matchMedia(darkQuery);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

function systemIsDark(): boolean {
  return window.matchMedia(darkQuery).matches;
}

/** The theme preference, the resolved theme, and a toggle that flips what is shown. */
export function useTheme(): {
  preference: ThemePreference;
  theme: Theme;
  toggle: () => void;
} {
  const preference = useSyncExternalStore<ThemePreference>(
    subscribePreference,
    readPreference,
    () => 'system',
  );
  const dark = useSyncExternalStore(subscribeSystem, systemIsDark, () => false);
  const theme: Theme = preference === 'system' ? (dark ? 'dark' : 'light') : preference;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  const toggle = useCallback(() => {
    // Flipping back to what the system shows returns to following the system.
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    const nextPreference: ThemePreference =
      next === (systemIsDark() ? 'dark' : 'light') ? 'system' : next;
    if (nextPreference === 'system') localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, nextPreference);
    for (const listener of preferenceListeners) listener();
  }, [theme]);

  return { preference, theme, toggle };
}
