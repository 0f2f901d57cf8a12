import { gzipSync } from 'node:zlib';
import type { Plugin, Rolldown } from 'vite';

/** What the build reports about the JavaScript a page loads before anything lazy. */
export interface InitialSizeReport {
  readonly files: readonly string[];
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly budgetGzipBytes: number;
}

/** The JavaScript files an HTML page loads as module scripts or modulepreloads, bundle-relative. */
export function scriptsOfHtml(html: string): string[] {
  const files: string[] = [];
  const tags = html.match(/<(?:script|link)\b[^>]*>/g) ?? [];
  for (const tag of tags) {
    const isScript = tag.startsWith('<script');
    const isPreload = /\brel=["']?modulepreload\b/.test(tag);
    if (!isScript && !isPreload) continue;
    const url = /\b(?:src|href)=["']?([^"'\s>]+)/.exec(tag)?.[1];
    // Only the bundle's own files (base './'); an absolute URL is not part of this build.
    if (url === undefined || /^[a-z]+:|^\/\//i.test(url)) continue;
    files.push(url.replace(/^\.?\//, ''));
  }
  return files;
}

/** The entry chunks and every chunk they import statically (what Vite modulepreloads). */
function staticClosure(bundle: Rolldown.OutputBundle, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    const chunk = bundle[fileName];
    if (chunk?.type !== 'chunk') return;
    seen.add(fileName);
    chunk.imports.forEach(visit);
  };
  for (const root of roots) visit(root);
  return seen;
}

/**
 * Reports the initial JavaScript: every script and modulepreload index.html names, and everything
 * those import statically (what the page loads before Monaco's dynamic import), gzipped, against a
 * budget. Dynamic imports (Monaco, the inspector, the panels, RE2) are not counted: they load after
 * the first paint. Writes `build-report.json` beside the bundle for the benchmarks.
 */
export function initialSizePlugin(budgetKilobytes: number): Plugin {
  return {
    name: 'sailplan:initial-size',
    apply: 'build',
    // After Vite's HTML plugin has written index.html's tags into the bundle.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      const fromHtml =
        html?.type === 'asset' && typeof html.source === 'string' ? scriptsOfHtml(html.source) : [];
      const entries = Object.values(bundle)
        .filter((file) => file.type === 'chunk' && file.isEntry)
        .map((file) => file.fileName);
      if (entries.length === 0) return;
      const seen = staticClosure(bundle, [...fromHtml, ...entries]);
      const missing = fromHtml.filter((fileName) => !seen.has(fileName));
      if (missing.length > 0) {
        // A script the page loads that is not in the bundle cannot be measured: say so loudly.
        this.error(`index.html loads scripts the build did not write: ${missing.join(', ')}`);
      }
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
