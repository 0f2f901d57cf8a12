// base64url (RFC 4648 §5) without padding, written out here because the engine sees neither the
// DOM's `btoa`/`atob` nor Node's `Buffer`, and because decoding must be strict: a share link that
// was cut or edited has to fail loudly rather than decode to something else.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const VALUES = (() => {
  const values = new Int16Array(128).fill(-1);
  for (let index = 0; index < ALPHABET.length; index += 1) {
    values[ALPHABET.charCodeAt(index)] = index;
  }
  return values;
})();

/** Encodes bytes as base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Strings are built in slices: one join at the end instead of a quadratic `+=`.
  let slice = '';
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const triple =
      ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    slice +=
      ALPHABET.charAt(triple >>> 18) +
      ALPHABET.charAt((triple >>> 12) & 63) +
      ALPHABET.charAt((triple >>> 6) & 63) +
      ALPHABET.charAt(triple & 63);
    if (slice.length >= 8192) {
      parts.push(slice);
      slice = '';
    }
  }
  const rest = bytes.length - index;
  if (rest === 1) {
    const single = (bytes[index] ?? 0) << 16;
    slice += ALPHABET.charAt(single >>> 18) + ALPHABET.charAt((single >>> 12) & 63);
  } else if (rest === 2) {
    const pair = ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8);
    slice +=
      ALPHABET.charAt(pair >>> 18) +
      ALPHABET.charAt((pair >>> 12) & 63) +
      ALPHABET.charAt((pair >>> 6) & 63);
  }
  parts.push(slice);
  return parts.join('');
}

/**
 * Decodes base64url without padding. Returns undefined for any character outside the alphabet, for
 * a length no encoder produces (4n + 1), and for non-zero bits in the last character's unused tail
 * (so every byte string has exactly one accepted encoding).
 */
export function fromBase64Url(text: string): Uint8Array | undefined {
  const remainder = text.length % 4;
  if (remainder === 1) return undefined;
  const bytes = new Uint8Array(
    Math.floor(text.length / 4) * 3 + (remainder === 0 ? 0 : remainder - 1),
  );
  let written = 0;
  let accumulator = 0;
  let bits = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const value = code < 128 ? (VALUES[code] ?? -1) : -1;
    if (value < 0) return undefined;
    accumulator = ((accumulator << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[written] = (accumulator >>> bits) & 0xff;
      written += 1;
    }
  }
  if ((accumulator & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}

/** True when every character of `text` is in the base64url alphabet. */
export function isBase64UrlText(text: string): boolean {
  return /^[A-Za-z0-9_-]*$/.test(text);
}
