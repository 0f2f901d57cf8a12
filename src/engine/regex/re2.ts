import type * as Re2js from 're2js';
import { defaultRe2 } from './defaultRe2';

/**
 * RE2 as the engine uses it: re2js's pattern class and its exception. Envoy and Istio's webhook
 * use RE2, never JavaScript's backtracking RegExp, so the engine evaluates and checks every regex
 * of a design with it.
 */
export interface Re2 {
  readonly RE2JS: typeof Re2js.RE2JS;
  readonly RE2JSException: typeof Re2js.RE2JSException;
}

let provided: Re2 | undefined = defaultRe2;
let loading: Promise<void> | undefined;

/** True once the engine can evaluate regexes (at once outside the app; in it, after `loadRe2`). */
export function hasRe2(): boolean {
  return provided !== undefined;
}

/**
 * Loads RE2 where it is not there from the start (the app's build, where re2js is a chunk of its
 * own); resolves at once where it is. The app awaits it before it gives the engine a design text
 * that `mayNeedRe2`.
 */
export function loadRe2(): Promise<void> {
  if (provided !== undefined) return Promise.resolve();
  loading ??= import('re2js').then(
    ({ RE2JS, RE2JSException }) => {
      provided = { RE2JS, RE2JSException };
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * RE2, for the simulator and the analyzer. Its absence is a programmer error, never a guess: the
 * app loads RE2 before any design that may hold a regex reaches the engine (`mayNeedRe2`).
 */
export function re2(): Re2 {
  if (provided === undefined) {
    throw new Error('RE2 is not loaded: await loadRe2() before the engine evaluates a regex');
  }
  return provided;
}

/**
 * True when a design's text may hold a regex the engine evaluates (a `regex` string match, a
 * `uriRegexRewrite`, a CORS origin `regex`). Conservative: every such key is spelled with "regex"
 * in the text, or written with escapes (a quoted YAML or JSON key), which need a backslash.
 */
export function mayNeedRe2(text: string): boolean {
  return /regex|\\/i.test(text);
}
