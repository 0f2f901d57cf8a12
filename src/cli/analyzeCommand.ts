import type { Diagnostic } from '../engine';
import { analyze, formatIstioctl, loadDesign } from '../engine';
import type { Output } from './io';
import { BadInput, readSources, splitDiagnostics } from './io';

const LEVEL_WORDS: Readonly<Record<Diagnostic['level'], string>> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/**
 * One message in istioctl's style:
 * `Error [IST0101] (VirtualService default/proxy shop.yaml:12) message`; a message about no
 * resource (a YAML syntax error) names its file and line instead.
 */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  if (diagnostic.resource !== undefined)
    return formatIstioctl(diagnostic, diagnostic.range?.file ?? '');
  const where =
    diagnostic.range === undefined ? '' : ` (${diagnostic.range.file}:${diagnostic.range.line})`;
  return `${LEVEL_WORDS[diagnostic.level]} [${diagnostic.code}]${where} ${diagnostic.message}`;
}

/**
 * `sailplan analyze FILE... [--json]`: the model's messages (parse and shape) and the analyzer's
 * (webhook validation, istioctl analyzers); exit 1 when any is an error.
 */
export function runAnalyze(files: readonly string[], json: boolean, output: Output): number {
  const design = loadDesign(readSources(files));
  const { fatal } = splitDiagnostics(design.model.diagnostics);
  if (fatal.length > 0) {
    for (const diagnostic of fatal) output.err(formatDiagnostic(diagnostic));
    throw new BadInput('the manifests are not valid YAML');
  }
  const diagnostics = [...design.model.diagnostics, ...analyze(design)];
  if (json) output.out(JSON.stringify(diagnostics, null, 2));
  else for (const diagnostic of diagnostics) output.out(formatDiagnostic(diagnostic));
  return diagnostics.some((diagnostic) => diagnostic.level === 'error') ? 1 : 0;
}
