import type { TextEdit } from '../engine';
import { applyEdits, invertEdits } from '../engine';

/** Why the text changed: typed in the editor, planned from a gesture, loaded, or undone/redone. */
export type TextChangeOrigin = 'user' | 'intent' | 'load' | 'undo' | 'redo';

/** One change of the buffer's text. */
export interface TextChange {
  readonly version: number;
  readonly text: string;
  readonly origin: TextChangeOrigin;
}

/**
 * The document's only way in (docs/ARCHITECTURE.md, "One way in"): the store listens to this
 * buffer's changes and derives everything from them. Two implementations: an in-memory buffer used
 * until Monaco has loaded (and in tests and workers), and the editor's buffer over a Monaco model.
 */
export interface TextBuffer {
  getText(): string;
  getVersion(): number;
  /**
   * Applies edits planned against `version` as one undoable step. Returns false, changing nothing,
   * when the text has moved on since (optimistic concurrency: plan again).
   */
  applyEdits(edits: readonly TextEdit[], version: number): boolean;
  /** Replaces the whole text as one undoable step (open, paste-replace, new design). */
  replaceAll(text: string): void;
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  onDidChange(listener: (change: TextChange) => void): () => void;
  /** Releases resources (e.g. the Monaco model). */
  dispose(): void;
}

interface HistoryEntry {
  readonly undo: readonly TextEdit[];
  readonly redo: readonly TextEdit[];
}

/**
 * A buffer's undo history as steps from a base text, so another buffer can take it over: applying
 * every step in order to `base` gives the text with nothing undone; the last `undone` steps are the
 * ones the user has undone (they can be redone).
 */
export interface TextHistory {
  readonly base: string;
  readonly steps: readonly (readonly TextEdit[])[];
  readonly undone: number;
}

/** A TextBuffer over a string, with its own undo history. */
export class InMemoryTextBuffer implements TextBuffer {
  private text: string;
  private version = 1;
  private readonly undoStack: HistoryEntry[] = [];
  private readonly redoStack: HistoryEntry[] = [];
  private readonly listeners = new Set<(change: TextChange) => void>();

  constructor(text: string) {
    this.text = text;
  }

  getText(): string {
    return this.text;
  }

  getVersion(): number {
    return this.version;
  }

  applyEdits(edits: readonly TextEdit[], version: number): boolean {
    if (version !== this.version) return false;
    if (edits.length === 0) return true;
    this.commit(edits, 'intent');
    return true;
  }

  replaceAll(text: string): void {
    if (text === this.text) return;
    this.commit([{ start: 0, end: this.text.length, text }], 'load');
  }

  /** Applies typed edits (the in-memory stand-in for typing in the editor). */
  type(edits: readonly TextEdit[]): void {
    this.commit(edits, 'user');
  }

  undo(): void {
    const entry = this.undoStack.pop();
    if (!entry) return;
    this.text = applyEdits(this.text, entry.undo);
    this.redoStack.push(entry);
    this.emit('undo');
  }

  redo(): void {
    const entry = this.redoStack.pop();
    if (!entry) return;
    this.text = applyEdits(this.text, entry.redo);
    this.undoStack.push(entry);
    this.emit('redo');
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  onDidChange(listener: (change: TextChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.listeners.clear();
  }

  /**
   * The undo history, for the editor's buffer to take over when it attaches (the gestures made
   * before Monaco loaded stay undoable: one history).
   */
  history(): TextHistory {
    let base = this.text;
    for (let index = this.undoStack.length - 1; index >= 0; index -= 1) {
      base = applyEdits(base, this.undoStack[index]?.undo ?? []);
    }
    const done = this.undoStack.map((entry) => entry.redo);
    // The redo stack's top is the next step to redo: the earliest of the undone steps.
    const undone = [...this.redoStack].reverse().map((entry) => entry.redo);
    return { base, steps: [...done, ...undone], undone: undone.length };
  }

  private commit(edits: readonly TextEdit[], origin: TextChangeOrigin): void {
    const before = this.text;
    const after = applyEdits(before, edits);
    // Undo restores `before`; redo replays the original edits, which were planned against it.
    this.undoStack.push({ undo: invertEdits(before, edits), redo: edits });
    this.redoStack.length = 0;
    this.text = after;
    this.emit(origin);
  }

  private emit(origin: TextChangeOrigin): void {
    this.version += 1;
    const change: TextChange = { version: this.version, text: this.text, origin };
    for (const listener of this.listeners) listener(change);
  }
}
