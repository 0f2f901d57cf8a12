import { describe, expect, it } from 'vitest';
import { validateRegex } from './regex';

describe('RE2 regular expressions', () => {
  it('given a valid RE2 expression, when checked, then there is no problem', () => {
    expect(validateRegex('/api/v[0-9]+/.*', 'uri')).toBeUndefined();
    expect(validateRegex('(?i)/Shop', 'uri')).toBeUndefined();
  });

  it('given an unclosed group, when checked, then the message is Go-like and points to RE2', () => {
    expect(validateRegex('(', 'uri')).toBe(
      '"uri": error parsing regexp: missing closing ): `(`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)',
    );
  });

  it.each(['a(?=b)', '(a)\\1', '(?<!x)y'])(
    'given %j, which JavaScript accepts but RE2 does not, when checked, then it is rejected',
    (expression) => {
      expect(() => new RegExp(expression)).not.toThrow();
      expect(validateRegex(expression, 'headers')).toMatch(/^"headers": error parsing regexp/);
    },
  );

  it('given 1025 bytes, when checked, then the length limit applies before compiling', () => {
    expect(validateRegex('a'.repeat(1024), 'uri')).toBeUndefined();
    expect(validateRegex('a'.repeat(1025), 'uri')).toBe(
      '"uri": regex is too large, max length allowed is 1024',
    );
    // 512 two-byte characters are 1024 bytes; one more is over.
    expect(validateRegex('é'.repeat(513), 'uri')).toBe(
      '"uri": regex is too large, max length allowed is 1024',
    );
  });

  it('given an empty regex, when checked, then it is rejected', () => {
    expect(validateRegex('', 'queryParams')).toBe(
      '"queryParams": regex string match should not be empty',
    );
  });
});
