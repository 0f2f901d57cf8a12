import type { StoreApi } from 'zustand/vanilla';
import type { SourceRange } from '../engine';
import type { SailplanState } from './createSailplanStore';

/** A request to show an exact range of the YAML: the field a trace step or a problem is about. */
export interface RevealRequest {
  readonly range: SourceRange;
  /** Increases with every request, so asking again for the same range is a new request. */
  readonly serial: number;
}

/**
 * Reveal requests from the panels. Selecting a node shows the node's lines; a panel that knows the
 * exact field (the match condition that failed, the diagnostic's range) also asks the editor to
 * reveal that range.
 */
export interface RevealSlice {
  readonly revealRequest: RevealRequest | null;
  /** Asks the editor to scroll to and mark `range` (without taking the focus). */
  readonly reveal: (range: SourceRange) => void;
}

type SetState = StoreApi<SailplanState>['setState'];

/** The reveal slice. */
export function createRevealSlice(set: SetState): RevealSlice {
  let serial = 0;
  return {
    revealRequest: null,
    reveal: (range) => {
      serial += 1;
      set({ revealRequest: { range, serial } });
    },
  };
}
