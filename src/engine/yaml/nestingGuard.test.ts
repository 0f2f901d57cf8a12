import { describe, expect, it } from 'vitest';
import { MAX_BLOCK_INDENT, MAX_FLOW_DEPTH, findExcessiveNesting } from './nestingGuard';

describe('findExcessiveNesting', () => {
  const deepFlow = `a: ${'['.repeat(MAX_FLOW_DEPTH + 1)}${']'.repeat(MAX_FLOW_DEPTH + 1)}\n`;
  const okFlow = `a: ${'['.repeat(MAX_FLOW_DEPTH)}${']'.repeat(MAX_FLOW_DEPTH)}\n`;
  const deepBlock = Array.from({ length: MAX_BLOCK_INDENT / 2 + 2 }, (_, depth) => {
    return `${'  '.repeat(depth)}k${depth}:`;
  }).join('\n');
  const compactSequences = `${'- '.repeat(MAX_BLOCK_INDENT / 2 + 1)}x\n`;
  const deepBrackets = `${'['.repeat(MAX_FLOW_DEPTH + 1)}${']'.repeat(MAX_FLOW_DEPTH + 1)}`;

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
    // A plain scalar may hold brackets and apostrophes: the parser reads one string, no nesting.
    {
      name: 'brackets after an apostrophe in a plain scalar',
      text: `a: don't ${'['.repeat(500)}\n`,
      refused: false,
    },
    {
      name: 'deep indentation inside a block scalar',
      text: `a: |\n${' '.repeat(1000)}x\n`,
      refused: false,
    },
    {
      name: 'a deeply indented comment',
      text: `a: 1\n${' '.repeat(1000)}# note\n`,
      refused: false,
    },
    // Each of these fooled a character scanner into missing what the parser nests.
    { name: 'flow nesting right after an anchor', text: `a: &x${deepBrackets}\n`, refused: true },
    { name: 'flow nesting right after a tag', text: `a: !t${deepBrackets}\n`, refused: true },
    {
      name: 'flow nesting after a quote inside a plain flow scalar',
      text: `a: [b:'x, ${deepBrackets}]\n`,
      refused: true,
    },
    {
      name: 'flow nesting after an apostrophe in a plain scalar',
      text: `a: b 'c\nd: ${deepBrackets}\n`,
      refused: true,
    },
    {
      name: 'block nesting after an apostrophe in a plain scalar',
      text: `a: b 'c\n${deepBlock}\n`,
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
