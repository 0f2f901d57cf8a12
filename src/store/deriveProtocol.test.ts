import { describe, expect, it } from 'vitest';
import { editsForFile, isRefused, locate, planIntent, type Diagnostic } from '../engine';
import { deriveDocument } from './derive';
import {
  createDeriveSession,
  DERIVE_LISTS,
  PART_SIZE,
  type DeriveList,
  type DeriveProgress,
  type DeriveReply,
  type DeriveResult,
  type DeriveSummary,
} from './deriveProtocol';
import { derivedFromWorker } from './largeDesign';
import { meshOf } from './testMeshes';

const NAME = 'design.yaml';

/**
 * Runs the derive worker's real body on one text, the replies structured-cloned as a worker's
 * messages are, and joins them as the page's reader does.
 */
function runSession(texts: readonly string[], silenced: readonly string[] = []) {
  const replies: DeriveReply[] = [];
  // Small batches and no throttle: a report after every 8 KB of parsed text.
  const session = createDeriveSession((reply) => replies.push(structuredClone(reply)), {
    batchCharacters: 8 * 1024,
    every: 0,
  });
  texts.forEach((text, index) => session.handle({ id: index + 1, name: NAME, text, silenced }));
  const lastId = texts.length;
  const mine = replies.filter((reply) => reply.id === lastId);
  const progress: DeriveProgress[] = [];
  const parts = Object.fromEntries(DERIVE_LISTS.map((list) => [list, [] as unknown[]])) as Record<
    DeriveList,
    unknown[]
  >;
  const partSizes: number[] = [];
  let summary: DeriveSummary | undefined;
  for (const reply of mine) {
    if (reply.type === 'progress') progress.push(reply.progress);
    else if (reply.type === 'part') {
      partSizes.push(reply.items.length);
      parts[reply.list].push(...reply.items);
    } else summary = reply.summary;
  }
  if (summary === undefined) throw new Error('no summary');
  const result = { ...parts, summary } as unknown as DeriveResult;
  return { session, progress, partSizes, result, last: mine.at(-1) };
}

const codes = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((diagnostic) => `${diagnostic.code}@${diagnostic.range?.start ?? -1}`);

describe('the derive worker protocol', () => {
  const text = meshOf(120);
  const mesh = { text, documents: text.split('---\n') };

  it('given a large text, when the session derives it, then it reports progress by document and posts what the page derives itself', () => {
    const { progress, partSizes, result, last } = runSession([mesh.text]);
    const total = mesh.documents.length;
    expect(progress[0]).toMatchObject({ stage: 'parsing', total });
    expect(progress.at(-1)).toEqual({ stage: 'checking', parsed: total, total });
    const parsed = progress.map((step) => step.parsed);
    expect(parsed).toEqual([...parsed].sort((a, b) => a - b));
    // Several steps: the batches of the parse are reported as they finish.
    expect(progress.filter((step) => step.stage === 'parsing').length).toBeGreaterThan(2);
    expect(Math.max(...partSizes)).toBeLessThanOrEqual(PART_SIZE);
    expect(last?.type).toBe('done');

    const onPage = deriveDocument(NAME, mesh.text, 7, undefined);
    const fromWorker = derivedFromWorker(NAME, mesh.text, 7, result);
    expect(fromWorker.version).toBe(7);
    expect(fromWorker.syntaxErrors).toBe(0);
    expect(fromWorker.design.model).toEqual(onPage.design.model);
    expect(fromWorker.topology).toEqual(onPage.topology);
    expect(fromWorker.diagnostics).toEqual(onPage.diagnostics);
    expect(fromWorker.design.files[0]?.lineStarts).toEqual(onPage.design.files[0]?.lineStarts);
    expect(fromWorker.design.files[0]?.documents.map((document) => document.offset)).toEqual(
      onPage.design.files[0]?.documents.map((document) => document.offset),
    );
  });

  it("given the page's copy of a worker derivation, when something reads a document, then it is parsed alone and gives the same ranges and edits as the page's own parse", () => {
    const { result } = runSession([mesh.text]);
    const fromWorker = derivedFromWorker(NAME, mesh.text, 1, result);
    const onPage = deriveDocument(NAME, mesh.text, 1, undefined);
    const virtualService = onPage.design.model.virtualServices[5];
    if (virtualService === undefined) throw new Error('the mesh has no VirtualService');
    const path = ['spec', 'http', 0, 'route', 0, 'destination', 'host'];
    expect(locate(fromWorker.design, virtualService.key, path)).toEqual(
      locate(onPage.design, virtualService.key, path),
    );
    const document = virtualService.origin.documentIndex;
    expect(fromWorker.design.files[0]?.documents[document]?.tree.toJS()).toEqual(
      onPage.design.files[0]?.documents[document]?.tree.toJS(),
    );
    const intent = { type: 'resource.rename', key: virtualService.key, name: 'renamed' } as const;
    const planned = planIntent(fromWorker.design, intent);
    const expected = planIntent(onPage.design, intent);
    if (isRefused(planned) || isRefused(expected)) throw new Error('the rename was refused');
    expect(editsForFile(planned.edits, NAME)).toEqual(editsForFile(expected.edits, NAME));
  });

  it('given an edit of one document, when the session derives the new text, then it parses that document only and keeps the others', () => {
    const target = mesh.documents[10] ?? '';
    expect(mesh.text.split(target)).toHaveLength(2);
    const edited = mesh.text.replace(target, `${target.trimEnd()}\n# edited\n`);
    const { session, progress, result } = runSession([mesh.text, edited]);
    expect(result.summary.reparsed).toBe(1);
    expect(progress[0]).toMatchObject({ parsed: mesh.documents.length - 1 });
    const fromWorker = derivedFromWorker(NAME, edited, 2, result);
    const onPage = deriveDocument(NAME, edited, 2, undefined);
    expect(fromWorker.design.model).toEqual(onPage.design.model);
    expect(fromWorker.topology).toEqual(onPage.topology);
    // The worker's own design keeps the untouched documents' parses.
    expect(session.design?.files[0]?.text).toBe(edited);
  });

  it('given hostile documents (deep nesting, an alias bomb, broken YAML) among good ones, then they are marked as the page marks them and the rest is modelled', () => {
    const deep = `---\nkind: ConfigMap\ndata: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const bomb = [
      '---',
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      '',
    ].join('\n');
    const broken = '---\nkind: Service\nmetadata: {name: "unclosed\n';
    const text = `${mesh.text}${deep}${bomb}${broken}`;
    const { result } = runSession([text]);
    const fromWorker = derivedFromWorker(NAME, text, 1, result);
    const onPage = deriveDocument(NAME, text, 1, undefined);
    expect(codes(fromWorker.diagnostics)).toEqual(codes(onPage.diagnostics));
    expect(
      fromWorker.diagnostics.filter((diagnostic) => diagnostic.code === 'SP0003'),
    ).toHaveLength(2);
    expect(fromWorker.syntaxErrors).toBe(onPage.syntaxErrors);
    expect(fromWorker.design.model.resources.length).toBe(onPage.design.model.resources.length);
  });

  it('given silenced findings, then the worker leaves them out as the page does', () => {
    const text = `${mesh.text}---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: lost\nspec:\n  hosts: [lost]\n  http:\n  - route:\n    - destination:\n        host: nowhere\n`;
    // IST0101: the host is not in the design.
    const all = derivedFromWorker(NAME, text, 1, runSession([text]).result);
    const finding = all.diagnostics.find((diagnostic) => diagnostic.code === 'IST0101');
    if (finding === undefined) throw new Error('no finding to silence');
    const silenced = derivedFromWorker(NAME, text, 1, runSession([text], [finding.code]).result);
    expect(silenced.diagnostics.some((diagnostic) => diagnostic.code === finding.code)).toBe(false);
    expect(silenced.diagnostics).toEqual(
      deriveDocument(NAME, text, 1, undefined, [finding.code]).diagnostics,
    );
  });
});
