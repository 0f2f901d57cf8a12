import { FORBIDDEN_KEYS } from '../model/shape';
import type { Request } from '../simulate/request';

// The share format's JSON object and its validation, without compression: local storage keeps
// designs in this format too, and the app's start-up validates them with no inflater loaded.

/**
 * The version of the share format. A decoder refuses versions it does not know, so a change of the
 * JSON's meaning must raise it (and keep a reader for the older ones). Format 2 adds `silenced`;
 * format 1 (without it) still opens, with nothing silenced.
 */
export const SHARE_FORMAT_VERSION = 2;

/**
 * Most bytes a share link may expand to. Enforced while inflating, so a small link that would
 * inflate to gigabytes (a decompression bomb) stops at this size and never fills memory.
 */
export const MAX_SHARED_BYTES = 10 * 1024 * 1024;

/** Most node positions a link may carry: far above any design the browser can draw. */
const MAX_POSITIONS = 200_000;

/** Longest node id, header, label or request string accepted. */
const MAX_SHORT_STRING = 64 * 1024;

/** Most silenced findings a link may carry: far above the findings a design can have. */
const MAX_SILENCED = 10_000;

/** A silenced finding: an analyzer code (`IST0118`), alone or with a resource (`:kind/namespace/name`). */
const SILENCED_ENTRY = /^[A-Za-z]+[0-9]+(:.+)?$/s;

/** The fragment key of a share link: `#s=<payload>`. */
export const SHARE_FRAGMENT_PREFIX = 's=';

/**
 * Link length above which the user is warned and offered a file instead: chat tools, tickets and
 * some browsers' address bars cut or refuse longer URLs (docs/analyzers.md §3.4).
 */
export const SHARE_LINK_WARNING_LENGTH = 32 * 1024;

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
  /** The findings silenced in this design (`CODE` or `CODE:kind/namespace/name`), in order. */
  readonly silenced: readonly string[];
}

/** What a link is made from: a design whose silenced findings may be left out (then none). */
export type SharedDesignInput = Omit<SharedDesign, 'silenced'> & {
  readonly silenced?: readonly string[];
};

/**
 * The JSON object a link holds (format 2). Positions are `[x, y]` pairs to keep links short;
 * `v` is the format version. Format 1 is the same without `silenced`.
 */
export interface ShareDocument {
  readonly v: number;
  readonly text: string;
  readonly positions: Readonly<Record<string, readonly [number, number]>>;
  readonly tests: string;
  readonly request: Request;
  readonly silenced: readonly string[];
}

/** Why a link could not be opened. */
export type ShareProblem =
  'not-a-share-link' | 'damaged' | 'truncated' | 'too-large' | 'invalid' | 'newer-version';

/** The outcome of decoding: the design, or the problem in words a user understands. */
export type DecodeShareResult =
  | { readonly ok: true; readonly design: SharedDesign }
  | { readonly ok: false; readonly problem: ShareProblem; readonly message: string };

/** A decoding failure. */
export type ShareFailure = Extract<DecodeShareResult, { ok: false }>;

/** A failure with its problem and message (shared by the link decoder and the validator). */
export function shareFailure(problem: ShareProblem, message: string): ShareFailure {
  return { ok: false, problem, message };
}

/** The link's JSON object for a design (positions as pairs, keys sorted so links are stable). */
export function toShareDocument(design: SharedDesignInput): ShareDocument {
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
    silenced: design.silenced ?? [],
  };
}

/**
 * Validates an untrusted share document (from a link, or from local storage) into fresh objects.
 * Every field's type is checked, unknown keys are refused, and so are keys such as `__proto__`
 * that could reach an object's prototype.
 */
export function fromShareDocument(value: unknown): DecodeShareResult {
  const invalid = (detail: string) =>
    shareFailure('invalid', `The design it holds is not valid: ${detail}.`);
  // The version first: a newer format may have other keys, and deserves its own message.
  const any = readObject(value, 'the design', undefined);
  if (typeof any === 'string') return invalid(any);
  const version = any.v;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return invalid('it has no format version');
  }
  if (version > SHARE_FORMAT_VERSION) {
    return shareFailure(
      'newer-version',
      `The link was made by a newer Sailplan (format ${version}); this one reads format ${SHARE_FORMAT_VERSION}. Reload the page to get the latest version.`,
    );
  }
  const root = readObject(value, 'the design', [
    'v',
    'text',
    'positions',
    'tests',
    'request',
    // Format 1 has no silenced findings: the key is refused there, like any other unknown key.
    ...(version >= 2 ? ['silenced'] : []),
  ]);
  if (typeof root === 'string') return invalid(root);
  const text = readString(root.text, 'text', MAX_SHARED_BYTES);
  if (typeof text !== 'string') return invalid(text.error);
  const tests = readString(root.tests, 'tests', MAX_SHARED_BYTES);
  if (typeof tests !== 'string') return invalid(tests.error);
  const positions = readPositions(root.positions);
  if (typeof positions === 'string') return invalid(positions);
  const request = readRequest(root.request);
  if (typeof request === 'string') return invalid(request);
  const silenced = version >= 2 ? readSilenced(root.silenced) : [];
  if (typeof silenced === 'string') return invalid(silenced);
  return { ok: true, design: { text, positions, tests, request, silenced } };
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

function readSilenced(value: unknown): string[] | string {
  if (!Array.isArray(value)) return 'silenced is not a list';
  const entries = value as unknown[];
  if (entries.length > MAX_SILENCED) return 'it has too many silenced findings';
  // Order is kept (the Problems panel lists them so); a repeat means nothing more.
  const silenced = new Set<string>();
  for (const entry of entries) {
    if (typeof entry !== 'string' || entry.length > MAX_SHORT_STRING || !SILENCED_ENTRY.test(entry))
      return 'silenced has an entry that is not a finding code (IST0118, or IST0118:kind/namespace/name)';
    silenced.add(entry);
  }
  return [...silenced];
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

/** True when a URL fragment (with or without its `#`) holds a share link's payload. */
export function isShareFragment(fragment: string): boolean {
  return withoutHash(fragment).startsWith(SHARE_FRAGMENT_PREFIX);
}

/** The fragment without its leading `#`. */
export function withoutHash(fragment: string): string {
  return fragment.startsWith('#') ? fragment.slice(1) : fragment;
}
