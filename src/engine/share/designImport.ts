import { Document, isSeq, parseDocument, visit } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { buildModel } from '../model/buildModel';
import type { Design } from '../model/loadDesign';
import { findExcessiveNesting } from '../yaml/nestingGuard';
import { splitDocuments } from '../yaml/splitDocuments';
import { parseFile } from '../yaml/parseFile';
import type { ParsedFile, SourceFile } from '../yaml/types';

/** Largest file an import accepts: far past the editor's comfort, short of exhausting the tab. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** How many syntax errors an import message lists before "and N more". */
const LISTED_ERRORS = 3;

/** A file's text made ready for the editor. */
export interface PreparedText {
  readonly text: string;
  /** True when the file was JSON and is now the same resources as block YAML. */
  readonly fromJson: boolean;
}

/**
 * Makes an imported file's text ready for the editor: without a byte-order mark, and, for JSON (a
 * `.json` file, or text that starts with `{` or `[` and parses as JSON), as block YAML with the same
 * keys in the same order (a top-level array becomes one document per element). JSON that does not
 * parse is left as it is, so the YAML parser reports its errors at the file's own lines.
 */
export function prepareImportedText(name: string, text: string): PreparedText {
  const withoutMark = text.startsWith('\ufeff') ? text.slice(1) : text;
  const trimmed = withoutMark.trimStart();
  const looksJson = /\.json$/i.test(name) || trimmed.startsWith('{') || trimmed.startsWith('[');
  if (!looksJson) return { text: withoutMark, fromJson: false };
  try {
    JSON.parse(withoutMark);
  } catch {
    return { text: withoutMark, fromJson: false };
  }
  // JSON nests without limit (JSON.parse copes), the YAML parser does not: deep JSON stays as it
  // is, and the design's parse refuses it with its line and column.
  if (findExcessiveNesting(withoutMark) !== undefined)
    return { text: withoutMark, fromJson: false };
  // JSON is YAML: parse it as YAML to keep the keys' order and each scalar's exact digits.
  const document = parseDocument(withoutMark, { keepSourceTokens: false, uniqueKeys: false });
  if (document.errors.length > 0) return { text: withoutMark, fromJson: false };
  visit(document, {
    Collection: (_key, node) => {
      node.flow = false;
    },
    Scalar: (_key, node) => {
      // Let the printer choose plain style where that reads back as the same string.
      if (typeof node.value === 'string') node.type = 'PLAIN';
    },
  });
  const options = { lineWidth: 0 } as const;
  const contents = document.contents;
  if (isSeq(contents)) {
    const documents = contents.items.map((item) => {
      const single = new Document(null);
      single.contents = item as typeof single.contents;
      return single.toString(options);
    });
    return { text: documents.join('---\n'), fromJson: true };
  }
  return { text: document.toString(options), fromJson: true };
}

/** What an import found in one file: enough to ask "replace or add?", or why it is refused. */
export type ImportCheck =
  | {
      readonly ok: true;
      readonly name: string;
      readonly text: string;
      readonly fromJson: boolean;
      readonly documents: number;
      /** Resources found, modelled or not. */
      readonly resources: number;
      /** Non-syntax problems (shapes, references): shown after the import, never blocking it. */
      readonly problems: number;
    }
  | { readonly ok: false; readonly name: string; readonly message: string };

/** Progress of a long check: documents parsed so far, of how many. */
export type ImportProgress = (parsedDocuments: number, totalDocuments: number) => void;

/**
 * Parses a file in steps of documents, calling `onProgress` between steps (the caller, a worker,
 * posts it to the page), then builds its model. The same result as `loadDesign([source])`.
 */
export function loadDesignInSteps(
  source: SourceFile,
  onProgress: ImportProgress,
  steps = 20,
): Design {
  const chunks = splitDocuments(source.text);
  const perStep = Math.max(1, Math.ceil(chunks.length / steps));
  let parsed: ParsedFile | undefined;
  for (let done = perStep; done < chunks.length; done += perStep) {
    // A prefix that ends at a document boundary: its documents are parsed once and reused below.
    const end = chunks[done]?.offset ?? source.text.length;
    parsed = parseFile({ name: source.name, text: source.text.slice(0, end) }, parsed);
    onProgress(done, chunks.length);
  }
  parsed = parseFile(source, parsed);
  onProgress(chunks.length, chunks.length);
  return { files: [parsed], model: buildModel([parsed]) };
}

/**
 * Checks an imported file: refuses text that is empty, binary, too large, has YAML syntax errors
 * (with file and line) or holds no Kubernetes resource; otherwise tells what it holds.
 */
export function checkImportedFile(
  name: string,
  rawText: string,
  onProgress: ImportProgress = () => undefined,
): ImportCheck {
  const refuse = (message: string): ImportCheck => ({ ok: false, name, message });
  if (rawText.length > MAX_IMPORT_BYTES) {
    return refuse(`${name} is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`);
  }
  if (rawText.includes('\u0000')) return refuse(`${name} is not a text file.`);
  const { text, fromJson } = prepareImportedText(name, rawText);
  if (text.trim() === '') return refuse(`${name} is empty.`);
  const design = loadDesignInSteps({ name, text }, onProgress);
  const file = design.files[0];
  const syntaxErrors: Diagnostic[] = [];
  for (const document of file?.documents ?? []) {
    for (const diagnostic of document.diagnostics) {
      if (diagnostic.level === 'error') syntaxErrors.push(diagnostic);
    }
  }
  if (syntaxErrors.length > 0) {
    const listed = syntaxErrors.slice(0, LISTED_ERRORS).map((diagnostic) => {
      const where = diagnostic.range
        ? `${name}, line ${diagnostic.range.line}, column ${diagnostic.range.column}`
        : name;
      return `${where}: ${diagnostic.message}`;
    });
    const more = syntaxErrors.length - listed.length;
    return refuse(
      `${name} is not valid YAML:\n${listed.join('\n')}${more > 0 ? `\n…and ${more} more` : ''}`,
    );
  }
  const resources = design.model.resources.length + design.model.unmodelled.length;
  if (resources === 0) {
    return refuse(`${name} holds no Kubernetes resource (no document with apiVersion and kind).`);
  }
  return {
    ok: true,
    name,
    text,
    fromJson,
    documents: file?.documents.length ?? 0,
    resources,
    problems: design.model.diagnostics.filter((diagnostic) => diagnostic.level === 'error').length,
  };
}

/** A bare `---` line at the start of a text, after any comments. */
const OPENING_MARKER = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*---[ \t]*(?:#[^\n]*)?(?:\r?\n|$)/;

/**
 * Appends documents to a design: the texts follow `base`, each separated by one `---` line (none
 * is added where a text already opens with one). An empty base is replaced.
 */
export function appendDocuments(base: string, additions: readonly string[]): string {
  let result = base.trim() === '' ? '' : base;
  for (const addition of additions) {
    if (addition.trim() === '') continue;
    if (result === '') {
      result = addition;
      continue;
    }
    const newline = result.endsWith('\n') ? '' : '\n';
    const marker = OPENING_MARKER.test(addition) ? '' : '---\n';
    result = `${result}${newline}${marker}${addition}`;
  }
  return result;
}
