import { useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';

/**
 * Asks React Flow to measure a node (its size and handles) again. React Flow's own
 * `useUpdateNodeInternals` finds the node with an unescaped attribute selector, which throws for an
 * id holding a quote or a backslash (a resource named `a"b` in a pasted design) and took the canvas
 * pane down; here the id is escaped.
 */
export function useRemeasureNode(): (id: string) => void {
  const store = useStoreApi();
  return useCallback(
    (id: string) => {
      const { domNode } = store.getState();
      const element = domNode?.querySelector(`.react-flow__node[data-id="${escapeCss(id)}"]`);
      if (!(element instanceof HTMLDivElement)) return;
      requestAnimationFrame(() => {
        store
          .getState()
          .updateNodeInternals(new Map([[id, { id, nodeElement: element, force: true }]]), {
            triggerFitView: false,
          });
      });
    },
    [store],
  );
}

/** `CSS.escape` where there is one (browsers); jsdom has none. */
function escapeCss(text: string): string {
  return typeof CSS === 'undefined'
    ? text.replace(/[^\w-]/g, (character) => `\\${character}`)
    : CSS.escape(text);
}
