import { readFileSync } from 'node:fs';
import type { Diagnostic, SourceFile } from '../engine';

/** Where the CLI writes; tests pass their own. */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The process's stdout and stderr. */
export const PROCESS_OUTPUT: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Bad input: a message for the user, ending the command with exit status 2. */
export class BadInput extends Error {}

/** Reads files as the engine's sources, named as given on the command line. */
export function readSources(paths: readonly string[]): SourceFile[] {
  return paths.map((path) => {
    try {
      return { name: path, text: readFileSync(path, 'utf8') };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'is a directory'
            : (code ?? String(error));
      throw new BadInput(`cannot read ${path}: ${reason}`);
    }
  });
}

/** `file:line:column` of a diagnostic, or its resource when it has no range. */
export function diagnosticPlace(diagnostic: Diagnostic): string {
  const range = diagnostic.range;
  if (range !== undefined) return `${range.file}:${range.line}:${range.column}`;
  return diagnostic.resource ?? '(design)';
}

// YAML that does not parse (or exceeds the parser's limits) cannot be simulated at all.
const UNREADABLE_YAML_CODES: ReadonlySet<string> = new Set(['SP0001', 'SP0003']);

/**
 * Splits a design's diagnostics into the fatal ones (the YAML does not parse: bad input) and the
 * rest, which are printed as warnings.
 */
export function splitDiagnostics(diagnostics: readonly Diagnostic[]): {
  readonly fatal: readonly Diagnostic[];
  readonly other: readonly Diagnostic[];
} {
  const fatal = diagnostics.filter((diagnostic) => UNREADABLE_YAML_CODES.has(diagnostic.code));
  const other = diagnostics.filter(
    (diagnostic) => !UNREADABLE_YAML_CODES.has(diagnostic.code) && diagnostic.level !== 'info',
  );
  return { fatal, other };
}
