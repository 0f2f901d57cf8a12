import { describe, expect, it } from 'vitest';
import { insertedText, suggestionIsTyped } from './enterEndsTypedValue';

describe('Enter and an open suggestion list', () => {
  it.each([
    { line: 'apiVersion: v1', insert: 'v1', typed: true },
    { line: 'kind: Service', insert: 'Service', typed: true },
    { line: '  - name: http', insert: 'http', typed: true },
    { line: 'protocol: "HTTP', insert: 'HTTP', typed: true },
    { line: 'mode: SIMPLE', insert: '${1:SIMPLE}', typed: true },
    // Part of the value, or another value: Enter takes the suggestion.
    { line: 'kind: Servi', insert: 'Service', typed: false },
    { line: 'apiVersion: v1', insert: 'networking.istio.io/v1', typed: false },
    { line: 'apiVersion: xv1', insert: 'v1', typed: false },
    { line: 'apiVersion: v1', insert: '1', typed: false },
    { line: 'spec:', insert: 'spec:\n  $0', typed: false },
    { line: '', insert: '', typed: false },
  ])('given "$line" and "$insert" offered, then typed out: $typed', ({ line, insert, typed }) => {
    expect(suggestionIsTyped(line, insert)).toBe(typed);
  });

  it('given a snippet, then the text it inserts is read without its placeholders', () => {
    expect(insertedText('${1:name}: $2')).toBe('name: ');
    expect(insertedText('port: ${1}$0')).toBe('port: ');
    expect(insertedText('a\\$b')).toBe('a$b');
  });
});
