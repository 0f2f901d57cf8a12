import { isAlias, parseDocument, visit } from 'yaml';
import type { Alias } from 'yaml';
import { describe, expect, it } from 'vitest';
import { resolveAlias, unresolvedAliases } from './aliases';
import { parseFile } from './parseFile';

/** CPU time of `work` in ms: steadier than the wall clock on a shared machine. */
function cpuMilliseconds(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function aliasesOf(text: string) {
  const document = parseDocument(text, { merge: true });
  const aliases: Alias[] = [];
  visit(document, { Alias: (_key, node) => void aliases.push(node) });
  return { document, aliases };
}

describe('alias resolution', () => {
  it('given redefined, nested and self-referring anchors, then each alias resolves as yaml resolves it', () => {
    const { document, aliases } = aliasesOf(
      'a: &x 1\nb: *x\nc: &x {d: *x, e: &y [*y]}\nf: *x\ng: {<<: *x}\nh: *nowhere\n',
    );
    expect(aliases).toHaveLength(6);
    for (const alias of aliases)
      expect(resolveAlias(document, alias)).toBe(alias.resolve(document));
  });

  it('given 5,000 and 20,000 aliases of one anchor, then resolving them takes time linear in their number', () => {
    const resolveAll = (count: number) => {
      const { document, aliases } = aliasesOf(
        `a: &a x\nb: [${Array.from({ length: count }, () => '*a').join(', ')}]\n`,
      );
      let targets: unknown[] = [];
      const time = cpuMilliseconds(() => {
        targets = aliases.map((alias) => resolveAlias(document, alias));
      });
      expect(targets.every((target) => target !== undefined && !isAlias(target))).toBe(true);
      return time;
    };
    resolveAll(1000);
    const small = resolveAll(5000);
    const large = resolveAll(20_000);
    // Four times the aliases: about four times the time. Alias.resolve walks the whole document
    // on every call: sixteen times (over a minute for 20,000 here).
    expect(large / Math.max(small, 1)).toBeLessThan(8);
  }, 60_000);

  it('given aliases to anchors defined later or nowhere, then they are the unresolved ones', () => {
    const { document } = aliasesOf('a: *later\nb: &later 1\nc: *later\nd: *nowhere\n');
    expect(unresolvedAliases(document).map((alias) => alias.source)).toEqual(['later', 'nowhere']);
  });

  it.each([
    { given: 'an alias to an undefined anchor', text: 'metadata:\n  labels: *common\n', line: 2 },
    { given: 'an unquoted wildcard host', text: 'spec:\n  hosts:\n  - *.example.com\n', line: 3 },
  ])('given $given, then the parse reports it at its line', ({ text, line }) => {
    const [document] = parseFile({ name: 'design.yaml', text }).documents;
    expect(document?.diagnostics).toEqual([
      expect.objectContaining({
        code: 'SP0001',
        message: expect.stringMatching(/^Unresolved alias \*\S+: no anchor/),
        range: expect.objectContaining({ line }),
      }),
    ]);
  });
});
