import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url';

describe('base64url', () => {
  it('given bytes of every length and value, then decoding the encoding gives them back', () => {
    for (let length = 0; length < 70; length += 1) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 97 + length * 31) % 256);
      const encoded = toBase64Url(bytes);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(encoded)).toEqual(bytes);
    }
  });

  it('given the RFC 4648 test vectors, then the url-safe alphabet is used without padding', () => {
    const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
    expect(toBase64Url(ascii('foobar'))).toBe('Zm9vYmFy');
    expect(toBase64Url(ascii('fooba'))).toBe('Zm9vYmE');
    expect(toBase64Url(ascii('f'))).toBe('Zg');
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
    expect(fromBase64Url('-_8')).toEqual(Uint8Array.of(0xfb, 0xff));
  });

  it('given text no encoder produces, then decoding refuses it', () => {
    expect(fromBase64Url('Zm9v+mFy')).toBeUndefined(); // standard alphabet, not url-safe
    expect(fromBase64Url('Zm9vYmE=')).toBeUndefined(); // padding
    expect(fromBase64Url('Zm9vY')).toBeUndefined(); // a length of 4n + 1
    expect(fromBase64Url('Zh')).toBeUndefined(); // stray bits after the last byte
    expect(fromBase64Url('Zm9v\u00e9')).toBeUndefined(); // non-ASCII
  });
});
