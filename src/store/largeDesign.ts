import {
  buildModel,
  buildTopology,
  computeLineStarts,
  parseFile,
  toSourceRange,
  unparsedFile,
  type DestinationRuleResource,
  type Diagnostic,
  type GatewayResource,
  type Model,
  type ParsedDocument,
  type ParsedFile,
  type Resource,
  type ServiceEntryResource,
  type ServiceResource,
  type SyntaxCheck,
  type Topology,
  type VirtualServiceResource,
  type WorkloadResource,
} from '../engine';
import { diagnose, type Derived } from './derive';
import type { DeriveProgress, DeriveResult } from './deriveProtocol';

/** A read of a large text under way: its version and how far the derive worker has got. */
export interface DesignReading extends DeriveProgress {
  readonly version: number;
}

/**
 * Where the page stops deriving a design itself (text lengths, in UTF-16 code units as
 * `string.length` counts them). Parsing takes about 0.6 s per MB on two idle cores
 * (docs/analyzers.md §3.3), more with the model and the analysis, and the page must never be
 * frozen by what it is given.
 */
export interface LargeDesignLimits {
  /**
   * Text at least this long is derived by the derive worker (parse, model, topology, analysis),
   * with progress; the page receives the result as plain data and parses a document only when
   * something reads it (an edit planned on it, the inspector's source ranges).
   */
  readonly checkFrom: number;
  /**
   * Text longer than this is never derived: the editor keeps it, the syntax worker marks its
   * errors, the canvas keeps the last design it drew. The worker keeps ~30 MB of parse per MB of
   * YAML, and a read of this size takes a minute on a busy machine.
   */
  readonly drawnUpTo: number;
}

/** The limits the app uses. */
export const LARGE_DESIGN_LIMITS: LargeDesignLimits = {
  checkFrom: 256 * 1024,
  drawnUpTo: 16 * 1024 * 1024,
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

/**
 * A document of a text the derive worker parsed: the page parses it (alone, as the worker did)
 * only when its tree is read, e.g. by an edit planned on it or a source range looked up in it.
 * Ranges inside a ParsedDocument's trees are relative to its own text, so parsing it alone gives
 * the same ones.
 */
function lazyDocument(
  file: string,
  index: number,
  offset: number,
  text: string,
  diagnostics: readonly Diagnostic[],
): ParsedDocument {
  let parsed: ParsedDocument | undefined;
  const parse = (): ParsedDocument => {
    parsed ??= parseFile({ name: file, text }).documents[0];
    if (parsed === undefined) throw new Error(`Document ${index} of ${file} split into none`);
    return parsed;
  };
  return {
    file,
    index,
    offset,
    text,
    get tree() {
      return parse().tree;
    },
    get document() {
      return parse().document;
    },
    diagnostics,
  };
}

function pick<T extends Resource>(resources: readonly Resource[], indexes: readonly number[]): T[] {
  const picked: T[] = [];
  for (const index of indexes) {
    const resource = resources[index];
    if (resource !== undefined) picked.push(resource as T);
  }
  return picked;
}

/**
 * The derivation of `text` from what the derive worker posted: its model, topology and diagnostics
 * as the worker made them, and a design whose documents the page parses one by one when read.
 */
export function derivedFromWorker(
  fileName: string,
  text: string,
  version: number,
  result: DeriveResult,
): Derived {
  const { summary, resources } = result;
  const indexes = summary.modelIndexes;
  const model: Model = {
    ...summary.modelRest,
    resources,
    byKey: new Map(resources.map((resource) => [resource.key, resource])),
    services: pick<ServiceResource>(resources, indexes.services),
    workloads: pick<WorkloadResource>(resources, indexes.workloads),
    gateways: pick<GatewayResource>(resources, indexes.gateways),
    virtualServices: pick<VirtualServiceResource>(resources, indexes.virtualServices),
    destinationRules: pick<DestinationRuleResource>(resources, indexes.destinationRules),
    serviceEntries: pick<ServiceEntryResource>(resources, indexes.serviceEntries),
    unmodelled: result.unmodelled,
    diagnostics: result.modelDiagnostics,
  };
  const checked = summary.check.documents;
  const documents = checked.map((document, index) =>
    lazyDocument(
      fileName,
      index,
      document.offset,
      text.slice(document.offset, checked[index + 1]?.offset ?? text.length),
      document.diagnostics,
    ),
  );
  let lineStarts: readonly number[] | undefined;
  const file: ParsedFile = {
    name: fileName,
    text,
    documents,
    // Worked out when first read (an edit planned on the design, a source range looked up), as the
    // worker did: a large text's line starts are not worth posting.
    get lineStarts() {
      lineStarts ??= computeLineStarts(text);
      return lineStarts;
    },
  };
  const topology: Topology = {
    nodes: result.nodes,
    edges: result.edges,
    byId: new Map(result.nodes.map((node) => [node.id, node])),
    namespaces: summary.namespaces,
  };
  return {
    version,
    design: { files: [file], model },
    topology,
    diagnostics: result.diagnostics,
    syntaxErrors: summary.syntaxErrors,
  };
}
