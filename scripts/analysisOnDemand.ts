import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const DEFAULT_ANALYSIS = fileURLToPath(new URL('../src/store/defaultAnalysis.ts', import.meta.url));

/**
 * The app's page starts without the analyzer, the route tests and the simulator (~47 KB gzip): the
 * store's default, imported at once, is replaced by none, and `loadAnalysis` brings them in a
 * chunk of their own after the canvas has painted; until then the diagnostics hold the parse and
 * model findings and say the analysis is pending. Only the page's build: the derive worker (built
 * with `worker.plugins`), the dev server, the CLI, the tests and the benchmarks keep them from the
 * start, so the worker analyses large designs synchronously.
 */
export function analysisOnDemandPlugin(): Plugin {
  return {
    name: 'sailplan:analysis-on-demand',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (id.split('?')[0] !== DEFAULT_ANALYSIS) return null;
      return 'export const defaultAnalyzer = undefined;\nexport const defaultAnalysis = undefined;\n';
    },
  };
}
