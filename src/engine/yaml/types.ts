import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics';

/** A named source text: a file on disk, a dropped file, or the editor's buffer (`design.yaml`). */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
}

/**
 * One YAML document of a file. Every range inside its Documents (node.range, error.pos) is
 * relative to the document's own text, so add `offset` to get an offset in the file.
 */
export interface ParsedDocument {
  readonly file: string;
  /** Zero-based index of the document in the file. */
  readonly index: number;
  /** Offset in the file where this document's text starts (0 for the first). */
  readonly offset: number;
  /** The document's text (from `offset`, up to the next document marker or the end). */
  readonly text: string;
  /**
   * The parsed Document without source tokens: node values and ranges, errors and warnings. The
   * model, `rangeAt`/`locate` and readers that only need nodes and ranges use this one; it is a
   * third of the memory of `document` and the parse every keystroke pays for.
   */
  readonly tree: Document.Parsed;
  /**
   * The same text parsed with its source tokens (`keepSourceTokens`, the CST on each node's
   * `srcToken`), for edit planners. Parsed on first access and kept, so only the documents an edit
   * touches pay for it. Ranges, values and errors equal `tree`'s. A document the parse refused (too
   * deep, alias bomb) is never re-parsed: this is then `tree`.
   */
  readonly document: Document.Parsed;
  /** Syntax errors and warnings of this document, with file ranges. */
  readonly diagnostics: readonly Diagnostic[];
}

/** A parsed file: its documents in order. */
export interface ParsedFile {
  readonly name: string;
  readonly text: string;
  readonly documents: readonly ParsedDocument[];
  /** Offsets at which each line starts, for offset <-> line/column conversion. */
  readonly lineStarts: readonly number[];
}

/**
 * A replacement of `[start, end)` in one file's text by `text`. Edits in one batch never overlap and
 * refer to the text before any of them is applied.
 */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}
