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

/**
 * From this length (of the text before or after) `replaceAll` swaps the model's text whole instead
 * of editing it. An edit of the whole text costs Monaco passes over every line (the change event
 * carries each inserted line's content, the undo element serialises both texts char by char when it
 * closes): for a 5.5 MB paste, a 300 ms task of main-thread CPU, 130 ms of it the serialisation;
 * `setValue` builds the new text buffer in one go and the editor's view anew.
 */
export const SWAP_WHOLE_TEXT_FROM = 256 * 1024;

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * An element of Monaco's undo service (its public typings leave the service out): one undo step
 * that takes the model back to a text, or forward again.
 */
interface UndoElement {
  readonly type: 0;
  readonly resource: MonacoApi.Uri;
  readonly label: string;
  readonly code: string;
  undo(): void;
  redo(): void;
}

/**
 * The parts of Monaco's TextModel that a swap of the whole text needs, none in its public typings:
 * its undo service, and its edit stack, whose `clear` `setValue` calls (it drops the history).
 */
interface ModelInternals {
  readonly _undoRedoService?: { pushElement?(element: UndoElement): void };
  readonly _commandManager?: { clear?: () => void };
}

/** What a swap uses of the model's internals. */
interface SwapInternals {
  readonly pushElement: (element: UndoElement) => void;
  readonly commands: { clear?: () => void };
}

/** The model's internals a swap needs, or undefined when this Monaco does not have them. */
function swapInternals(model: MonacoApi.editor.ITextModel): SwapInternals | undefined {
  const internals = model as unknown as ModelInternals;
  const service = internals._undoRedoService;
  const commands = internals._commandManager;
  if (typeof service?.pushElement !== 'function' || typeof commands?.clear !== 'function') {
    return undefined;
  }
  return { pushElement: (element) => service.pushElement?.(element), commands };
}

/**
 * Sets the model's text with `setValue` without dropping its undo history. `setValue` takes the
 * text's dominant line ending (the rule of `dominantLineEnding`, as `replaceAll`'s edit does); a
 * text without line breaks keeps `eol` rather than taking the model's default.
 */
function setTextKeepingHistory(
  model: MonacoApi.editor.ITextModel,
  internals: SwapInternals,
  text: string,
  eol: LineEnding,
): void {
  const { commands } = internals;
  const own = Object.prototype.hasOwnProperty.call(commands, 'clear');
  const clear = commands.clear;
  commands.clear = () => undefined;
  try {
    model.setValue(text);
  } finally {
    if (own) commands.clear = clear;
    else delete commands.clear;
  }
  if (model.getLineCount() === 1 && model.getEOL() !== eol) {
    model.setEOL(END_OF_LINE_SEQUENCE[eol]);
  }
}

/** The live buffer of each model: an undo element of a swap tells it the change it makes. */
const liveBuffers = new WeakMap<MonacoApi.editor.ITextModel, MonacoTextBuffer>();

/** A swap made by undo or redo: through the model's live buffer, which tells it as one change. */
function swapOnModel(
  model: MonacoApi.editor.ITextModel,
  internals: SwapInternals,
  text: string,
  eol: LineEnding,
  origin: TextChangeOrigin,
): void {
  if (model.isDisposed()) return;
  const change = () => setTextKeepingHistory(model, internals, text, eol);
  const buffer = liveBuffers.get(model);
  if (buffer === undefined) change();
  else buffer.swapping(origin, change);
}

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

export interface MonacoTextBufferOptions {
  /**
   * Runs `swap`, `replaceAll`'s swap of a large text, with the model out of the editor that shows
   * it, which takes it back in a later task: the editor's view of the new text (a projection of
   * each line) is then built in a task of its own, not in the swap's.
   */
  readonly outOfView?: (swap: () => void) => void;
}

/**
 * The design's TextBuffer over a Monaco text model. Planned edits go in with `pushEditOperations`
 * between undo stops (never `setValue`), so the cursor stays put and Ctrl+Z undoes one gesture,
 * whichever side it came from: Monaco's undo stack is the one history. Only `replaceAll` of a large
 * text swaps the whole text with `setValue`, as one step of that same history.
 */
export class MonacoTextBuffer implements TextBuffer {
  private version: number;
  /** True while a planned step applies: its model events make one change, told once at the end. */
  private applying = false;
  private changedWhileApplying = false;
  private readonly listeners = new Set<(change: TextChange) => void>();
  private readonly subscription: MonacoApi.IDisposable;

  private readonly model: MonacoApi.editor.ITextModel;
  private readonly options: MonacoTextBufferOptions;

  constructor(
    model: MonacoApi.editor.ITextModel,
    startVersion: number,
    options: MonacoTextBufferOptions = {},
  ) {
    this.model = model;
    this.version = startVersion;
    this.options = options;
    liveBuffers.set(model, this);
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
   * one.) From SWAP_WHOLE_TEXT_FROM the text is swapped whole, with the same result.
   */
  replaceAll(text: string): void {
    const before = this.model.getValue();
    if (text === before) return;
    if (
      (text.length >= SWAP_WHOLE_TEXT_FROM || before.length >= SWAP_WHOLE_TEXT_FROM) &&
      // `setValue` would take a leading U+FEFF for a byte order mark, outside the text.
      !text.startsWith(BYTE_ORDER_MARK) &&
      !before.startsWith(BYTE_ORDER_MARK) &&
      this.swapWithUndo(before, text)
    ) {
      return;
    }
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
    if (liveBuffers.get(this.model) === this) liveBuffers.delete(this.model);
    this.subscription.dispose();
    this.listeners.clear();
  }

  /**
   * Replaces the text with `setValue` as one undo step. Monaco's `setValue` clears the model's
   * history, so the clear is skipped for the call, and an undo element of ours swaps the text back
   * (and forward again on redo). The elements before it are the model's own; typing after it opens
   * a new one, as after a stop. Returns false, changing nothing, when this Monaco lacks what it
   * needs (the caller edits the text instead).
   */
  private swapWithUndo(before: string, after: string): boolean {
    const internals = swapInternals(this.model);
    if (internals === undefined) return false;
    const { model } = this;
    const beforeEOL = model.getEOL() as LineEnding;
    // The typing before is its own undo step.
    model.pushStackElement();
    const swap = () => {
      setTextKeepingHistory(model, internals, after, beforeEOL);
      const afterEOL = model.getEOL() as LineEnding;
      // Pushed before the change is told: listeners read the undo state after it.
      internals.pushElement({
        type: 0,
        resource: model.uri,
        label: 'Replace the design',
        code: 'sailplan.replaceAll',
        undo: () => swapOnModel(model, internals, before, beforeEOL, 'undo'),
        redo: () => swapOnModel(model, internals, after, afterEOL, 'redo'),
      });
    };
    const { outOfView } = this.options;
    this.swapping('load', outOfView === undefined ? swap : () => outOfView(swap));
    return true;
  }

  /** Runs `change`, a swap of the whole text, as one change told once, as `origin`. */
  swapping(origin: TextChangeOrigin, change: () => void): void {
    this.applying = true;
    this.changedWhileApplying = false;
    try {
      change();
    } finally {
      this.applying = false;
    }
    if (this.changedWhileApplying) this.emit(origin);
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
