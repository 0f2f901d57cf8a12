import type * as MonacoApi from 'monaco-editor';
import type { TextEdit } from '../engine';
import type { TextBuffer, TextChange, TextChangeOrigin } from '../store';

/**
 * The undo history of a text model. Monaco's text model has these methods (the editor's undo
 * command calls them), but its public typings leave them out; the toolbar needs them without an
 * editor instance, so they are reached through this narrow view.
 */
interface ModelHistory {
  undo(): void | Promise<void>;
  redo(): void | Promise<void>;
  canUndo(): boolean;
  canRedo(): boolean;
}

const history = (model: MonacoApi.editor.ITextModel): ModelHistory =>
  model as unknown as ModelHistory;

/**
 * The design's TextBuffer over a Monaco text model. Planned edits go in with `pushEditOperations`
 * between undo stops (never `setValue`), so the cursor stays put and Ctrl+Z undoes one gesture,
 * whichever side it came from: Monaco's undo stack is the one history.
 */
export class MonacoTextBuffer implements TextBuffer {
  private version: number;
  private pendingOrigin: TextChangeOrigin | undefined;
  private readonly listeners = new Set<(change: TextChange) => void>();
  private readonly subscription: MonacoApi.IDisposable;

  private readonly model: MonacoApi.editor.ITextModel;

  constructor(model: MonacoApi.editor.ITextModel, startVersion: number) {
    this.model = model;
    this.version = startVersion;
    this.subscription = model.onDidChangeContent((event) => {
      this.version += 1;
      const origin: TextChangeOrigin =
        this.pendingOrigin ?? (event.isUndoing ? 'undo' : event.isRedoing ? 'redo' : 'user');
      const change: TextChange = { version: this.version, text: model.getValue(), origin };
      for (const listener of this.listeners) listener(change);
    });
  }

  getText(): string {
    return this.model.getValue();
  }

  getVersion(): number {
    return this.version;
  }

  applyEdits(edits: readonly TextEdit[], version: number): boolean {
    if (version !== this.version) return false;
    if (edits.length === 0) return true;
    this.push(edits, 'intent');
    return true;
  }

  replaceAll(text: string): void {
    if (text === this.model.getValue()) return;
    this.push([{ start: 0, end: this.model.getValueLength(), text }], 'load');
  }

  undo(): void {
    void history(this.model).undo();
  }

  redo(): void {
    void history(this.model).redo();
  }

  canUndo(): boolean {
    return history(this.model).canUndo();
  }

  canRedo(): boolean {
    return history(this.model).canRedo();
  }

  onDidChange(listener: (change: TextChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  private push(edits: readonly TextEdit[], origin: TextChangeOrigin): void {
    const operations = edits.map((edit) => {
      const start = this.model.getPositionAt(edit.start);
      const end = this.model.getPositionAt(edit.end);
      return {
        range: {
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
        },
        text: edit.text,
        forceMoveMarkers: false,
      };
    });
    this.pendingOrigin = origin;
    try {
      this.model.pushStackElement();
      this.model.pushEditOperations(null, operations, () => null);
      this.model.pushStackElement();
    } finally {
      this.pendingOrigin = undefined;
    }
  }
}
