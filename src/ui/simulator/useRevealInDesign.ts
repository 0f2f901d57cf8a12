import { useCallback } from 'react';
import type { SourceRange } from '../../engine';
import { nodeIdAtOffset, resourceOf, useSailplanStoreApi } from '../../store';

/** What a panel row points at: a canvas node, and the YAML that decided it. */
export interface DesignPlace {
  readonly node?: string;
  readonly source?: SourceRange;
  /**
   * Which derivation the range is in: `shown` (the last one that parsed, which the canvas and the
   * traces use; the default) or `current` (the text as it is, which diagnostics describe).
   */
  readonly of?: 'shown' | 'current';
}

/**
 * Shows a place of the design from a panel: selects its node on the canvas (origin `panel`, so the
 * editor highlights and reveals the node's lines) and asks the editor to reveal the exact range.
 * When the range lies in a part of that node (a rule, a server, a port), the part is selected:
 * its lines are the ones that decided. Without a node, the part or resource holding the range is.
 */
export function useRevealInDesign(): (place: DesignPlace) => void {
  const store = useSailplanStoreApi();
  return useCallback(
    ({ node, source, of = 'shown' }: DesignPlace) => {
      const state = store.getState();
      const derived = of === 'shown' ? state.lastGood : state.derived;
      const holder =
        source === undefined ? undefined : nodeIdAtOffset(derived, source.start, source.file);
      const id =
        node === undefined
          ? holder
          : holder !== undefined && holder.includes('#') && resourceOf(holder) === resourceOf(node)
            ? holder
            : node;
      if (id !== undefined) state.select({ id, origin: 'panel' });
      if (source !== undefined) state.reveal(source);
    },
    [store],
  );
}
