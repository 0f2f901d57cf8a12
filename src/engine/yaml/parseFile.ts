import { parseDocument, YAMLParseError } from 'yaml';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { PARSE_DIAGNOSTIC_CODES } from './diagnosticCodes';
import type { ParseDiagnosticCode } from './diagnosticCodes';
import { computeLineStarts, offsetToPosition, toSourceRange } from './lineIndex';
import { findExcessiveNesting } from './nestingGuard';
import { splitDocuments } from './splitDocuments';
import type { DocumentChunk } from './splitDocuments';
import type { ParsedDocument, ParsedFile, SourceFile } from './types';

/**
 * The options every Sailplan document is parsed with. Planners that parse a snippet to compare or
 * render it should use the same ones. `merge` follows kubectl (go-yaml), which honours `<<` keys;
 * `prettyErrors: false` keeps messages to one line (they never embed the user's source line).
 */
export const PARSE_OPTIONS = {
  keepSourceTokens: true,
  prettyErrors: false,
  merge: true,
  uniqueKeys: true,
  logLevel: 'silent',
} as const satisfies ParseOptions & DocumentOptions & SchemaOptions;

/** Most alias expansions one document may cause when it is converted (billion-laughs guard). */
export const MAX_ALIAS_COUNT = 100;

function parseChunk(text: string): Document.Parsed {
  const violation = findExcessiveNesting(text);
  if (violation !== undefined) {
    const empty = parseDocument('', PARSE_OPTIONS);
    empty.errors.push(
      new YAMLParseError(
        [violation.offset, Math.min(violation.offset + 1, text.length)],
        'RESOURCE_EXHAUSTION',
        `${violation.message}; the document is not parsed`,
      ),
    );
    return empty;
  }
  try {
    return parseDocument(text, PARSE_OPTIONS);
  } catch (error) {
    // The parser reports bad input as errors; a throw is a parser bug, but the editor must live on.
    const empty = parseDocument('', PARSE_OPTIONS);
    const reason = error instanceof Error ? error.message : String(error);
    empty.errors.push(
      new YAMLParseError([0, Math.min(1, text.length)], 'IMPOSSIBLE', `Parser failure: ${reason}`),
    );
    return empty;
  }
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

function toParsedDocument(
  fileName: string,
  index: number,
  chunk: DocumentChunk,
  document: Document.Parsed,
  lineStarts: readonly number[],
): ParsedDocument {
  return {
    file: fileName,
    index,
    offset: chunk.offset,
    text: chunk.text,
    document,
    diagnostics: syntaxDiagnostics(fileName, lineStarts, chunk.offset, chunk.text.length, document),
  };
}

/**
 * Parses a file into per-document `yaml` Documents. With `previous` (the same file's last parse),
 * a document whose text is unchanged keeps its parsed Document, and keeps its ParsedDocument object
 * too when it also sits at the same place; only changed documents are parsed again. Never throws
 * for any input. The Documents are shared between parses: never mutate them (clone first).
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
    if (earlier === undefined || previous === undefined) {
      return toParsedDocument(file.name, index, chunk, parseChunk(chunk.text), lineStarts);
    }
    const samePlace =
      earlier.file === file.name &&
      earlier.index === index &&
      earlier.offset === chunk.offset &&
      offsetToPosition(previous.lineStarts, earlier.offset).line ===
        offsetToPosition(lineStarts, chunk.offset).line;
    if (samePlace) return earlier;
    return toParsedDocument(file.name, index, chunk, earlier.document, lineStarts);
  });
  return { name: file.name, text: file.text, documents, lineStarts };
}
