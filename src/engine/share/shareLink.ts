import { deflateSync, FlateErrorCode, Inflate, strFromU8, strToU8 } from 'fflate';
import type { FlateError } from 'fflate';
import { FORBIDDEN_KEYS } from '../model/shape';
import type { Request } from '../simulate/request';
import { fromBase64Url, isBase64UrlText, toBase64Url } from './base64url';

/**
 * The version of the share format. A decoder refuses versions it does not know, so a change of the
 * JSON's meaning must raise it (and keep a reader for the older ones).
 */
export const SHARE_FORMAT_VERSION = 1;

/** The fragment key of a share link: `#s=<payload>`. */
export const SHARE_FRAGMENT_PREFIX = 's=';

/**
 * Most bytes a share link may expand to. Enforced while inflating, so a small link that would
 * inflate to gigabytes (a decompression bomb) stops at this size and never fills memory.
 */
export const MAX_SHARED_BYTES = 10 * 1024 * 1024;

/**
 * Link length above which the user is warned and offered a file instead: chat tools, tickets and
 * some browsers' address bars cut or refuse longer URLs (docs/analyzers.md §3.4).
 */
export const SHARE_LINK_WARNING_LENGTH = 32 * 1024;

/**
 * Longest payload accepted before decoding. Browsers carry URLs up to 2 MiB at most; anything
 * longer did not come from a browser's address bar, and is refused before any work is done.
 */
const MAX_PAYLOAD_LENGTH = 4 * 1024 * 1024;

/** Compressed bytes fed to the inflater per step: bounds what one step can expand to (~1 MiB). */
const INFLATE_STEP = 1024;

/** Most node positions a link may carry: far above any design the browser can draw. */
const MAX_POSITIONS = 200_000;

/** Longest node id, header, label or request string accepted. */
const MAX_SHORT_STRING = 64 * 1024;

/** A node's place on the canvas. */
export interface SharedPosition {
  readonly x: number;
  readonly y: number;
}

/** Everything a share link carries: the design text byte for byte and the view state around it. */
export interface SharedDesign {
  /** The YAML text, exactly as in the editor. */
  readonly text: string;
  /** Node positions by node id. */
  readonly positions: Readonly<Record<string, SharedPosition>>;
  /** The route-test file text (docs/route-tests.md), `''` when there are none. */
  readonly tests: string;
  /** The Simulator's request. */
  readonly request: Request;
}

/**
 * The JSON object a link holds (format 1). Positions are `[x, y]` pairs to keep links short;
 * `v` is the format version.
 */
export interface ShareDocument {
  readonly v: number;
  readonly text: string;
  readonly positions: Readonly<Record<string, readonly [number, number]>>;
  readonly tests: string;
  readonly request: Request;
}

/** Why a link could not be opened. */
export type ShareProblem =
  'not-a-share-link' | 'damaged' | 'truncated' | 'too-large' | 'invalid' | 'newer-version';

/** The outcome of decoding: the design, or the problem in words a user understands. */
export type DecodeShareResult =
  | { readonly ok: true; readonly design: SharedDesign }
  | { readonly ok: false; readonly problem: ShareProblem; readonly message: string };

type Failure = Extract<DecodeShareResult, { ok: false }>;

function fail(problem: ShareProblem, message: string): Failure {
  return { ok: false, problem, message };
}

/** The link's JSON object for a design (positions as pairs, keys sorted so links are stable). */
export function toShareDocument(design: SharedDesign): ShareDocument {
  const positions: Record<string, readonly [number, number]> = {};
  for (const id of Object.keys(design.positions).sort()) {
    const position = design.positions[id];
    if (position !== undefined) positions[id] = [position.x, position.y];
  }
  return {
    v: SHARE_FORMAT_VERSION,
    text: design.text,
    positions,
    tests: design.tests,
    request: design.request,
  };
}

/**
 * The fragment that reopens `design`: `s=` + base64url(deflate-raw(UTF-8(JSON))). Put it after
 * `#` so that it never reaches a server.
 */
export function encodeShareFragment(design: SharedDesign): string {
  const json = JSON.stringify(toShareDocument(design));
  return SHARE_FRAGMENT_PREFIX + toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

/** True when a URL fragment (with or without its `#`) holds a share link's payload. */
export function isShareFragment(fragment: string): boolean {
  return withoutHash(fragment).startsWith(SHARE_FRAGMENT_PREFIX);
}

function withoutHash(fragment: string): string {
  return fragment.startsWith('#') ? fragment.slice(1) : fragment;
}

type InflateResult = { readonly ok: true; readonly bytes: Uint8Array } | Failure;

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
      return fail(
        'too-large',
        `The link would expand to more than ${megabytes(limit)}, the most a link may hold.`,
      );
    }
    if (isFlateError(error) && error.code === FlateErrorCode.UnexpectedEOF) {
      return fail('truncated', 'The link is cut short: part of it is missing.');
    }
    return fail('damaged', 'The link is damaged: its compressed data is not valid.');
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
    return fail('not-a-share-link', 'The address holds no Sailplan design.');
  }
  const payload = body.slice(SHARE_FRAGMENT_PREFIX.length);
  if (payload.length === 0) return fail('truncated', 'The link is cut short: it holds no design.');
  if (payload.length > MAX_PAYLOAD_LENGTH) {
    return fail('too-large', 'The link is longer than any browser carries.');
  }
  const compressed = fromBase64Url(payload);
  if (compressed === undefined) {
    // Only the end of a link cut at any character can be malformed: say it is cut short.
    return isBase64UrlText(payload)
      ? fail('truncated', 'The link is cut short: part of it is missing.')
      : fail('damaged', 'The link is damaged: it has characters a Sailplan link never has.');
  }
  const inflated = inflateBounded(compressed, MAX_SHARED_BYTES);
  if (!inflated.ok) return inflated;
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(inflated.bytes));
  } catch {
    return fail('damaged', 'The link is damaged: its content is not readable.');
  }
  return fromShareDocument(value);
}

/**
 * Validates an untrusted share document (from a link, or from local storage) into fresh objects.
 * Every field's type is checked, unknown keys are refused, and so are keys such as `__proto__`
 * that could reach an object's prototype.
 */
export function fromShareDocument(value: unknown): DecodeShareResult {
  const invalid = (detail: string) => fail('invalid', `The link's design is not valid: ${detail}.`);
  // The version first: a newer format may have other keys, and deserves its own message.
  const any = readObject(value, 'the design', undefined);
  if (typeof any === 'string') return invalid(any);
  const version = any.v;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return invalid('it has no format version');
  }
  if (version > SHARE_FORMAT_VERSION) {
    return fail(
      'newer-version',
      `The link was made by a newer Sailplan (format ${version}); this one reads format ${SHARE_FORMAT_VERSION}. Reload the page to get the latest version.`,
    );
  }
  const root = readObject(value, 'the design', ['v', 'text', 'positions', 'tests', 'request']);
  if (typeof root === 'string') return invalid(root);
  const text = readString(root.text, 'text', MAX_SHARED_BYTES);
  if (typeof text !== 'string') return invalid(text.error);
  const tests = readString(root.tests, 'tests', MAX_SHARED_BYTES);
  if (typeof tests !== 'string') return invalid(tests.error);
  const positions = readPositions(root.positions);
  if (typeof positions === 'string') return invalid(positions);
  const request = readRequest(root.request);
  if (typeof request === 'string') return invalid(request);
  return { ok: true, design: { text, positions, tests, request } };
}

type Fields = Readonly<Record<string, unknown>>;

/**
 * An own-keys view of a plain JSON object, or the reason it is not one. `allowed` lists the keys
 * it may have (undefined: any key that is not forbidden).
 */
function readObject(
  value: unknown,
  what: string,
  allowed: readonly string[] | undefined,
): Fields | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${what} is not an object`;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return `${what} is not an object`;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.includes(key)) return `${what} has the forbidden key "${key}"`;
    if (allowed !== undefined && !allowed.includes(key)) {
      return `${what} has the unknown key "${truncate(key)}"`;
    }
  }
  return value as Fields;
}

function readString(
  value: unknown,
  what: string,
  maxLength: number,
): string | { readonly error: string } {
  if (typeof value !== 'string') return { error: `${what} is not a string` };
  if (value.length > maxLength) return { error: `${what} is too long` };
  return value;
}

function readPositions(value: unknown): Record<string, SharedPosition> | string {
  const fields = readObject(value, 'positions', undefined);
  if (typeof fields === 'string') return fields;
  const ids = Object.keys(fields);
  if (ids.length > MAX_POSITIONS) return 'it has too many node positions';
  const positions: Record<string, SharedPosition> = {};
  for (const id of ids) {
    if (id.length === 0 || id.length > MAX_SHORT_STRING) return 'a node id is empty or too long';
    const pair = fields[id];
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      !isFiniteNumber(pair[0]) ||
      !isFiniteNumber(pair[1])
    ) {
      return `the position of "${truncate(id)}" is not a pair of numbers`;
    }
    positions[id] = { x: pair[0], y: pair[1] };
  }
  return positions;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const REQUEST_KEYS = ['url', 'method', 'headers', 'port', 'from', 'entry', 'draw'] as const;

function readRequest(value: unknown): Request | string {
  const fields = readObject(value, 'request', REQUEST_KEYS);
  if (typeof fields === 'string') return fields;
  const url = readString(fields.url, 'request.url', MAX_SHORT_STRING);
  if (typeof url !== 'string') return url.error;
  const request: { -readonly [Key in keyof Request]: Request[Key] } = { url };
  if (fields.method !== undefined) {
    const method = readString(fields.method, 'request.method', MAX_SHORT_STRING);
    if (typeof method !== 'string') return method.error;
    request.method = method;
  }
  if (fields.headers !== undefined) {
    const headers = readHeaders(fields.headers);
    if (typeof headers === 'string') return headers;
    request.headers = headers;
  }
  if (fields.port !== undefined) {
    const port = fields.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      return 'request.port is not a port number';
    }
    request.port = port;
  }
  if (fields.from !== undefined) {
    const from = readSource(fields.from);
    if ('error' in from) return from.error;
    request.from = from.source;
  }
  if (fields.entry !== undefined) {
    const entry = readString(fields.entry, 'request.entry', MAX_SHORT_STRING);
    if (typeof entry !== 'string') return entry.error;
    request.entry = entry;
  }
  if (fields.draw !== undefined) {
    const draw = fields.draw;
    if (typeof draw !== 'number' || !(draw >= 0 && draw < 1)) {
      return 'request.draw is not a number in [0, 1)';
    }
    request.draw = draw;
  }
  return request;
}

function readHeaders(value: unknown): NonNullable<Request['headers']> | string {
  if (Array.isArray(value)) {
    const list: (readonly [string, string])[] = [];
    for (const entry of value as unknown[]) {
      if (
        !Array.isArray(entry) ||
        entry.length !== 2 ||
        typeof entry[0] !== 'string' ||
        typeof entry[1] !== 'string' ||
        entry[0].length > MAX_SHORT_STRING ||
        entry[1].length > MAX_SHORT_STRING
      ) {
        return 'request.headers has an entry that is not a [name, value] pair of strings';
      }
      list.push([entry[0], entry[1]]);
    }
    return list;
  }
  return readStringMap(value, 'request.headers');
}

function readStringMap(value: unknown, what: string): Record<string, string> | string {
  const fields = readObject(value, what, undefined);
  if (typeof fields === 'string') return fields;
  const map: Record<string, string> = {};
  for (const key of Object.keys(fields)) {
    const entry = readString(fields[key], `${what}.${truncate(key)}`, MAX_SHORT_STRING);
    if (typeof entry !== 'string') return entry.error;
    map[key] = entry;
  }
  return map;
}

function readSource(
  value: unknown,
): { readonly source: NonNullable<Request['from']> } | { readonly error: string } {
  if (value === 'ingress') return { source: 'ingress' };
  const fields = readObject(value, 'request.from', ['namespace', 'labels']);
  if (typeof fields === 'string') return { error: `${fields} (nor "ingress")` };
  const namespace = readString(fields.namespace, 'request.from.namespace', MAX_SHORT_STRING);
  if (typeof namespace !== 'string') return namespace;
  const labels = readStringMap(fields.labels ?? {}, 'request.from.labels');
  if (typeof labels === 'string') return { error: labels };
  return { source: { namespace, labels } };
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
