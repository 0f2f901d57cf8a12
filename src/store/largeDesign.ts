import {
  buildModel,
  buildTopology,
  toSourceRange,
  unparsedFile,
  type Diagnostic,
  type SyntaxCheck,
} from '../engine';
import { diagnose, type Derived } from './derive';

/**
 * Where the page stops parsing a design itself (text lengths, in UTF-16 code units as
 * `string.length` counts them). Parsing takes the page about 0.6 s per MB on two idle cores
 * (docs/analyzers.md §3.3), more with the model and the analysis, and the page must never be
 * frozen by what it is given.
 */
export interface LargeDesignLimits {
  /** Text at least this long is read by the syntax worker before the page parses it. */
  readonly checkFrom: number;
  /**
   * Text longer than this is never parsed on the page: the editor keeps it, the canvas keeps the
   * last design it drew (docs/analyzers.md §3.3's hard limit, below the 5 MB it measured).
   */
  readonly drawnUpTo: number;
}

/** The limits the app uses. */
export const LARGE_DESIGN_LIMITS: LargeDesignLimits = {
  checkFrom: 256 * 1024,
  drawnUpTo: 2 * 1024 * 1024,
};

function size(length: number): string {
  const megabyte = 1024 * 1024;
  return length >= megabyte
    ? `${(length / megabyte).toFixed(1)} MB`
    : `${Math.round(length / 1024)} KB`;
}

/** An SP0003 error at the start of the file: the design as a whole exceeds a limit. */
function limitDiagnostic(fileName: string, message: string): Diagnostic {
  return { code: 'SP0003', level: 'error', message, range: toSourceRange(fileName, [0], 0, 0) };
}

/** Why a design is not drawn: it is larger than the page parses. */
export function tooLargeDiagnostic(
  fileName: string,
  text: string,
  limits: LargeDesignLimits,
): Diagnostic {
  return limitDiagnostic(
    fileName,
    `The design is ${size(text.length)}, more than the ${size(limits.drawnUpTo)} Sailplan draws; your text is kept as it is, and the canvas shows the last design that fitted. Split it into smaller designs to draw it.`,
  );
}

/** Why a design is not drawn: the syntax worker could not read it. */
export function unreadableDiagnostic(fileName: string, reason: string): Diagnostic {
  return limitDiagnostic(
    fileName,
    `The design could not be read: ${reason}. Your text is kept as it is, and the canvas shows the last design that could be read.`,
  );
}

/**
 * The derivation of a text the page does not parse: its documents carry the check's syntax
 * diagnostics (and `extra`), the model is empty and, having errors, it never becomes the last
 * good derivation: the canvas keeps what it shows.
 */
export function unparsedDerived(
  fileName: string,
  text: string,
  version: number,
  check: SyntaxCheck | undefined,
  extra: readonly Diagnostic[],
  silenced: readonly string[],
): Derived {
  const file = unparsedFile({ name: fileName, text }, check, extra);
  const model = buildModel([file]);
  const design = { files: [file], model };
  const carried = file.documents.reduce(
    (count, document) =>
      count + document.diagnostics.filter((diagnostic) => diagnostic.level === 'error').length,
    0,
  );
  return {
    version,
    design,
    topology: buildTopology(model),
    diagnostics: diagnose(design, silenced),
    // At least one: the text is not drawn, whatever the check found.
    syntaxErrors: Math.max(1, carried, (check?.errors ?? 0) + extra.length),
  };
}
