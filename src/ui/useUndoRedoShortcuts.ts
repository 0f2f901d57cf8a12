import { useEffect } from 'react';
import { useSailplanStoreApi } from '../store';

/**
 * True when the key goes to a text field that keeps its own undo: an input, a text area, a select
 * or editable content outside Monaco. Monaco's own keys (its text area, its find widget) are left
 * to Monaco, whose undo is the design's undo anyway.
 */
function hasOwnUndo(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('.monaco-editor')) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'color', 'submit', 'reset'].includes(
      target.type,
    );
  }
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * Ctrl+Z undoes and Ctrl+Shift+Z or Ctrl+Y redo (⌘ on a Mac) wherever the focus is, the canvas
 * included, through the store: one history for the canvas and the editor.
 */
export function useUndoRedoShortcuts(): void {
  const store = useSailplanStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey)) return;
      if (hasOwnUndo(event.target)) return;
      const key = event.key.toLowerCase();
      const isUndo = key === 'z' && !event.shiftKey;
      const isRedo = (key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey);
      if (!isUndo && !isRedo) return;
      event.preventDefault();
      if (isUndo) store.getState().undo();
      else store.getState().redo();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
