import { RE2JS, RE2JSException } from 're2js';
import type { Re2 } from './re2';

// The RE2 the engine starts with: re2js, there from the first call in the CLI, the tests and the
// benchmarks. The app's build replaces this module with one that has none (scripts/re2OnDemand.ts),
// so that re2js loads after the canvas has painted (loadRe2).
/** RE2 as the engine finds it when it starts, or `undefined` where it loads on demand. */
export const defaultRe2: Re2 | undefined = { RE2JS, RE2JSException };
