import type { TraceHighlight } from '../../store';

/** How the trace marks a rule row, for its accessible description. */
export type TraceRowMark = 'taken' | 'nearMiss' | 'missed';

/** The accessible description of each mark: what the row's colour or outline says. */
export const TRACE_ROW_DESCRIPTIONS: Readonly<Record<TraceRowMark, string>> = {
  taken: 'Traced request: on its path, taken',
  nearMiss: 'Traced request: near miss, this rule nearly matched',
  missed: 'Traced request: this rule was tried and did not match',
};

/**
 * The mark of each rule row (by part id) the trace draws: the parts taken, the near misses, the
 * other rules tried in vain. A near miss is drawn apart from a plain miss (a dashed outline), and
 * a taken part is never a miss.
 */
export function traceRowMarks(highlight: TraceHighlight): ReadonlyMap<string, TraceRowMark> {
  const marks = new Map<string, TraceRowMark>();
  for (const id of highlight.missedParts) marks.set(id, 'missed');
  for (const id of highlight.nearMissParts) marks.set(id, 'nearMiss');
  for (const id of highlight.parts) marks.set(id, 'taken');
  return marks;
}

/**
 * Gives the canvas's rows the accessible description of their mark (`aria-describedby` naming
 * one of `ids`), and takes it away from rows no longer marked. Returns the rows changed.
 */
export function describeTraceRows(
  root: ParentNode,
  marks: ReadonlyMap<string, TraceRowMark>,
  ids: Readonly<Record<TraceRowMark, string>>,
): number {
  const ours = new Set(Object.values(ids));
  let changed = 0;
  for (const row of root.querySelectorAll<HTMLElement>('.sp-row[data-part-id]')) {
    const mark = marks.get(row.dataset.partId ?? '');
    const current = row.getAttribute('aria-describedby');
    if (mark !== undefined) {
      if (current !== ids[mark]) {
        row.setAttribute('aria-describedby', ids[mark]);
        changed += 1;
      }
    } else if (current !== null && ours.has(current)) {
      row.removeAttribute('aria-describedby');
      changed += 1;
    }
  }
  return changed;
}
