export { fromBase64Url, isBase64UrlText, toBase64Url } from './base64url';
export {
  fromShareDocument,
  isShareFragment,
  MAX_SHARED_BYTES,
  SHARE_FORMAT_VERSION,
  SHARE_FRAGMENT_PREFIX,
  SHARE_LINK_WARNING_LENGTH,
  toShareDocument,
} from './shareDocument';
export type {
  DecodeShareResult,
  ShareDocument,
  SharedDesign,
  SharedDesignInput,
  SharedPosition,
  ShareProblem,
} from './shareDocument';
export { decodeShareFragment, encodeShareFragment, inflateBounded } from './shareLink';
export { resourceFiles, zipEntries } from './designArchive';
export type { ArchiveEntry } from './designArchive';
export {
  appendDocuments,
  checkImportedFile,
  loadDesignInSteps,
  MAX_IMPORT_BYTES,
  prepareImportedText,
} from './designImport';
export type { ImportCheck, ImportProgress, PreparedText } from './designImport';
