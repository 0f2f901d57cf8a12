import type { SharedDesign } from '../../engine';
import type { SailplanState } from '../../store';

/** What a design is, beyond its name: the text and the state kept around it. */
export type DesignContent = SharedDesign;

/** The design content the store holds now. */
export function contentOf(state: SailplanState): DesignContent {
  return {
    text: state.text,
    positions: state.positions,
    tests: state.tests,
    request: state.request,
    silenced: state.silenced,
  };
}

/**
 * A short digest of the work in a design that replacing it would lose, and so asks about: the
 * text, the route tests and the silenced findings. Not the positions (not work worth a question),
 * nor the simulator's request: it is saved and shared with the design, but it is a probe of the
 * design, not a change to it, and picking a ready request (or typing a URL) must not make opening
 * an example ask "Keep your changes?". Two 32-bit FNV-1a hashes with different offsets: enough to
 * tell "changed since opened" without keeping a second copy of a large text. Prefixed with
 * `DIGEST_VERSION`, so that a baseline stored by an earlier version is told apart.
 */
export function contentDigest(content: DesignContent): string {
  return `${DIGEST_VERSION}${digestOf(content, false)}`;
}

/** The prefix of the digests that leave out the request. */
const DIGEST_VERSION = 'w2.';

/**
 * A stored baseline as this version digests: one written before the request was left out is
 * converted when it was the digest of the stored content (unchanged when saved), so that such a
 * design does not ask about changes it does not have; otherwise it stays, and differs.
 */
export function currentBaseline(baseline: string, stored: DesignContent): string {
  if (baseline.startsWith(DIGEST_VERSION) || baseline === '') return baseline;
  return baseline === digestOf(stored, true) ? contentDigest(stored) : baseline;
}

function digestOf(content: DesignContent, withRequest: boolean): string {
  let first = 0x811c9dc5;
  let second = 0x01000193 ^ 0x5bd1e995;
  const feed = (text: string) => {
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      first = Math.imul(first ^ code, 0x01000193);
      second = Math.imul(second ^ code, 0x01000193) ^ (second >>> 13);
    }
    // A separator no text can forge in another field: the field's length.
    first = Math.imul(first ^ text.length, 0x01000193);
    second = Math.imul(second ^ text.length, 0x01000193);
  };
  feed(content.text);
  feed(content.tests);
  if (withRequest) feed(JSON.stringify(content.request));
  // Only when there are some: the digests of designs saved before findings could be silenced hold.
  if (content.silenced.length > 0) feed(JSON.stringify(content.silenced));
  return `${(first >>> 0).toString(36)}.${(second >>> 0).toString(36)}`;
}

/** A new random id for a stored design (works outside secure contexts, unlike randomUUID). */
export function newDesignId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A file name for a design's name: `Shop ingress` -> `shop-ingress`. */
export function fileStem(name: string): string {
  const stem = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem === '' ? 'design' : stem;
}
