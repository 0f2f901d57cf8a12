import type { Diagnostic, DiagnosticLevel } from '../diagnostics';

const LEVEL_WORDS: Readonly<Record<DiagnosticLevel, string>> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/**
 * One line in istioctl's format:
 * `Error [IST0101] (VirtualService default/proxy shop.yaml:12) Referenced host not found: "proxy2"`.
 * The line is the first line of the diagnostic's range; without a range the file part is left out.
 */
export function formatIstioctl(diagnostic: Diagnostic, fileName: string): string {
  const head = `${LEVEL_WORDS[diagnostic.level]} [${diagnostic.code}]`;
  if (diagnostic.resource === undefined) return `${head} ${diagnostic.message}`;
  const [kind = '', namespace = '', ...nameParts] = diagnostic.resource.split('/');
  const location = diagnostic.range === undefined ? '' : ` ${fileName}:${diagnostic.range.line}`;
  return `${head} (${kind} ${namespace}/${nameParts.join('/')}${location}) ${diagnostic.message}`;
}
