import type { SourceRange } from '../diagnostics';

/** A 1-based line and column (columns count UTF-16 code units, as Monaco does). */
export interface LinePosition {
  readonly line: number;
  readonly column: number;
}

/** Offsets at which each line of `text` starts. Lines end at `\n` (a `\r` before it stays in the line). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let newline = text.indexOf('\n');
  while (newline !== -1) {
    starts.push(newline + 1);
    newline = text.indexOf('\n', newline + 1);
  }
  return starts;
}

/** Zero-based index of the line containing `offset` (binary search over the line starts). */
export function lineIndexAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The 1-based line and column of a file offset; offsets are clamped to the text. */
export function offsetToPosition(lineStarts: readonly number[], offset: number): LinePosition {
  const safeOffset = Math.max(0, offset);
  const index = lineIndexAt(lineStarts, safeOffset);
  return { line: index + 1, column: safeOffset - (lineStarts[index] ?? 0) + 1 };
}

/**
 * The file offset of a 1-based line and column. Lines and columns outside the text are clamped to
 * it (`textLength` is the file's length, so the last line's end is known).
 */
export function positionToOffset(
  lineStarts: readonly number[],
  textLength: number,
  position: LinePosition,
): number {
  const lineIndex = Math.min(Math.max(position.line - 1, 0), lineStarts.length - 1);
  const lineStart = lineStarts[lineIndex] ?? 0;
  const nextLineStart = lineStarts[lineIndex + 1] ?? textLength + 1;
  const lineEnd = nextLineStart - 1;
  return Math.min(lineStart + Math.max(position.column - 1, 0), lineEnd, textLength);
}

/** A SourceRange for `[start, end)` of a file, with lines and columns filled in. */
export function toSourceRange(
  file: string,
  lineStarts: readonly number[],
  start: number,
  end: number,
): SourceRange {
  const from = offsetToPosition(lineStarts, start);
  const to = offsetToPosition(lineStarts, Math.max(start, end));
  return {
    file,
    start,
    end: Math.max(start, end),
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
  };
}
