import type { ResourceKey, YamlPath } from './model/types';

/** How serious a diagnostic is. */
export type DiagnosticLevel = 'error' | 'warning' | 'info';

/** A range of source text: offsets (0-based, end exclusive) plus 1-based line and column. */
export interface SourceRange {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * A message about the user's input. `code` is Istio's (`IST0101`) where Istio has one, else a
 * Sailplan code (`SP…`, see each producer). The engine returns these for bad input and never throws
 * for it.
 */
export interface Diagnostic {
  readonly code: string;
  readonly level: DiagnosticLevel;
  readonly message: string;
  /** The resource it concerns, when there is one. */
  readonly resource?: ResourceKey;
  /** The YAML path inside that resource's document (e.g. `['spec', 'http', 0, 'route']`). */
  readonly path?: YamlPath;
  /** The exact text range; absent only when the input has no text (e.g. an empty design). */
  readonly range?: SourceRange;
}
