import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { reportDuplicateKeys } from './duplicateKeys';
import { parseFile } from './parseFile';

/** CPU time of `work` in ms: steadier than the wall clock on a shared machine. */
function cpuMilliseconds(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const options = { merge: true, prettyErrors: false, logLevel: 'silent' } as const;

function errorsOf(text: string, check: 'parser' | 'ours') {
  const document = parseDocument(text, { ...options, uniqueKeys: check === 'parser' });
  if (check === 'ours') reportDuplicateKeys(document);
  return document.errors.map((error) => [error.code, error.pos, error.message]);
}

describe('duplicate keys', () => {
  it.each([
    'a: 1\nb: 2\na: 3\n',
    'a: 1\n"a": 2\n',
    '1: a\n1.0: b\n',
    '&x a: 1\n!t a: 2\n',
    '? a\n: 1\n? a\n: 2\n',
    '{a: 1, b: 2, a: 3}\n',
    '- {x: 1, x: 2}\n- y: 1\n  y: 2\n',
    '<<: {x: 1}\n<<: {y: 2}\n',
    '~: 1\nnull: 2\n',
    '.nan: 1\n.nan: 2\n',
    '[a]: 1\n[a]: 2\n',
    'a:\n  b: 1\n  b: 2\nb: 3\n',
  ])('given %j, then the errors are the parser’s own', (text) => {
    expect(errorsOf(text, 'ours')).toEqual(errorsOf(text, 'parser'));
  });

  it('given maps of 5,000 and 20,000 keys, then finding a repeat takes time linear in the size', () => {
    const parseKeys = (count: number) => {
      const keys = Array.from({ length: count }, (_, index) => `  k${index}: v`);
      const text = `labels:\n${keys.join('\n')}\n  k7: again\n`;
      let lines: (number | undefined)[] = [];
      const time = cpuMilliseconds(() => {
        const [document] = parseFile({ name: 'design.yaml', text }).documents;
        lines = document?.diagnostics.map((diagnostic) => diagnostic.range?.line) ?? [];
      });
      return { time, lines };
    };
    parseKeys(1000);
    const small = parseKeys(5000);
    const large = parseKeys(20_000);
    expect(large.lines).toEqual([20_002]);
    // Four times the keys: about four times the time. The parser's own check compares each key
    // with every earlier one: sixteen times (18 s for 20,000 keys here).
    expect(large.time / small.time).toBeLessThan(8);
  }, 60_000);
});
