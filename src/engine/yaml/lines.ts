/**
 * Line arithmetic over a YAML text, shared by the ranges of diagnostics, the edit planner and the
 * archive. Offsets are offsets into the text; a line ends before its `\n`, or before `\r\n`, so CRLF
 * text is handled the same way.
 */

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** The line break a file uses: CRLF when its first line break is one, else LF. */
export function lineBreakOf(text: string): '\n' | '\r\n' {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** Offset where the line containing `offset` starts. */
export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset where the line containing `offset` ends (before its line break), never before `offset`. */
export function lineEndAt(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return newline > offset && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
}

/** Offset where the line after the one containing `offset` starts, or the text's end. */
export function nextLineStartAt(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** Zero-based column of `offset` in its line. */
export function columnAt(text: string, offset: number): number {
  return offset - lineStartAt(text, offset);
}

/** True when only spaces or tabs come between the line's start and `offset`. */
export function isFirstOnLine(text: string, offset: number): boolean {
  return text.slice(lineStartAt(text, offset), offset).trim() === '';
}

/** The line starting at `lineStart`, without its line break. */
export function lineAt(text: string, lineStart: number): string {
  return text.slice(lineStart, lineEndAt(text, lineStart));
}

/**
 * Moves `end` back over YAML white space (spaces, tabs and line breaks; other Unicode spaces are
 * content in YAML), but not before `start`: block values end after their last line break.
 */
export function trimEndOffset(text: string, start: number, end: number): number {
  let offset = Math.min(end, text.length);
  while (offset > start) {
    const char = text.charCodeAt(offset - 1);
    if (char !== SPACE && char !== TAB && char !== LF && char !== CR) break;
    offset -= 1;
  }
  return offset;
}

/** Leading spaces of a line. */
export function indentationOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * Start of the comment lines directly above the line at `lineStart` (no blank line between) that
 * sit at `column`: the node's leading comment, which goes wherever the node goes.
 */
export function leadingCommentStart(
  text: string,
  lineStart: number,
  column: number,
  floor: number,
): number {
  let start = lineStart;
  while (start > floor) {
    const previousStart = lineStartAt(text, start - 1);
    if (previousStart < floor) break;
    const line = lineAt(text, previousStart);
    if (!line.trimStart().startsWith('#') || indentationOf(line) !== column) break;
    start = previousStart;
  }
  return start;
}

/** Indents every line after the first by `column` spaces (blank lines stay empty). */
export function indentFollowingLines(rendered: string, column: number): string {
  if (column === 0) return rendered;
  const padding = ' '.repeat(column);
  return rendered
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : padding + line))
    .join('\n');
}

/** Converts `\n` line breaks of rendered text to the file's own. */
export function withLineBreak(rendered: string, lineBreak: '\n' | '\r\n'): string {
  return lineBreak === '\n' ? rendered : rendered.replace(/\n/g, '\r\n');
}
