import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextEdit } from '../yaml/types';
import { applyEdits, invertEdits, sortEdits } from './applyEdits';

describe('applyEdits', () => {
  it('applies a batch planned against the original text, whatever the order given', () => {
    const text = 'name: web\nport: 80\n';
    const edits: TextEdit[] = [
      { start: 16, end: 18, text: '8080' },
      { start: 6, end: 9, text: 'api' },
    ];
    expect(applyEdits(text, edits)).toBe('name: api\nport: 8080\n');
  });

  it('keeps the recorded order of insertions at one offset, before a replacement there', () => {
    const text = 'ab';
    const edits: TextEdit[] = [
      { start: 1, end: 2, text: 'B' },
      { start: 1, end: 1, text: '1' },
      { start: 1, end: 1, text: '2' },
    ];
    expect(applyEdits(text, edits)).toBe('a12B');
  });

  it('throws on overlapping edits, a planner bug', () => {
    expect(() =>
      applyEdits('abcdef', [
        { start: 0, end: 3, text: '' },
        { start: 2, end: 4, text: '' },
      ]),
    ).toThrow(/Overlapping/);
    expect(() => applyEdits('abc', [{ start: 2, end: 9, text: '' }])).toThrow(/past the text/);
  });
});

describe('invertEdits', () => {
  it('restores the text exactly, in one batch', () => {
    const text = 'a: 1\r\nb: 2\r\n';
    const edits: TextEdit[] = [
      { start: 3, end: 4, text: '10' },
      { start: 6, end: 12, text: '' },
      { start: 12, end: 12, text: 'c: 3\r\n' },
    ];
    const after = applyEdits(text, edits);
    expect(after).toBe('a: 10\r\nc: 3\r\n');
    expect(applyEdits(after, invertEdits(text, edits))).toBe(text);
  });

  it('undoes any batch of non-overlapping edits (property)', () => {
    const batch = fc
      .tuple(
        fc.string({ maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.string({ maxLength: 6 })), { maxLength: 6 }),
      )
      .map(([text, raw]) => {
        const edits: TextEdit[] = [];
        let floor = 0;
        for (const [offset, length, inserted] of raw
          .map(
            ([offset, length, inserted]) => [offset % (text.length + 1), length, inserted] as const,
          )
          .sort((a, b) => a[0] - b[0])) {
          const start = Math.max(offset, floor);
          const end = Math.min(start + length, text.length);
          if (start > text.length) break;
          edits.push({ start, end, text: inserted });
          floor = end;
        }
        return { text, edits };
      });
    fc.assert(
      fc.property(batch, ({ text, edits }) => {
        const after = applyEdits(text, edits);
        const inverse = invertEdits(text, edits);
        expect(applyEdits(after, inverse)).toBe(text);
        expect(() => sortEdits(inverse)).not.toThrow();
      }),
    );
  });
});
