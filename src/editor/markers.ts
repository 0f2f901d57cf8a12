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
