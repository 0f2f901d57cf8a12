import type { BenchResult } from './types';

type Budget = NonNullable<BenchResult['budget']>;

// The budgets of GitHub issue 9 (which gathers those of the earlier issues), in one place: each
// benchmark module and `npm run bench` attach them to their figures, and the report says whether
// each was met. They are never failing tests: a figure on a loaded machine is not a bug.

/** parse + model + topology of 1,000 resources within 1.5x a bare parse of the same text. */
export const PARSE_PIPELINE_RATIO: Budget = {
  limit: 1.5,
  better: 'lower',
  source:
    'GitHub issues 3 and 9: parse + model + topology within 1.5x a bare yaml parseAllDocuments',
};

/** After an edit to one document, only that document is parsed again. */
export const REPARSED_DOCUMENTS: Budget = {
  limit: 1,
  better: 'lower',
  source: 'GitHub issue 9: re-parse of one changed document only',
};

/** The canvas's automatic layout of 1,000 nodes, off the main thread. */
export const LAYOUT_MILLISECONDS: Budget = {
  limit: 2000,
  better: 'lower',
  source: 'GitHub issue 9: layout of 1,000 nodes under 2 s in a worker',
};

/** Simulated requests per second on a bookinfo-sized design. */
export const SIMULATE_BOOKINFO_RATE: Budget = {
  limit: 50_000,
  better: 'higher',
  source: 'GitHub issues 4 and 9: 50,000 simulated requests per second on a bookinfo-sized design',
};

/** Simulated requests per second on the 1,000-resource mesh. */
export const SIMULATE_MESH_RATE: Budget = {
  limit: 5_000,
  better: 'higher',
  source: 'GitHub issues 4 and 9: 5,000 simulated requests per second on a 1,000-resource mesh',
};

/** A canvas edit planned and applied to the YAML within a frame at 200 resources. */
export const CANVAS_EDIT_MILLISECONDS: Budget = {
  limit: 16,
  better: 'lower',
  source:
    'GitHub issues 5 and 9: canvas edit -> YAML applied within a frame (16 ms) at 200 resources',
};

/** A canvas edit applied to the YAML at 1,000 resources: issue 5's figure at that size. */
export const CANVAS_EDIT_1000_MILLISECONDS: Budget = {
  limit: 250,
  better: 'lower',
  source: 'GitHub issue 5: canvas edit -> YAML applied under 250 ms at 1,000 resources',
};

/** `analyze` of 5,000 resources within 3x a bare parse. */
export const ANALYZE_RATIO: Budget = {
  limit: 3,
  better: 'lower',
  source:
    'GitHub issues 8 and 9: analyze of 5,000 resources at most 3x a bare yaml parseAllDocuments',
};

/** 2,000 route tests on 5,000 resources within 4x a bare parse. */
export const ROUTE_TESTS_RATIO: Budget = {
  limit: 4,
  better: 'lower',
  source: 'GitHub issue 9: 2,000 route tests on 5,000 resources at most 4x the bare parse',
};

/** Keystroke -> canvas updated after the debounce, at 200 resources. */
export const KEYSTROKE_200_MILLISECONDS: Budget = {
  limit: 50,
  better: 'lower',
  source: 'GitHub issue 9: keystroke -> canvas updated < 50 ms after the debounce at 200 resources',
};

/** Keystroke -> canvas updated after the debounce, at 1,000 resources. */
export const KEYSTROKE_1000_MILLISECONDS: Budget = {
  limit: 250,
  better: 'lower',
  source:
    'GitHub issue 9: keystroke -> canvas updated < 250 ms after the debounce at 1,000 resources',
};

/** The JavaScript a page loads before Monaco, gzipped. */
export const INITIAL_JAVASCRIPT_KILOBYTES: Budget = {
  limit: 250,
  better: 'lower',
  source: 'GitHub issue 9: initial JavaScript without Monaco at most 250 KB gzip',
};

/** The longest main-thread task while a 5 MB paste is parsed. */
export const PASTE_LONGEST_TASK_MILLISECONDS: Budget = {
  limit: 200,
  better: 'lower',
  source: 'GitHub issue 9: no main-thread task over 200 ms while a 5 MB paste is parsed',
};
