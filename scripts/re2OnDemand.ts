import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const DEFAULT_RE2 = fileURLToPath(new URL('../src/engine/regex/defaultRe2.ts', import.meta.url));

/**
 * The app starts without RE2 (re2js, ~45 KB gzip): the engine's default, re2js imported at once,
 * is replaced by none, and `loadRe2` brings re2js in a chunk of its own after the canvas has
 * painted. The CLI, the tests and the benchmarks are not built by Vite and keep re2js from the
 * start. The app awaits `loadRe2` wherever a design text that may hold a regex comes in.
 */
export function re2OnDemandPlugin(): Plugin {
  return {
    name: 'sailplan:re2-on-demand',
    enforce: 'pre',
    load(id) {
      if (id.split('?')[0] !== DEFAULT_RE2) return null;
      return 'export const defaultRe2 = undefined;\n';
    },
  };
}
