import { describe, expect, it } from 'vitest';
import { computeLineStarts, offsetToPosition, positionToOffset, toSourceRange } from './lineIndex';

describe('line index', () => {
  it.each([
    { text: '', starts: [0] },
    { text: 'a', starts: [0] },
    { text: 'a\nb\n', starts: [0, 2, 4] },
    { text: 'a\r\nbc\r\n', starts: [0, 3, 7] },
  ])('given $text, then lines start at $starts', ({ text, starts }) => {
    expect(computeLineStarts(text)).toEqual(starts);
  });

  const text = 'ab\r\ncde\nf';
  const lineStarts = computeLineStarts(text);
  it.each([
    { offset: 0, line: 1, column: 1 },
    { offset: 2, line: 1, column: 3 },
    { offset: 4, line: 2, column: 1 },
    { offset: 7, line: 2, column: 4 },
    { offset: 8, line: 3, column: 1 },
    { offset: 9, line: 3, column: 2 },
  ])(
    'given offset $offset, then line $line column $column, and back',
    ({ offset, line, column }) => {
      expect(offsetToPosition(lineStarts, offset)).toEqual({ line, column });
      expect(positionToOffset(lineStarts, text.length, { line, column })).toBe(offset);
    },
  );

  it('given positions outside the text, when converted, then they are clamped to it', () => {
    expect(positionToOffset(lineStarts, text.length, { line: 1, column: 99 })).toBe(3);
    expect(positionToOffset(lineStarts, text.length, { line: 99, column: 99 })).toBe(text.length);
    expect(positionToOffset(lineStarts, text.length, { line: 0, column: 0 })).toBe(0);
  });

  it('given an offset range, when made a SourceRange, then both ends carry line and column', () => {
    expect(toSourceRange('f.yaml', lineStarts, 1, 6)).toEqual({
      file: 'f.yaml',
      start: 1,
      end: 6,
      line: 1,
      column: 2,
      endLine: 2,
      endColumn: 3,
    });
  });
});
