import { buildTopology, loadDesign, type Design, type Diagnostic, type Topology } from '../engine';
import { loadedAnalyzer } from './analysisLoader';

/** Everything derived from one version of the design text, once per version. */
export interface Derived {
  readonly version: number;
  readonly design: Design;
  readonly topology: Topology;
  /** Parse, model and analysis diagnostics, errors first. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * True while the analysis has not arrived (the app loads it after the first paint): the
   * diagnostics hold the parse and model ones only, and the store makes them again when it comes.
   * Absent (or false) once they include the analysis.
   */
  readonly analysisPending?: boolean;
  /** How many syntax errors the text has: while above 0 the canvas shows the last good version. */
  readonly syntaxErrors: number;
}

const levelOrder = { error: 0, warning: 1, info: 2 } as const;

/** A design's diagnostics, and whether the analysis is still to come. */
export interface Diagnosis {
  readonly diagnostics: Diagnostic[];
  /** True when the analysis has not arrived yet: the parse and model diagnostics only. */
  readonly analysisPending: boolean;
}

/**
 * The parse, model and analysis diagnostics of a design, errors first. `silenced` findings
 * (`CODE` or `CODE:kind/namespace/name`) are left out of the analysis. Until the analysis has
 * arrived (see `loadAnalysis`), the parse and model diagnostics only, said to be pending.
 */
export function diagnosis(design: Design, silenced: readonly string[] = []): Diagnosis {
  const analyze = loadedAnalyzer();
  // The analyzer's findings join the parse and model diagnostics; it caches per resource, so an edit
  // re-analyzes only what changed.
  const found = analyze === undefined ? [] : analyze(design, { silenced });
  const diagnostics = [...design.model.diagnostics, ...found].sort(
    (a, b) =>
      levelOrder[a.level] - levelOrder[b.level] || (a.range?.start ?? 0) - (b.range?.start ?? 0),
  );
  return { diagnostics, analysisPending: analyze === undefined };
}

/** The diagnostics of `diagnosis` (where the analysis is always there: the derive worker). */
export function diagnose(design: Design, silenced: readonly string[] = []): Diagnostic[] {
  return diagnosis(design, silenced).diagnostics;
}

/** The same derivation with its diagnostics made again for other silenced findings. */
export function withSilenced(derived: Derived, silenced: readonly string[]): Derived {
  return { ...derived, ...diagnosis(derived.design, silenced) };
}

/**
 * Derives the model and diagnostics of `text`. With `previous`, only the documents that changed are
 * parsed again and unchanged resources keep their identity.
 */
export function deriveDocument(
  fileName: string,
  text: string,
  version: number,
  previous: Derived | undefined,
  silenced: readonly string[] = [],
): Derived {
  const design = loadDesign([{ name: fileName, text }], previous?.design);
  const { diagnostics, analysisPending } = diagnosis(design, silenced);
  const syntaxErrors = design.files.reduce(
    (count, file) =>
      count +
      file.documents.reduce(
        (inDocument, document) =>
          inDocument +
          document.diagnostics.filter((diagnostic) => diagnostic.level === 'error').length,
        0,
      ),
    0,
  );
  return {
    version,
    design,
    topology: buildTopology(design.model),
    diagnostics,
    analysisPending,
    syntaxErrors,
  };
}
