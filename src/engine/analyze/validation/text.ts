/**
 * Length of a string in UTF-8 bytes: Go measures lengths in bytes, and the engine has no
 * TextEncoder (its tsconfig has neither DOM nor Node types).
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
  return bytes;
}
