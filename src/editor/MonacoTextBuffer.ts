import type * as MonacoApi from 'monaco-editor';
import type { TextEdit } from '../engine';
import type { TextBuffer, TextChange, TextChangeOrigin, TextHistory } from '../store';

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

/** A line ending Monaco's model can use. */
type LineEnding = '\n' | '\r\n';

/**
 * Monaco's `EndOfLineSequence` values (LF = 0, CRLF = 1). This module takes a model, not the Monaco
 * API, so it names the runtime values of the enum itself.
 */
const END_OF_LINE_SEQUENCE: Record<LineEnding, MonacoApi.editor.EndOfLineSequence> = {
  '\n': 0 as MonacoApi.editor.EndOfLineSequence,
  '\r\n': 1 as MonacoApi.editor.EndOfLineSequence,
};

/**
 * The line ending a Monaco model holding `text` uses: Monaco keeps one per model, CRLF when more
 * than half of the line breaks have a CR (its own rule at model creation), and converts every
 * other line break to it.
 */
export function dominantLineEnding(text: string): LineEnding | undefined {
  let breaks = 0;
  let withCarriageReturn = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 13) {
      breaks += 1;
      withCarriageReturn += 1;
      if (text.charCodeAt(index + 1) === 10) index += 1;
    } else if (char === 10) {
      breaks += 1;
    }
  }
  if (breaks === 0) return undefined;
  return withCarriageReturn > breaks / 2 ? '\r\n' : '\n';
}

/** Offset edits as Monaco edit operations on `model` (offsets of its current text). */
function toOperations(
  model: MonacoApi.editor.ITextModel,
  edits: readonly TextEdit[],
): MonacoApi.editor.IIdentifiedSingleEditOperation[] {
  return edits.map((edit) => {
    const start = model.getPositionAt(edit.start);
    const end = model.getPositionAt(edit.end);
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
}

/**
 * Rebuilds a buffer's undo history on a new model that holds `history.base`: each step one undo
 * element, then the undone steps undone, so the model ends at the buffer's text and Ctrl+Z and
 * Ctrl+Shift+Z go on where the buffer left off. Returns false, changing nothing, when the model's
 * text is not the base (Monaco normalised mixed line endings: the offsets would not fit).
 */
export function replayHistory(model: MonacoApi.editor.ITextModel, steps: TextHistory): boolean {
  if (model.getValue() !== steps.base) return false;
  for (const step of steps.steps) {
    model.pushStackElement();
    model.pushEditOperations(null, toOperations(model, step), () => null);
  }
  model.pushStackElement();
  for (let undone = 0; undone < steps.undone; undone += 1) void history(model).undo();
  return true;
}

/**
 * The design's TextBuffer over a Monaco text model. Planned edits go in with `pushEditOperations`
 * between undo stops (never `setValue`), so the cursor stays put and Ctrl+Z undoes one gesture,
 * whichever side it came from: Monaco's undo stack is the one history.
 */
export class MonacoTextBuffer implements TextBuffer {
  private version: number;
  /** True while a planned step applies: its model events make one change, told once at the end. */
  private applying = false;
  private changedWhileApplying = false;
  private readonly listeners = new Set<(change: TextChange) => void>();
  private readonly subscription: MonacoApi.IDisposable;

  private readonly model: MonacoApi.editor.ITextModel;

  constructor(model: MonacoApi.editor.ITextModel, startVersion: number) {
    this.model = model;
    this.version = startVersion;
    this.subscription = model.onDidChangeContent((event) => {
      this.version += 1;
      if (this.applying) {
        this.changedWhileApplying = true;
        return;
      }
      this.emit(event.isUndoing ? 'undo' : event.isRedoing ? 'redo' : 'user');
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

  /**
   * Replaces the text, and the model's line ending with the new text's: inserted text takes the
   * model's line ending, so a CRLF file opened over an LF design would otherwise become LF. (Monaco
   * keeps one line ending per model: a file with mixed line endings comes out with its dominant
   * one.)
   */
  replaceAll(text: string): void {
    if (text === this.model.getValue()) return;
    this.push(
      [{ start: 0, end: this.model.getValueLength(), text }],
      'load',
      dominantLineEnding(text),
    );
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

  private emit(origin: TextChangeOrigin): void {
    const change: TextChange = { version: this.version, text: this.model.getValue(), origin };
    for (const listener of this.listeners) listener(change);
  }

  private push(
    edits: readonly TextEdit[],
    origin: TextChangeOrigin,
    lineEnding?: LineEnding,
  ): void {
    const operations = toOperations(this.model, edits);
    this.applying = true;
    this.changedWhileApplying = false;
    try {
      // Stops on both sides: the step is one undo, never merged with typing before or after it.
      this.model.pushStackElement();
      if (lineEnding !== undefined && this.model.getEOL() !== lineEnding) {
        this.model.pushEOL(END_OF_LINE_SEQUENCE[lineEnding]);
      }
      this.model.pushEditOperations(null, operations, () => null);
      this.model.pushStackElement();
    } finally {
      this.applying = false;
    }
    if (this.changedWhileApplying) this.emit(origin);
  }
}
