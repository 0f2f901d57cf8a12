import type * as MonacoApi from 'monaco-editor';
import type { Diagnostic, DiagnosticLevel } from '../engine';

/** The owner of Sailplan's markers; monaco-yaml's schema and syntax markers have their own. */
export const SAILPLAN_MARKER_OWNER = 'sailplan';

/** Monaco's marker severity for each diagnostic level. */
export type SeverityByLevel = Readonly<Record<DiagnosticLevel, MonacoApi.MarkerSeverity>>;

/**
 * Monaco markers for the diagnostics about `file`, at their exact ranges, with their code. A
 * diagnostic without a range, or about another file, has no place in this editor (the Problems
 * panel lists it).
 */
export function toMarkers(
  diagnostics: readonly Diagnostic[],
  file: string,
  severity: SeverityByLevel,
): MonacoApi.editor.IMarkerData[] {
  return diagnostics.flatMap((diagnostic) => {
    const { range } = diagnostic;
    if (range === undefined || range.file !== file) return [];
    return [
      {
        severity: severity[diagnostic.level],
        message: diagnostic.message,
        code: diagnostic.code,
        source: 'Sailplan',
        startLineNumber: range.line,
        startColumn: range.column,
        endLineNumber: range.endLine,
        endColumn: range.endColumn,
      },
    ];
  });
}

/** The owner of monaco-yaml's markers (syntax and schema). */
export const MONACO_YAML_MARKER_OWNER = 'yaml';

/** What two markers need to be compared: where they start and what they say. */
type MarkerText = Pick<MonacoApi.editor.IMarkerData, 'startLineNumber' | 'message'>;

/**
 * monaco-yaml's markers without those that repeat one of Sailplan's: both parse with the `yaml`
 * package, so a syntax error would show twice on its line (Sailplan's copy adds the error's code).
 * Schema markers say something Sailplan does not, and stay.
 */
export function withoutRepeats<T extends MarkerText>(
  theirs: readonly T[],
  ours: readonly MarkerText[],
): T[] {
  return theirs.filter(
    (marker) =>
      !ours.some(
        (own) =>
          own.startLineNumber === marker.startLineNumber &&
          marker.message.trim() !== '' &&
          own.message.startsWith(marker.message.trim()),
      ),
  );
}
