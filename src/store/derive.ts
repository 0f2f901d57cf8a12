import {
  analyze,
  buildTopology,
  loadDesign,
  type Design,
  type Diagnostic,
  type Topology,
} from '../engine';

/** Everything derived from one version of the design text, once per version. */
export interface Derived {
  readonly version: number;
  readonly design: Design;
  readonly topology: Topology;
  /** Parse, model and analysis diagnostics, errors first. */
  readonly diagnostics: readonly Diagnostic[];
  /** How many syntax errors the text has: while above 0 the canvas shows the last good version. */
  readonly syntaxErrors: number;
}

const levelOrder = { error: 0, warning: 1, info: 2 } as const;

/**
 * The parse, model and analysis diagnostics of a design, errors first. `silenced` findings
 * (`CODE` or `CODE:kind/namespace/name`) are left out of the analysis.
 */
export function diagnose(design: Design, silenced: readonly string[] = []): Diagnostic[] {
  // The analyzer's findings join the parse and model diagnostics; it caches per resource, so an edit
  // re-analyzes only what changed.
  return [...design.model.diagnostics, ...analyze(design, { silenced })].sort(
    (a, b) =>
      levelOrder[a.level] - levelOrder[b.level] || (a.range?.start ?? 0) - (b.range?.start ?? 0),
  );
}

/** The same derivation with its diagnostics made again for other silenced findings. */
export function withSilenced(derived: Derived, silenced: readonly string[]): Derived {
  return { ...derived, diagnostics: diagnose(derived.design, silenced) };
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
  const diagnostics = diagnose(design, silenced);
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
  return { version, design, topology: buildTopology(design.model), diagnostics, syntaxErrors };
}
