import type { Diagnostic } from '../../engine';

/** The problems the diagnostics report about one resource, for its badge. */
export type ProblemSummary = {
  readonly count: number;
  readonly errors: number;
  /** The first few messages, for the badge's tooltip. */
  readonly messages: readonly string[];
};

/** How many messages a badge's tooltip lists. */
const MESSAGES_SHOWN = 5;

/** No problems: one shared object, so that unchanged nodes keep their view's identity. */
export const NO_PROBLEMS: ProblemSummary = { count: 0, errors: 0, messages: [] };

/** Problem summaries by resource key; diagnostics about no resource are left out. */
export function summarizeProblems(
  diagnostics: readonly Diagnostic[],
): ReadonlyMap<string, ProblemSummary> {
  const byResource = new Map<string, { count: number; errors: number; messages: string[] }>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.resource === undefined || diagnostic.level === 'info') continue;
    let summary = byResource.get(diagnostic.resource);
    if (summary === undefined) {
      summary = { count: 0, errors: 0, messages: [] };
      byResource.set(diagnostic.resource, summary);
    }
    summary.count += 1;
    if (diagnostic.level === 'error') summary.errors += 1;
    if (summary.messages.length < MESSAGES_SHOWN) {
      summary.messages.push(`${diagnostic.code}: ${diagnostic.message}`);
    }
  }
  return byResource;
}
