import { describe, expect, it } from 'vitest';
import { MAX_FLOW_DEPTH } from './nestingGuard';
import { parseFile } from './parseFile';

const twoDocuments = [
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: a}',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: b}',
  '',
].join('\n');

describe('parseFile', () => {
  it('given two documents, when parsed, then each keeps its own text, offset and index', () => {
    const file = parseFile({ name: 'design.yaml', text: twoDocuments });
    expect(file.documents.map((document) => document.index)).toEqual([0, 1]);
    expect(file.documents.map((document) => document.offset)).toEqual([
      0,
      twoDocuments.indexOf('---'),
    ]);
    expect(file.documents[1]?.document.toJS()).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'b' },
    });
    expect(file.documents.every((document) => document.diagnostics.length === 0)).toBe(true);
  });

  it('given JSON, when parsed, then it is one document', () => {
    const file = parseFile({
      name: 'x.json',
      text: '{"kind": "Service", "metadata": {"name": "a"}}',
    });
    expect(file.documents).toHaveLength(1);
    expect(file.documents[0]?.document.toJS()).toEqual({
      kind: 'Service',
      metadata: { name: 'a' },
    });
  });

  it.each([
    {
      name: 'unclosed quote',
      text: 'a: 1\n---\nb: "open\n',
      code: 'SP0001',
      yamlCode: 'MISSING_CHAR',
      // The parser reports the missing quote where it expected it: the end of the scalar.
      line: 4,
    },
    {
      name: 'duplicate key',
      text: 'a: 1\n---\nb: 1\nb: 2\n',
      code: 'SP0001',
      yamlCode: 'DUPLICATE_KEY',
      line: 4,
    },
    {
      name: 'tab indentation',
      text: 'a:\n\t- b\n',
      code: 'SP0001',
      yamlCode: 'TAB_AS_INDENT',
      line: 2,
    },
    {
      name: 'unknown tag',
      text: 'x: 1\n---\na: !foo b\n',
      code: 'SP0002',
      yamlCode: 'TAG_RESOLVE_FAILED',
      line: 3,
    },
    {
      name: 'nesting too deep',
      text: `a: 1\n---\nb: ${'['.repeat(MAX_FLOW_DEPTH + 5)}\n`,
      code: 'SP0003',
      yamlCode: 'RESOURCE_EXHAUSTION',
      line: 3,
    },
  ])(
    'given $name, when parsed, then a $code diagnostic names line $line',
    ({ text, code, yamlCode, line }) => {
      const file = parseFile({ name: 'bad.yaml', text });
      const diagnostics = file.documents.flatMap((document) => document.diagnostics);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]?.code).toBe(code);
      expect(diagnostics[0]?.message).toContain(yamlCode);
      expect(diagnostics[0]?.range?.file).toBe('bad.yaml');
      expect(diagnostics[0]?.range?.line).toBe(line);
    },
  );

  it('given a duplicate key, then the range covers exactly the repeated key', () => {
    const text = 'a: 1\n---\nb: 1\nb: 2\n';
    const [diagnostic] = parseFile({ name: 'f', text }).documents.flatMap((d) => d.diagnostics);
    expect(text.slice(diagnostic?.range?.start, diagnostic?.range?.end)).toBe('b');
    expect(diagnostic?.range?.start).toBe(text.lastIndexOf('b:'));
  });

  it('given hostile input, when parsed, then it never throws', () => {
    const bomb = [
      'a: &a ["l","l","l","l","l","l","l","l","l"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    ].join('\n');
    for (const text of [
      bomb,
      '\u0000\uffff',
      '{'.repeat(5000),
      `${'- '.repeat(3000)}x`,
      ']]]:::',
    ]) {
      expect(() => parseFile({ name: 'h.yaml', text })).not.toThrow();
    }
  });
});

describe('ParsedDocument.tree and .document', () => {
  const file = parseFile({ name: 'design.yaml', text: twoDocuments });
  const parsed = file.documents[0];

  it('given a parse, then tree has no source tokens and document has them, with the same content', () => {
    const treeRoot = parsed?.tree.contents as { srcToken?: unknown } | null;
    const documentRoot = parsed?.document.contents as { srcToken?: unknown } | null;
    expect(treeRoot?.srcToken).toBeUndefined();
    expect(documentRoot?.srcToken).toMatchObject({ type: 'block-map' });
    expect(parsed?.document.toJS()).toEqual(parsed?.tree.toJS());
    expect(parsed?.document.contents?.range).toEqual(parsed?.tree.contents?.range);
  });

  it('given document read twice, then it is parsed once', () => {
    expect(parsed?.document).toBe(parsed?.document);
  });

  it('given a spread ParsedDocument, then document is still there', () => {
    const copy = { ...parsed };
    expect(copy.document).toBe(parsed?.document);
  });

  it('given a document the guards refused, then document is the tree and never parsed', () => {
    const refused = parseFile({ name: 'h.yaml', text: `a: ${'['.repeat(MAX_FLOW_DEPTH + 5)}\n` });
    const only = refused.documents[0];
    expect(only?.document).toBe(only?.tree);
    expect(only?.tree.errors.map((error) => error.code)).toEqual(['RESOURCE_EXHAUSTION']);
  });
});

describe('parseFile with a previous parse', () => {
  const first = parseFile({ name: 'design.yaml', text: twoDocuments });

  it('given the same text, then the previous parse is returned as is', () => {
    expect(parseFile({ name: 'design.yaml', text: twoDocuments }, first)).toBe(first);
  });

  it('given an edit in the second document, then the first keeps its ParsedDocument object', () => {
    const edited = parseFile(
      { name: 'design.yaml', text: twoDocuments.replace('name: b', 'name: bb') },
      first,
    );
    expect(edited.documents[0]).toBe(first.documents[0]);
    expect(edited.documents[1]).not.toBe(first.documents[1]);
    expect(edited.documents[1]?.document.toJS().metadata).toEqual({ name: 'bb' });
  });

  it('given an edit in the first document, then the second reuses its Document at a new offset', () => {
    const text = twoDocuments.replace('name: a', 'name: alpha\n  # note');
    const edited = parseFile({ name: 'design.yaml', text }, first);
    const second = edited.documents[1];
    expect(second?.tree).toBe(first.documents[1]?.tree);
    expect(second?.document).toBe(first.documents[1]?.document);
    expect(second?.offset).toBe(text.indexOf('---'));
    expect(second?.index).toBe(1);
  });

  it('given a document inserted in front, then the others shift index but keep their Documents', () => {
    const text = `apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n---\n${twoDocuments}`;
    const edited = parseFile({ name: 'design.yaml', text }, first);
    expect(edited.documents).toHaveLength(3);
    expect(edited.documents[2]?.tree).toBe(first.documents[1]?.tree);
    expect(edited.documents[2]?.index).toBe(2);
  });

  it('given a same-length edit that adds a line before a broken document, then its diagnostics move down', () => {
    const broken = 'a: x y\n---\nb: "open\n';
    const before = parseFile({ name: 'f', text: broken });
    const after = parseFile({ name: 'f', text: broken.replace('x y', 'x\ny') }, before);
    expect(after.documents[1]?.offset).toBe(before.documents[1]?.offset);
    expect(after.documents[1]).not.toBe(before.documents[1]);
    expect(after.documents[1]?.tree).toBe(before.documents[1]?.tree);
    expect(after.documents[1]?.diagnostics[0]?.range?.line).toBe(
      (before.documents[1]?.diagnostics[0]?.range?.line ?? 0) + 1,
    );
  });
});
