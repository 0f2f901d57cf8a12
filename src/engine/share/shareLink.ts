import { deflateSync, FlateErrorCode, Inflate, strFromU8, strToU8 } from 'fflate';
import type { FlateError } from 'fflate';
import { fromBase64Url, isBase64UrlText, toBase64Url } from './base64url';
import {
  fromShareDocument,
  MAX_SHARED_BYTES,
  SHARE_FRAGMENT_PREFIX,
  withoutHash,
  shareFailure,
  toShareDocument,
  type DecodeShareResult,
  type ShareFailure,
  type SharedDesignInput,
} from './shareDocument';

/**
 * Longest payload accepted before decoding. Browsers carry URLs up to 2 MiB at most; anything
 * longer did not come from a browser's address bar, and is refused before any work is done.
 */
const MAX_PAYLOAD_LENGTH = 4 * 1024 * 1024;

/** Compressed bytes fed to the inflater per step: bounds what one step can expand to (~1 MiB). */
const INFLATE_STEP = 1024;

/**
 * The fragment that reopens `design`: `s=` + base64url(deflate-raw(UTF-8(JSON))). Put it after
 * `#` so that it never reaches a server.
 */
export function encodeShareFragment(design: SharedDesignInput): string {
  const json = JSON.stringify(toShareDocument(design));
  return SHARE_FRAGMENT_PREFIX + toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

type InflateResult = { readonly ok: true; readonly bytes: Uint8Array } | ShareFailure;

/**
 * Inflates deflate-raw data, stopping as soon as the output would pass `limit` bytes: input is fed
 * in small steps, so the output of one step is bounded and a bomb never inflates in full.
 */
export function inflateBounded(compressed: Uint8Array, limit: number): InflateResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let overLimit = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) {
      overLimit = true;
      // Thrown out of `push`: the inflater stops here and nothing more is kept.
      throw new RangeError('share link over the size limit');
    }
    chunks.push(chunk);
  });
  try {
    if (compressed.length === 0) inflater.push(compressed, true);
    for (let offset = 0; offset < compressed.length; offset += INFLATE_STEP) {
      const end = Math.min(offset + INFLATE_STEP, compressed.length);
      inflater.push(compressed.subarray(offset, end), end === compressed.length);
    }
  } catch (error) {
    if (overLimit) {
      return shareFailure(
        'too-large',
        `The link would expand to more than ${megabytes(limit)}, the most a link may hold.`,
      );
    }
    if (isFlateError(error) && error.code === FlateErrorCode.UnexpectedEOF) {
      return shareFailure('truncated', 'The link is cut short: part of it is missing.');
    }
    return shareFailure('damaged', 'The link is damaged: its compressed data is not valid.');
  }
  const bytes = new Uint8Array(total);
  let written = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, written);
    written += chunk.length;
  }
  return { ok: true, bytes };
}

function isFlateError(error: unknown): error is FlateError {
  return error instanceof Error && typeof (error as Partial<FlateError>).code === 'number';
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** Decodes a share fragment (`#s=...` or `s=...`). Never throws; validates every field. */
export function decodeShareFragment(fragment: string): DecodeShareResult {
  const body = withoutHash(fragment);
  if (!body.startsWith(SHARE_FRAGMENT_PREFIX)) {
    return shareFailure('not-a-share-link', 'The address holds no Sailplan design.');
  }
  const payload = body.slice(SHARE_FRAGMENT_PREFIX.length);
  if (payload.length === 0)
    return shareFailure('truncated', 'The link is cut short: it holds no design.');
  if (payload.length > MAX_PAYLOAD_LENGTH) {
    return shareFailure('too-large', 'The link is longer than any browser carries.');
  }
  const compressed = fromBase64Url(payload);
  if (compressed === undefined) {
    // Only the end of a link cut at any character can be malformed: say it is cut short.
    return isBase64UrlText(payload)
      ? shareFailure('truncated', 'The link is cut short: part of it is missing.')
      : shareFailure(
          'damaged',
          'The link is damaged: it has characters a Sailplan link never has.',
        );
  }
  const inflated = inflateBounded(compressed, MAX_SHARED_BYTES);
  if (!inflated.ok) return inflated;
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(inflated.bytes));
  } catch {
    return shareFailure('damaged', 'The link is damaged: its content is not readable.');
  }
  return fromShareDocument(value);
}
