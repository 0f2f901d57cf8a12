// What the page and the derive worker say to each other, and what the worker does with it: the
// worker holds the parsed Design of a large text (so an edit parses only the documents it changed)
// and posts back, as plain structured-clonable data, what the page draws and lists. Kept apart from
// the reader that starts the worker: a worker's code must not start itself.
import {
  buildModel,
  buildTopology,
  parseFile,
  splitDocuments,
  toSyntaxCheck,
  type Design,
  type Diagnostic,
  type Model,
  type ParsedDocument,
  type ParsedFile,
  type Resource,
  type SyntaxCheck,
  type Topology,
  type TopologyEdge,
  type TopologyNamespace,
  type TopologyNode,
  type UnmodelledResource,
} from '../engine';
import { diagnose } from './derive';

/** What the page asks the derive worker: derive this text, with these findings silenced. */
export interface DeriveRequest {
  readonly id: number;
  readonly name: string;
  readonly text: string;
  readonly silenced: readonly string[];
  /**
   * The read whose lists the page still holds (the last one this worker finished): the worker
   * posts the items of this read that are the same as that one's as references to them.
   */
  readonly base?: number;
}

/** The stage a read is at: parsing documents, then building the model, topology and analysis. */
export type DeriveStage = 'parsing' | 'checking';

/** How far a read has got, for the progress the page shows. */
export interface DeriveProgress {
  readonly stage: DeriveStage;
  /** Documents parsed (or kept from the last read) so far. */
  readonly parsed: number;
  readonly total: number;
}

/**
 * The long lists of a derivation, posted in slices of PART_SIZE items: the page takes each slice
 * in its own task, so that no single message costs it a long task to receive (a 5 MB design's
 * model and topology take ~270 ms to deserialise at once).
 */
export const DERIVE_LISTS = [
  'resources',
  'unmodelled',
  'modelDiagnostics',
  'nodes',
  'edges',
  'diagnostics',
] as const;

/** One of the long lists. */
export type DeriveList = (typeof DERIVE_LISTS)[number];

/** Items per posted slice. */
export const PART_SIZE = 400;

/** The model's lists other than `resources`, as indexes into `resources`. */
export type ModelIndexes = Readonly<
  Record<
    | 'services'
    | 'workloads'
    | 'gateways'
    | 'virtualServices'
    | 'destinationRules'
    | 'serviceEntries',
    readonly number[]
  >
>;

/** The model's fields that are not lists of resources or diagnostics (the cluster domain...). */
export type ModelRest = Omit<
  Model,
  keyof ModelIndexes | 'resources' | 'byKey' | 'unmodelled' | 'diagnostics'
>;

/**
 * The short part of a derivation, posted last: with the slices, everything the page needs. The
 * file's line starts are not in it: the page works them out from the text it holds, when first read
 * (a 5.5 MB text's 294,682 line starts took ~15 ms to receive, on the task that draws the canvas).
 */
export interface DeriveSummary {
  /** Each document's offset and syntax diagnostics (at most MAX_CHECKED_DIAGNOSTICS in all). */
  readonly check: SyntaxCheck;
  readonly modelIndexes: ModelIndexes;
  readonly modelRest: ModelRest;
  readonly namespaces: readonly TopologyNamespace[];
  readonly syntaxErrors: number;
  /** Documents parsed for this text (the others were kept from the last one). */
  readonly reparsed: number;
}

/** What the derive worker answers: progress, slices of the long lists, then the summary. */
export type DeriveReply =
  | { readonly id: number; readonly type: 'progress'; readonly progress: DeriveProgress }
  | {
      readonly id: number;
      readonly type: 'part';
      readonly list: DeriveList;
      /** The slice's items; null where `from` names an item of the base read instead. */
      readonly items: readonly unknown[];
      /**
       * Present when some items are the same as the base read's: for each item, the index of the
       * same item in the base read's list (the page keeps that object), or -1 for one in `items`.
       */
      readonly from?: readonly number[];
    }
  | { readonly id: number; readonly type: 'done'; readonly summary: DeriveSummary };

/** A derivation as the page receives it: the summary and the long lists, joined. */
export interface DeriveResult {
  readonly summary: DeriveSummary;
  readonly resources: readonly Resource[];
  readonly unmodelled: readonly UnmodelledResource[];
  readonly modelDiagnostics: readonly Diagnostic[];
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Appends a slice to the list it belongs to: its new items as they came, the ones it names in the
 * base read's list (`held`) as the page's objects of that read, so unchanged items keep their
 * identity from one read to the next. False when a reference names no held item.
 */
export function joinPart(
  target: unknown[],
  items: readonly unknown[],
  from: readonly number[] | undefined,
  held: readonly unknown[] | undefined,
): boolean {
  // One by one: push(...items) of a long list could overflow the stack.
  for (let index = 0; index < items.length; index += 1) {
    const reference = from?.[index] ?? -1;
    if (reference < 0) {
      target.push(items[index]);
      continue;
    }
    if (held === undefined || reference >= held.length) return false;
    target.push(held[reference]);
  }
  return true;
}

/**
 * What makes two posted items the same: the engine's object for resources (the model keeps an
 * unchanged resource's object between versions), else the item's JSON (topology nodes and edges,
 * diagnostics are made anew each time; plain data without Maps, Sets or undefined-valued fields).
 */
function sameness(list: DeriveList, item: unknown): unknown {
  return list === 'resources' ? item : JSON.stringify(item);
}

/** How often a session reports progress. */
export interface DeriveReporting {
  /** Text parsed between two progress reports, in characters. */
  readonly batchCharacters: number;
  /** At most one report per this many ms while parsing (the page re-renders for each). */
  readonly every: number;
}

/** The reporting the app uses: ~0.1 s of parsing per batch on two idle cores. */
export const DERIVE_REPORTING: DeriveReporting = { batchCharacters: 128 * 1024, every: 100 };

/** The derive worker's body: answers requests, keeping the last Design for the next one. */
export interface DeriveSession {
  handle(request: DeriveRequest): void;
  /** The Design of the last request, for tests. */
  readonly design: Design | undefined;
}

function countSyntaxErrors(file: ParsedFile): number {
  let errors = 0;
  for (const document of file.documents) {
    for (const diagnostic of document.diagnostics) if (diagnostic.level === 'error') errors += 1;
  }
  return errors;
}

/**
 * Parses `text`, reporting progress: the documents not in `earlier` are parsed first in batches
 * of about `batchCharacters` (each batch on its own, as the text of its documents), then the whole
 * file is assembled by `parseFile`, which finds every document already parsed and parses none
 * again. The result equals `parseFile(source, earlier)`.
 */
function parseWithProgress(
  name: string,
  text: string,
  earlier: ParsedFile | undefined,
  batchCharacters: number,
  report: (parsed: number, total: number) => void,
): { readonly file: ParsedFile; readonly reparsed: number } {
  const chunks = splitDocuments(text);
  const known = new Set(earlier?.documents.map((document) => document.text));
  const fresh = chunks.filter((chunk) => !known.has(chunk.text));
  let parsed = chunks.length - fresh.length;
  report(parsed, chunks.length);
  const warm: ParsedDocument[] = [];
  for (let start = 0; start < fresh.length;) {
    let end = start;
    let characters = 0;
    // A batch's documents are contiguous in the text only when their chunks are; joined, they
    // split into the same documents either way, as each chunk starts at a line start.
    while (end < fresh.length && (end === start || characters < batchCharacters)) {
      characters += fresh[end]?.text.length ?? 0;
      end += 1;
    }
    const batch = fresh.slice(start, end);
    warm.push(...parseFile({ name, text: batch.map((chunk) => chunk.text).join('') }).documents);
    parsed += batch.length;
    start = end;
    report(parsed, chunks.length);
  }
  const scaffold: ParsedFile = {
    name,
    // Never the new text, or parseFile would answer the scaffold itself.
    text: text === '' ? '\u0000' : '',
    documents: [...(earlier?.documents ?? []), ...warm],
    lineStarts: earlier?.lineStarts ?? [0],
  };
  const file =
    earlier !== undefined && fresh.length === 0
      ? parseFile({ name, text }, earlier)
      : parseFile({ name, text }, scaffold);
  return { file, reparsed: fresh.length };
}

/** The model's fields posted as slices or indexes, not in `modelRest`. */
const LISTED_MODEL_FIELDS: ReadonlySet<string> = new Set([
  'resources',
  'byKey',
  'services',
  'workloads',
  'gateways',
  'virtualServices',
  'destinationRules',
  'serviceEntries',
  'unmodelled',
  'diagnostics',
]);

function restOf(model: Model): ModelRest {
  return Object.fromEntries(
    Object.entries(model).filter(([field]) => !LISTED_MODEL_FIELDS.has(field)),
  ) as ModelRest;
}

function indexesOf(model: Model): ModelIndexes {
  const position = new Map<Resource, number>();
  model.resources.forEach((resource, index) => position.set(resource, index));
  const of = (list: readonly Resource[]) => list.map((resource) => position.get(resource) ?? -1);
  return {
    services: of(model.services),
    workloads: of(model.workloads),
    gateways: of(model.gateways),
    virtualServices: of(model.virtualServices),
    destinationRules: of(model.destinationRules),
    serviceEntries: of(model.serviceEntries),
  };
}

/**
 * A session that derives each request's text with the engine (parse, model, topology, analysis)
 * and posts the replies with `post`. Runs in the derive worker, and in place where there are no
 * workers (Node, tests).
 */
export function createDeriveSession(
  post: (reply: DeriveReply) => void,
  reporting: DeriveReporting = DERIVE_REPORTING,
): DeriveSession {
  let previous: Design | undefined;
  // The last read's lists, and each item's sameness to its index once a later read asked for it
  // (worked out then: a read that no edit follows, such as a paste's, does not pay for it).
  let sent:
    | {
        readonly id: number;
        readonly lists: Readonly<Record<DeriveList, readonly unknown[]>>;
        readonly keys?: ReadonlyMap<DeriveList, ReadonlyMap<unknown, number>>;
      }
    | undefined;
  const keysOf = (lists: Readonly<Record<DeriveList, readonly unknown[]>>) =>
    new Map(
      DERIVE_LISTS.map((list) => [
        list,
        new Map(lists[list].map((item, index) => [sameness(list, item), index])),
      ]),
    );
  return {
    get design() {
      return previous;
    },
    handle(request) {
      const { id, name, text, silenced, base } = request;
      const kept = base !== undefined && sent?.id === base ? sent : undefined;
      sent = undefined;
      const earlierDesign = previous?.files[0]?.name === name ? previous : undefined;
      let reportedAt = 0;
      const { file, reparsed } = parseWithProgress(
        name,
        text,
        earlierDesign?.files[0],
        reporting.batchCharacters,
        (parsed, total) => {
          const now = Date.now();
          if (parsed < total && now - reportedAt < reporting.every) return;
          reportedAt = now;
          post({ id, type: 'progress', progress: { stage: 'parsing', parsed, total } });
        },
      );
      const total = file.documents.length;
      post({ id, type: 'progress', progress: { stage: 'checking', parsed: total, total } });
      const design: Design = { files: [file], model: buildModel([file], earlierDesign?.model) };
      previous = design;
      const topology: Topology = buildTopology(design.model);
      const lists: Readonly<Record<DeriveList, readonly unknown[]>> = {
        resources: design.model.resources,
        unmodelled: design.model.unmodelled,
        modelDiagnostics: design.model.diagnostics,
        nodes: topology.nodes,
        edges: topology.edges,
        diagnostics: diagnose(design, silenced),
      };
      let held: ReadonlyMap<DeriveList, ReadonlyMap<unknown, number>> | undefined;
      let keys: Map<DeriveList, Map<unknown, number>> | undefined;
      if (kept !== undefined) {
        held = kept.keys ?? keysOf(kept.lists);
        keys = new Map();
      }
      for (const list of DERIVE_LISTS) {
        const items = lists[list];
        const known = held?.get(list);
        const indexes = new Map<unknown, number>();
        keys?.set(list, indexes);
        for (let start = 0; start < items.length; start += PART_SIZE) {
          const slice = items.slice(start, start + PART_SIZE);
          const from: number[] = [];
          let reused = 0;
          if (known !== undefined) {
            slice.forEach((item, offset) => {
              const key = sameness(list, item);
              indexes.set(key, start + offset);
              const earlier = known.get(key) ?? -1;
              from.push(earlier);
              if (earlier >= 0) {
                slice[offset] = null;
                reused += 1;
              }
            });
          }
          post(
            reused === 0
              ? { id, type: 'part', list, items: slice }
              : { id, type: 'part', list, items: slice, from },
          );
        }
      }
      sent = keys === undefined ? { id, lists } : { id, lists, keys };
      post({
        id,
        type: 'done',
        summary: {
          check: toSyntaxCheck(file),
          modelIndexes: indexesOf(design.model),
          modelRest: restOf(design.model),
          namespaces: topology.namespaces,
          syntaxErrors: countSyntaxErrors(file),
          reparsed,
        },
      });
    },
  };
}
