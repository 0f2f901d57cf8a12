export type * from './types';
export { MAX_ALIAS_EXPANSION, exceedsAliasExpansion } from './aliasGuard';
export { PARSE_DIAGNOSTIC_CODES } from './diagnosticCodes';
export type { ParseDiagnosticCode } from './diagnosticCodes';
export {
  computeLineStarts,
  lineIndexAt,
  offsetToPosition,
  positionToOffset,
  toSourceRange,
} from './lineIndex';
export type { LinePosition } from './lineIndex';
export { MAX_BLOCK_INDENT, MAX_FLOW_DEPTH, findExcessiveNesting } from './nestingGuard';
export type { NestingViolation } from './nestingGuard';
export {
  MAX_ALIAS_COUNT,
  PARSE_OPTIONS,
  TREE_PARSE_OPTIONS,
  parseFile,
  syntaxDiagnostics,
} from './parseFile';
export { localRangeAt, lookupPath, nodeRange, rangeAt } from './rangeAt';
export type { PathLookup, RangeOptions, RangeTarget } from './rangeAt';
export { splitDocuments } from './splitDocuments';
export { MAX_CHECKED_DIAGNOSTICS, toSyntaxCheck, unparsedFile } from './syntaxCheck';
export type { CheckedDocument, SyntaxCheck } from './syntaxCheck';
export type { DocumentChunk } from './splitDocuments';
