import type { TextEdit } from '../yaml/types';

/**
 * Orders a batch by position: by start, an insertion before a replacement at the same start, and
 * otherwise in the order the planner recorded them (so two insertions at one point keep their
 * order). Throws on overlapping edits: a planner that produces them has a bug.
 */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort(
      (left, right) =>
        left.edit.start - right.edit.start ||
        left.edit.end - left.edit.start - (right.edit.end - right.edit.start) ||
        left.order - right.order,
    )
    .map(({ edit }) => edit);
  let previousEnd = 0;
  for (const edit of sorted) {
    if (edit.start < 0 || edit.end < edit.start) {
      throw new RangeError(`Invalid edit range [${edit.start}, ${edit.end})`);
    }
    if (edit.start < previousEnd) {
      throw new RangeError(`Overlapping edits at ${edit.start}`);
    }
    previousEnd = edit.end;
  }
  return sorted;
}

/** Applies one batch of edits, all planned against `text`, and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  const last = sorted[sorted.length - 1];
  if (last !== undefined && last.end > text.length) {
    throw new RangeError(`Edit ends at ${last.end}, past the text's end (${text.length})`);
  }
  const parts: string[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    parts.push(text.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/**
 * The batch that undoes `edits`: planned against the text after they were applied to `text`, it
 * restores `text` exactly. Undo is one step because the inverse is one batch as well.
 */
export function invertEdits(text: string, edits: readonly TextEdit[]): TextEdit[] {
  const inverse: TextEdit[] = [];
  let shift = 0;
  for (const edit of sortEdits(edits)) {
    const start = edit.start + shift;
    inverse.push({ start, end: start + edit.text.length, text: text.slice(edit.start, edit.end) });
    shift += edit.text.length - (edit.end - edit.start);
  }
  return inverse;
}
