import type { StoreApi } from 'zustand/vanilla';
import type { SailplanState } from './createSailplanStore';
import { withSilenced } from './derive';

/** The findings the user silenced in this design, and the actions that change them. */
export interface SilencedSlice {
  /**
   * Findings not reported for this design: `CODE` (everywhere) or `CODE:kind/namespace/name` (one
   * resource), as the analyzer's `silenced` option takes them. Kept in order of silencing.
   */
  readonly silenced: readonly string[];
  /** Silences a finding (`IST0118` or `IST0118:Service/default/proxy`); the diagnostics follow. */
  readonly silence: (entry: string) => void;
  /** Reports a silenced finding again. */
  readonly unsilence: (entry: string) => void;
  /** Replaces the whole list (a design opened with its own list). */
  readonly setSilenced: (entries: readonly string[]) => void;
}

type SetState = StoreApi<SailplanState>['setState'];
type GetState = StoreApi<SailplanState>['getState'];

/** The entry that silences `code` for one resource, or everywhere when `resource` is absent. */
export function silencedEntry(code: string, resource?: string): string {
  return resource === undefined ? code : `${code}:${resource}`;
}

/** The silenced slice; `initial` is the design's list when the store is created. */
export function createSilencedSlice(
  set: SetState,
  get: GetState,
  initial: readonly string[],
): SilencedSlice {
  const apply = (entries: readonly string[]) => {
    const { derived, lastGood } = get();
    // The design is the same: only the analysis is made again, over both derivations.
    const nextDerived = withSilenced(derived, entries);
    const nextLastGood = lastGood === derived ? nextDerived : withSilenced(lastGood, entries);
    set({ silenced: entries, derived: nextDerived, lastGood: nextLastGood });
  };
  return {
    silenced: initial,
    silence: (entry) => {
      const { silenced } = get();
      if (!silenced.includes(entry)) apply([...silenced, entry]);
    },
    unsilence: (entry) => {
      const { silenced } = get();
      if (silenced.includes(entry)) apply(silenced.filter((candidate) => candidate !== entry));
    },
    setSilenced: (entries) => {
      const unique = [...new Set(entries)];
      const { silenced } = get();
      if (
        unique.length === silenced.length &&
        unique.every((entry, index) => entry === silenced[index])
      ) {
        return;
      }
      apply(unique);
    },
  };
}
