import { parseDocument, YAMLParseError } from 'yaml';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { PARSE_DIAGNOSTIC_CODES } from './diagnosticCodes';
import type { ParseDiagnosticCode } from './diagnosticCodes';
import { computeLineStarts, offsetToPosition, toSourceRange } from './lineIndex';
import { exceedsAliasExpansion, MAX_ALIAS_EXPANSION } from './aliasGuard';
import { unresolvedAliases } from './aliases';
import { reportDuplicateKeys } from './duplicateKeys';
import { findExcessiveNesting } from './nestingGuard';
import { splitDocuments } from './splitDocuments';
import type { DocumentChunk } from './splitDocuments';
import type { ParsedDocument, ParsedFile, SourceFile } from './types';

/**
 * The options every Sailplan document is parsed with (for `ParsedDocument.document`). Planners
 * that parse a snippet to compare or render it should use the same ones. `merge` follows kubectl
 * (go-yaml), which honours `<<` keys; `prettyErrors: false` keeps messages to one line (they never
 * embed the user's source line). Duplicate keys are errors, but found by `reportDuplicateKeys` (the
 * parser's own check takes time quadratic in a map's size), so `uniqueKeys` is off here.
 */
export const PARSE_OPTIONS = {
  keepSourceTokens: true,
  prettyErrors: false,
  merge: true,
  uniqueKeys: false,
  logLevel: 'silent',
} as const satisfies ParseOptions & DocumentOptions & SchemaOptions;

/**
 * The options of `ParsedDocument.tree`: the same without source tokens, which triple the memory a
 * parse keeps (about 90 MB instead of 30 MB per MB of YAML) and add ~40% to its time in GC.
 */
export const TREE_PARSE_OPTIONS = {
  ...PARSE_OPTIONS,
  keepSourceTokens: false,
} as const satisfies ParseOptions & DocumentOptions & SchemaOptions;

/** The `maxAliasCount` to pass to `toJS` when converting any part of a Sailplan document. */
export const MAX_ALIAS_COUNT = 100;

/** A document's text and its parses, shared by the ParsedDocuments of successive versions. */
interface DocumentSource {
  readonly text: string;
  readonly tree: Document.Parsed;
  /** True when the guards refused the text: it must never reach the parser again. */
  readonly refused: boolean;
  withTokens?: Document.Parsed;
}

function parseSource(text: string): DocumentSource {
  const violation = findExcessiveNesting(text);
  if (violation !== undefined) {
    const empty = parseDocument('', TREE_PARSE_OPTIONS);
    empty.errors.push(
      new YAMLParseError(
        [violation.offset, Math.min(violation.offset + 1, text.length)],
        'RESOURCE_EXHAUSTION',
        `${violation.message}; the document is not parsed`,
      ),
    );
    return { text, tree: empty, refused: true };
  }
  try {
    const document = parseDocument(text, TREE_PARSE_OPTIONS);
    reportDuplicateKeys(document);
    // An alias needs an anchor, so text without `&` cannot hold an alias bomb.
    if (text.includes('&') && exceedsAliasExpansion(document)) {
      document.errors.push(
        new YAMLParseError(
          [0, Math.min(1, text.length)],
          'RESOURCE_EXHAUSTION',
          `Aliases would expand this document by more than ${MAX_ALIAS_EXPANSION} nodes (a "billion laughs" pattern); the document is not used`,
        ),
      );
      return { text, tree: document, refused: true };
    }
    // The parser reports an alias to a missing anchor only when converting to JS, which the model
    // never does: without this, `labels: *common` or `- *.example.com` (an unquoted wildcard
    // host) vanished from the model without a word. kubectl refuses such a document.
    if (text.includes('*')) {
      // An empty alias (`[*]`) is already reported by the parser.
      for (const alias of unresolvedAliases(document).filter((alias) => alias.source !== '')) {
        const [start = 0, end = start] = alias.range ?? [];
        document.errors.push(
          new YAMLParseError(
            [start, end],
            'BAD_ALIAS',
            `Unresolved alias *${alias.source}: no anchor &${alias.source} is defined before it (quote a value that starts with *)`,
          ),
        );
      }
    }
    return { text, tree: document, refused: false };
  } catch (error) {
    return { text, tree: parserFailure(text, error), refused: true };
  }
}

/** A parser throw is a parser bug, but the editor must live on: an empty Document with the error. */
function parserFailure(text: string, error: unknown): Document.Parsed {
  const empty = parseDocument('', TREE_PARSE_OPTIONS);
  const reason = error instanceof Error ? error.message : String(error);
  empty.errors.push(
    new YAMLParseError([0, Math.min(1, text.length)], 'IMPOSSIBLE', `Parser failure: ${reason}`),
  );
  return empty;
}

function documentWithTokens(source: DocumentSource): Document.Parsed {
  if (source.refused) return source.tree;
  if (source.withTokens === undefined) {
    try {
      source.withTokens = parseDocument(source.text, PARSE_OPTIONS);
      reportDuplicateKeys(source.withTokens);
    } catch (error) {
      source.withTokens = parserFailure(source.text, error);
    }
  }
  return source.withTokens;
}

function codeFor(yamlCode: string, isError: boolean): ParseDiagnosticCode {
  if (yamlCode === 'RESOURCE_EXHAUSTION') return 'SP0003';
  return isError ? 'SP0001' : 'SP0002';
}

/** The diagnostics of a parsed document's syntax errors and warnings, with file ranges. */
export function syntaxDiagnostics(
  fileName: string,
  lineStarts: readonly number[],
  offset: number,
  textLength: number,
  document: Document.Parsed,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const add = (problem: YAMLParseError | Document.Parsed['warnings'][number], isError: boolean) => {
    const code = codeFor(problem.code, isError);
    const start = offset + Math.min(Math.max(problem.pos[0], 0), textLength);
    const end = offset + Math.min(Math.max(problem.pos[1], problem.pos[0], 0), textLength);
    diagnostics.push({
      code,
      level: PARSE_DIAGNOSTIC_CODES[code].level,
      message: `${problem.message} (${problem.code})`,
      range: toSourceRange(fileName, lineStarts, start, end),
    });
  };
  for (const error of document.errors) add(error, true);
  for (const warning of document.warnings) add(warning, false);
  return diagnostics;
}

const sources = new WeakMap<ParsedDocument, DocumentSource>();

function toParsedDocument(
  fileName: string,
  index: number,
  chunk: DocumentChunk,
  source: DocumentSource,
  lineStarts: readonly number[],
): ParsedDocument {
  const parsed: ParsedDocument = {
    file: fileName,
    index,
    offset: chunk.offset,
    text: chunk.text,
    tree: source.tree,
    // An own getter (not a prototype one), so spreading a ParsedDocument keeps `document`.
    get document() {
      return documentWithTokens(source);
    },
    diagnostics: syntaxDiagnostics(
      fileName,
      lineStarts,
      chunk.offset,
      chunk.text.length,
      source.tree,
    ),
  };
  sources.set(parsed, source);
  return parsed;
}

/**
 * Parses a file into per-document `yaml` Documents. With `previous` (the same file's last parse),
 * a document whose text is unchanged keeps its parsed Documents, and keeps its ParsedDocument
 * object too when it also sits at the same place; only changed documents are parsed again. Never
 * throws for any input. The Documents are shared between parses: never mutate them (clone first).
 */
export function parseFile(file: SourceFile, previous?: ParsedFile): ParsedFile {
  if (previous !== undefined && previous.name === file.name && previous.text === file.text) {
    return previous;
  }
  const lineStarts = computeLineStarts(file.text);
  const chunks = splitDocuments(file.text);
  const reusable = new Map<string, ParsedDocument[]>();
  for (const document of previous?.documents ?? []) {
    const sameText = reusable.get(document.text);
    if (sameText === undefined) reusable.set(document.text, [document]);
    else sameText.push(document);
  }
  const documents = chunks.map((chunk, index): ParsedDocument => {
    const earlier = reusable.get(chunk.text)?.shift();
    const earlierSource = earlier === undefined ? undefined : sources.get(earlier);
    if (earlier === undefined || earlierSource === undefined || previous === undefined) {
      return toParsedDocument(file.name, index, chunk, parseSource(chunk.text), lineStarts);
    }
    const samePlace =
      earlier.file === file.name &&
      earlier.index === index &&
      earlier.offset === chunk.offset &&
      offsetToPosition(previous.lineStarts, earlier.offset).line ===
        offsetToPosition(lineStarts, chunk.offset).line;
    if (samePlace) return earlier;
    return toParsedDocument(file.name, index, chunk, earlierSource, lineStarts);
  });
  return { name: file.name, text: file.text, documents, lineStarts };
}
