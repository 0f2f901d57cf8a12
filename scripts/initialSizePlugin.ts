import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What the build reports about the JavaScript a page loads before anything lazy. */
export interface InitialSizeReport {
  readonly files: readonly string[];
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly budgetGzipBytes: number;
}

/**
 * Reports the initial JavaScript: the entry chunk and everything it imports statically (what
 * index.html loads before Monaco's dynamic import), gzipped, against a budget. Writes
 * `build-report.json` beside the bundle for the benchmarks.
 */
export function initialSizePlugin(budgetKilobytes: number): Plugin {
  return {
    name: 'sailplan:initial-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        if (seen.has(fileName)) return;
        seen.add(fileName);
        const chunk = bundle[fileName];
        if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
      };
      visit(entry.fileName);
      let bytes = 0;
      let gzipBytes = 0;
      for (const fileName of seen) {
        const chunk = bundle[fileName];
        if (chunk?.type !== 'chunk') continue;
        bytes += Buffer.byteLength(chunk.code);
        gzipBytes += gzipSync(chunk.code, { level: 9 }).byteLength;
      }
      const report: InitialSizeReport = {
        files: [...seen],
        bytes,
        gzipBytes,
        budgetGzipBytes: budgetKilobytes * 1024,
      };
      const kilobytes = (gzipBytes / 1024).toFixed(1);
      const verdict = gzipBytes <= report.budgetGzipBytes ? 'within' : 'OVER';
      console.log(
        `initial JavaScript (before Monaco): ${kilobytes} KB gzip in ${seen.size} files, ${verdict} the ${budgetKilobytes} KB budget`,
      );
      this.emitFile({
        type: 'asset',
        fileName: 'build-report.json',
        source: JSON.stringify(report, null, 2),
      });
    },
  };
}
