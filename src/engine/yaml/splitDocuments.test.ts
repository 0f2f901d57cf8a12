import { describe, expect, it } from 'vitest';
import { splitDocuments } from './splitDocuments';

describe('splitDocuments', () => {
  it.each([
    { name: 'empty text', text: '', chunks: [''] },
    { name: 'one document', text: 'a: 1\n', chunks: ['a: 1\n'] },
    { name: 'two documents', text: 'a: 1\n---\nb: 2\n', chunks: ['a: 1\n', '---\nb: 2\n'] },
    {
      name: 'leading marker after comments',
      text: '# head\n---\na: 1\n---\nb: 2',
      chunks: ['# head\n---\na: 1\n', '---\nb: 2'],
    },
    { name: 'leading marker', text: '---\na: 1\n', chunks: ['---\na: 1\n'] },
    { name: 'trailing marker', text: 'a: 1\n---\n', chunks: ['a: 1\n', '---\n'] },
    {
      name: 'directive before marker',
      text: 'a: 1\n...\n%YAML 1.2\n---\nb: 2\n',
      chunks: ['a: 1\n...\n', '%YAML 1.2\n---\nb: 2\n'],
    },
    {
      name: 'bare document after an end marker',
      text: 'a: 1\n...\nb: 2\n',
      chunks: ['a: 1\n...\n', 'b: 2\n'],
    },
    {
      name: 'comment after the last end marker',
      text: 'a: 1\n...\n# tail\n',
      chunks: ['a: 1\n...\n# tail\n'],
    },
    {
      name: 'marker with content and CRLF',
      text: 'a: 1\r\n--- |\r\n  text\r\n',
      chunks: ['a: 1\r\n', '--- |\r\n  text\r\n'],
    },
    {
      name: 'dashes that are not a marker',
      text: 'a: ---x\n----\n  --- \nb: "---"\n',
      chunks: ['a: ---x\n----\n  --- \nb: "---"\n'],
    },
  ])('given $name, when split, then the chunks are $chunks', ({ text, chunks }) => {
    const result = splitDocuments(text);
    expect(result.map((chunk) => chunk.text)).toEqual(chunks);
    expect(result.map((chunk) => chunk.text).join('')).toBe(text);
    for (const chunk of result) expect(text.startsWith(chunk.text, chunk.offset)).toBe(true);
  });
});
