/** One document's text within a file. */
export interface DocumentChunk {
  /** Offset in the file where the chunk starts. */
  readonly offset: number;
  readonly text: string;
}

const DASH = 45; // '-'
const DOT = 46; // '.'
const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35; // '#'
const PERCENT = 37; // '%'

/** True when a marker (`---` or `...`) starts at `lineStart` and is followed by a separator. */
function isMarker(text: string, lineStart: number, char: number): boolean {
  if (
    text.charCodeAt(lineStart) !== char ||
    text.charCodeAt(lineStart + 1) !== char ||
    text.charCodeAt(lineStart + 2) !== char
  ) {
    return false;
  }
  const after = text.charCodeAt(lineStart + 3);
  return Number.isNaN(after) || after === SPACE || after === TAB || after === CR || after === LF;
}

/**
 * True when `[start, end)` holds only blank lines, comments, directives and document-end markers,
 * i.e. nothing that would make a document of its own. Such a preamble belongs to the next document,
 * as the YAML grammar attaches it.
 */
function isPreambleOnly(text: string, start: number, end: number): boolean {
  let lineStart = start;
  while (lineStart < end) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline >= end ? end : newline;
    let position = lineStart;
    while (position < lineEnd) {
      const char = text.charCodeAt(position);
      if (char !== SPACE && char !== TAB && char !== CR && char !== 0xfeff) break;
      position += 1;
    }
    if (position < lineEnd) {
      const first = text.charCodeAt(position);
      const isComment = first === HASH;
      const isDirective = first === PERCENT && position === lineStart;
      const isEndMarker = position === lineStart && isMarker(text, lineStart, DOT);
      if (!isComment && !isDirective && !isEndMarker) return false;
    }
    lineStart = lineEnd + 1;
  }
  return true;
}

/**
 * Splits a file into per-document chunks at document markers in column 0: a chunk starts at each
 * `---` line, and after a `...` line when content follows. YAML forbids these markers inside any
 * scalar at column 0, so the split never cuts a value. A preamble of comments or directives before
 * a `---` stays with that document; a trailing comment-only chunk after `...` joins its document.
 * The chunks cover the whole text with no gap, so `offset + local offset` is a file offset.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  const boundaries: number[] = [0];
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const nextLineStart = newline === -1 ? text.length : newline + 1;
    const first = text.charCodeAt(lineStart);
    if (first === DASH && lineStart > 0 && isMarker(text, lineStart, DASH)) {
      boundaries.push(lineStart);
    } else if (first === DOT && isMarker(text, lineStart, DOT) && nextLineStart < text.length) {
      boundaries.push(nextLineStart);
    }
    lineStart = nextLineStart;
  }

  const starts: number[] = [];
  // Start of a comment/directive preamble waiting to join the next document.
  let pendingStart: number | undefined;
  for (let index = 0; index < boundaries.length; index += 1) {
    const chunkStart = boundaries[index] ?? 0;
    const chunkEnd = boundaries[index + 1] ?? text.length;
    const start = pendingStart ?? chunkStart;
    if (!isMarker(text, chunkStart, DASH) && isPreambleOnly(text, chunkStart, chunkEnd)) {
      if (index < boundaries.length - 1) {
        pendingStart = start;
        continue;
      }
      // A trailing preamble joins the previous document, which then runs to the end of the text.
      if (starts.length > 0) continue;
    }
    starts.push(start);
    pendingStart = undefined;
  }
  if (starts.length === 0) starts.push(0);

  return starts.map((start, index) => {
    const end = starts[index + 1] ?? text.length;
    return { offset: start, text: text.slice(start, end) };
  });
}
