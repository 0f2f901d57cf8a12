import type { Diagnostic } from '../engine';
import { loadDesign } from '../engine';
import type { Output } from './io';
import { BadInput, readSources, splitDiagnostics } from './io';

const LEVEL_WORDS: Readonly<Record<Diagnostic['level'], string>> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/**
 * One message in istioctl's style:
 * `Error [IST0101] (VirtualService default/proxy shop.yaml:12) message`.
 */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const place: string[] = [];
  if (diagnostic.resource !== undefined) {
    const [kind, namespace, ...name] = diagnostic.resource.split('/');
    place.push(`${kind ?? ''} ${namespace ?? ''}/${name.join('/')}`);
  }
  if (diagnostic.range !== undefined)
    place.push(`${diagnostic.range.file}:${diagnostic.range.line}`);
  const where = place.length === 0 ? '' : ` (${place.join(' ')})`;
  return `${LEVEL_WORDS[diagnostic.level]} [${diagnostic.code}]${where} ${diagnostic.message}`;
}

/** `sailplan analyze FILE... [--json]`: the design's messages; exit 1 when any is an error. */
export function runAnalyze(files: readonly string[], json: boolean, output: Output): number {
  const design = loadDesign(readSources(files));
  const { fatal } = splitDiagnostics(design.model.diagnostics);
  const diagnostics = [...design.model.diagnostics];
  if (fatal.length > 0) {
    for (const diagnostic of fatal) output.err(formatDiagnostic(diagnostic));
    throw new BadInput('the manifests are not valid YAML');
  }
  if (json) output.out(JSON.stringify(diagnostics, null, 2));
  else for (const diagnostic of diagnostics) output.out(formatDiagnostic(diagnostic));
  return diagnostics.some((diagnostic) => diagnostic.level === 'error') ? 1 : 0;
}
