import { describe, expect, it } from 'vitest';
import { compileRegex, regexFullMatch, regexReplaceAll } from './regex';

describe('regexFullMatch', () => {
  it.each([
    // given a pattern, when matched against the input, then the whole input must match
    { pattern: '/users/[0-9]+', input: '/users/42', matches: true },
    { pattern: '/users/[0-9]+', input: '/users/42/orders', matches: false },
    { pattern: '/users/[0-9]+', input: '/v1/users/42', matches: false },
    { pattern: '(?i)bob', input: 'BOB', matches: true },
    { pattern: '(?i)bob', input: 'bobby', matches: false },
    { pattern: '\\d+', input: 'a123', matches: false },
    { pattern: '(', input: '(', matches: false },
  ])('$pattern against $input is $matches', ({ pattern, input, matches }) => {
    expect(regexFullMatch(pattern, input)).toBe(matches);
  });

  it('given a backtracking bomb, when matched, then it answers in linear time', () => {
    const started = Date.now();
    expect(regexFullMatch('(a+)+$', `${'a'.repeat(5000)}b`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('compileRegex', () => {
  it('given an invalid RE2 pattern, then it reports the parse error', () => {
    const result = compileRegex('(');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain('missing closing )');
  });

  it('given a lookbehind (not RE2), then it does not compile', () => {
    expect(compileRegex('(?<=a)b').ok).toBe(false);
  });

  it('given a pattern over 1024 characters, then it is refused as Istio does', () => {
    expect(compileRegex('a'.repeat(1025)).ok).toBe(false);
  });
});

describe('regexReplaceAll', () => {
  it.each([
    {
      pattern: '^/service/([^/]+)(/.*)$',
      input: '/service/foo/v1/api',
      substitution: '\\2/instance/\\1',
      output: '/v1/api/instance/foo',
    },
    { pattern: 'one', input: '/x/one/y/one', substitution: 'two', output: '/x/two/y/two' },
    { pattern: 'a*', input: 'baaac', substitution: 'X', output: 'XbXcX' },
    { pattern: 'z', input: '/none', substitution: 'y', output: '/none' },
    { pattern: '(b)', input: 'abc', substitution: '[\\\\\\1]', output: 'a[\\b]c' },
  ])('$pattern on $input gives $output', ({ pattern, input, substitution, output }) => {
    expect(regexReplaceAll(pattern, input, substitution)).toBe(output);
  });
});
