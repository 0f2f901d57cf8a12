import { parseDocument, YAMLParseError } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { computeLineStarts } from './lineIndex';
import { TREE_PARSE_OPTIONS } from './parseFile';
import { splitDocuments } from './splitDocuments';
import type { ParsedDocument, ParsedFile, SourceFile } from './types';

/** Most diagnostics a syntax check carries: binary garbage can have one per line. */
export const MAX_CHECKED_DIAGNOSTICS = 1000;

/** One document of a checked file: where it starts, and its syntax errors and warnings. */
export interface CheckedDocument {
  readonly offset: number;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A file's syntax as plain data, so that a worker can post it: each document's syntax errors and
 * warnings (with file ranges), and how many errors there are in all.
 */
export interface SyntaxCheck {
  readonly name: string;
  readonly documents: readonly CheckedDocument[];
  /** Syntax errors and exceeded resource limits, counted in full even past the carried ones. */
  readonly errors: number;
}

/** The syntax check of a parsed file (at most MAX_CHECKED_DIAGNOSTICS diagnostics carried). */
export function toSyntaxCheck(file: ParsedFile): SyntaxCheck {
  let errors = 0;
  let carried = 0;
  const documents = file.documents.map((document): CheckedDocument => {
    for (const diagnostic of document.diagnostics) if (diagnostic.level === 'error') errors += 1;
    const room = Math.max(0, MAX_CHECKED_DIAGNOSTICS - carried);
    const diagnostics = document.diagnostics.slice(0, room);
    carried += diagnostics.length;
    return { offset: document.offset, diagnostics };
  });
  return { name: file.name, documents, errors };
}

/**
 * A ParsedFile for a text that is not parsed on this thread: a worker found it unreadable, or it
 * is larger than the caller will parse. Its documents are split as `parseFile` splits them, each
 * with an empty tree holding one error (so the model reads nothing from it) and the diagnostics
 * given: those of `check` by document, and `extra` on the first document. `parseFile` never
 * reuses these documents, so the next real parse reads every document afresh.
 */
export function unparsedFile(
  source: SourceFile,
  check: SyntaxCheck | undefined,
  extra: readonly Diagnostic[] = [],
): ParsedFile {
  const chunks = splitDocuments(source.text);
  const tree = parseDocument('', TREE_PARSE_OPTIONS);
  tree.errors.push(new YAMLParseError([0, 0], 'IMPOSSIBLE', 'The document was not parsed here'));
  // The check was made on the same text with the same splitter: its documents line up, unless
  // it was made for another text, when its diagnostics all go to the first document.
  const aligned =
    check !== undefined &&
    check.documents.length === chunks.length &&
    check.documents.every((document, index) => document.offset === chunks[index]?.offset);
  const documents = chunks.map((chunk, index): ParsedDocument => {
    const checked = aligned
      ? (check.documents[index]?.diagnostics ?? [])
      : index === 0
        ? (check?.documents.flatMap((document) => document.diagnostics) ?? [])
        : [];
    return {
      file: source.name,
      index,
      offset: chunk.offset,
      text: chunk.text,
      tree,
      document: tree,
      diagnostics: index === 0 ? [...extra, ...checked] : checked,
    };
  });
  return {
    name: source.name,
    text: source.text,
    documents,
    lineStarts: computeLineStarts(source.text),
  };
}
