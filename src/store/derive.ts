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
 * Derives the model and diagnostics of `text`. With `previous`, only the documents that changed are
 * parsed again and unchanged resources keep their identity.
 */
export function deriveDocument(
  fileName: string,
  text: string,
  version: number,
  previous: Derived | undefined,
): Derived {
  const design = loadDesign([{ name: fileName, text }], previous?.design);
  // The analyzer's findings join the parse and model diagnostics; it caches per resource, so an edit
  // re-analyzes only what changed.
  const diagnostics = [...design.model.diagnostics, ...analyze(design)].sort(
    (a, b) =>
      levelOrder[a.level] - levelOrder[b.level] || (a.range?.start ?? 0) - (b.range?.start ?? 0),
  );
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
