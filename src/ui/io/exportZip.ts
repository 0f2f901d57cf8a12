// The zip export (fflate's zip) in a chunk of its own, loaded when a zip is asked for.
import { resourceFiles, zipEntries, type ParsedFile } from '../../engine';

/** A zip with one file per resource, named `kind-namespace-name.yaml`, each its exact text. */
export function zipBlob(file: ParsedFile, modified = new Date()): { blob: Blob; files: number } {
  const entries = resourceFiles(file);
  const bytes = zipEntries(entries, modified);
  // A copy into a fresh ArrayBuffer: Blob takes ArrayBuffer-backed views only.
  return {
    blob: new Blob([bytes.slice().buffer], { type: 'application/zip' }),
    files: entries.length,
  };
}
