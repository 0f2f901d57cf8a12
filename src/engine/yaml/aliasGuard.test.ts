import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exceedsAliasExpansion } from './aliasGuard';

function laughs(levels: number, fanOut = 10): string {
  const lines = [`l0: &l0 [${Array.from({ length: fanOut }, () => '"lol"').join(', ')}]`];
  for (let level = 1; level <= levels; level += 1) {
    lines.push(
      `l${level}: &l${level} [${Array.from({ length: fanOut }, () => `*l${level - 1}`).join(', ')}]`,
    );
  }
  return lines.join('\n');
}

describe('exceedsAliasExpansion', () => {
  it.each([
    { name: 'no aliases', text: 'a: 1\nb: [1, 2, 3]\n', limit: 10, exceeds: false },
    { name: 'a few aliases', text: 'a: &x {k: v}\nb: *x\nc: *x\n', limit: 10, exceeds: false },
    { name: 'aliases that add more than the limit', text: laughs(2), limit: 100, exceeds: true },
    { name: 'aliases just under the limit', text: laughs(1), limit: 200, exceeds: false },
    { name: 'a billion laughs', text: laughs(9), limit: 100_000, exceeds: true },
    {
      name: 'merge keys',
      text: 'base: &b {x: 1, y: 2}\nm: {<<: *b, z: 3}\n',
      limit: 10,
      exceeds: false,
    },
  ])('given $name, then exceeds is $exceeds', ({ text, limit, exceeds }) => {
    const document = parseDocument(text, { merge: true });
    expect(exceedsAliasExpansion(document, limit)).toBe(exceeds);
  });

  it('given a billion laughs, then the check finishes fast (it never expands)', () => {
    const document = parseDocument(laughs(30, 30));
    const start = performance.now();
    expect(exceedsAliasExpansion(document)).toBe(true);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
