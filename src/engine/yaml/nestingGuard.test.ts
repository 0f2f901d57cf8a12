import { describe, expect, it } from 'vitest';
import { MAX_BLOCK_INDENT, MAX_FLOW_DEPTH, findExcessiveNesting } from './nestingGuard';

describe('findExcessiveNesting', () => {
  const deepFlow = `a: ${'['.repeat(MAX_FLOW_DEPTH + 1)}${']'.repeat(MAX_FLOW_DEPTH + 1)}\n`;
  const okFlow = `a: ${'['.repeat(MAX_FLOW_DEPTH)}${']'.repeat(MAX_FLOW_DEPTH)}\n`;
  const deepBlock = Array.from({ length: MAX_BLOCK_INDENT / 2 + 2 }, (_, depth) => {
    return `${'  '.repeat(depth)}k${depth}:`;
  }).join('\n');
  const compactSequences = `${'- '.repeat(MAX_BLOCK_INDENT / 2 + 1)}x\n`;

  it.each([
    { name: 'flow nesting over the limit', text: deepFlow, refused: true },
    { name: 'flow nesting at the limit', text: okFlow, refused: false },
    { name: 'deep block maps', text: deepBlock, refused: true },
    { name: 'compact nested sequences', text: compactSequences, refused: true },
    {
      name: 'brackets inside quotes',
      text: `a: "${'['.repeat(500)}"\nb: '${'{'.repeat(500)}'\n`,
      refused: false,
    },
    { name: 'brackets in a comment', text: `a: 1 # ${'['.repeat(500)}\n`, refused: false },
    { name: 'brackets inside a plain scalar', text: `a: b${'['.repeat(500)}\n`, refused: false },
    {
      name: 'an apostrophe does not hide brackets',
      text: `a: don't ${'['.repeat(500)}\n`,
      refused: true,
    },
    {
      name: 'an ordinary manifest',
      text: 'spec:\n  hosts: ["a", b]\n  http:\n  - route: [{destination: {host: x}}]\n',
      refused: false,
    },
  ])('given $name, then refused is $refused', ({ text, refused }) => {
    expect(findExcessiveNesting(text) !== undefined).toBe(refused);
  });

  it('given deep flow nesting, then the offset points at the bracket that crossed the limit', () => {
    expect(findExcessiveNesting(deepFlow)?.offset).toBe(3 + MAX_FLOW_DEPTH);
  });
});
