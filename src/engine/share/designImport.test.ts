import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../model/loadDesign';
import {
  appendDocuments,
  checkImportedFile,
  loadDesignInSteps,
  prepareImportedText,
} from './designImport';

const seed = readFileSync(new URL('../../../examples/seed-ingress.yaml', import.meta.url), 'utf8');

describe('importing a file', () => {
  it('given the seed design, then the check counts its documents and resources and keeps the text', () => {
    const check = checkImportedFile('seed.yaml', seed);
    expect(check).toEqual({
      ok: true,
      name: 'seed.yaml',
      text: seed,
      fromJson: false,
      documents: 4,
      resources: 4,
      problems: 0,
    });
  });

  it('given YAML with a syntax error, then it is refused with the file name and line', () => {
    // given the seed and a Service whose name is written twice, five lines after the seed
    const text = `${seed}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n`;
    const line = seed.split('\n').length + 5;
    // then the message names the file and the second name's line and column
    expect(checkImportedFile('broken.yaml', text)).toEqual({
      ok: false,
      name: 'broken.yaml',
      message: `broken.yaml is not valid YAML:\nbroken.yaml, line ${line}, column 3: Map keys must be unique (DUPLICATE_KEY)`,
    });
  });

  it('given empty, binary or resource-less text, then it is refused saying why', () => {
    expect(checkImportedFile('empty.yaml', '  \n\n')).toMatchObject({
      ok: false,
      message: 'empty.yaml is empty.',
    });
    expect(checkImportedFile('image.png', '\u0089PNG\r\n\u001a\n\u0000\u0000')).toMatchObject({
      ok: false,
      message: 'image.png is not a text file.',
    });
    expect(checkImportedFile('notes.yaml', 'shopping:\n- milk\n')).toMatchObject({
      ok: false,
      message: expect.stringContaining('notes.yaml holds no Kubernetes resource'),
    });
  });

  it('given a kind: List, then its items count as resources', () => {
    const list =
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: shop}\n';
    expect(checkImportedFile('list.yaml', list)).toMatchObject({
      ok: true,
      documents: 1,
      resources: 2,
    });
  });

  it('given JSON, then it becomes block YAML with the same resources, keys in order', () => {
    // Written by hand: JSON.stringify would put the integer-like key "1" first.
    const json =
      '{"apiVersion": "v1", "kind": "Service",\n' +
      ' "metadata": {"name": "web", "labels": {"2": "b", "1": "a", "version": "true"}},\n' +
      ' "spec": {"ports": [{"port": 80, "name": "http"}]}}\n';
    const prepared = prepareImportedText('web.json', `\ufeff${json}`);
    expect(prepared).toEqual({
      fromJson: true,
      text: [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: web',
        '  labels:',
        '    "2": b',
        '    "1": a',
        '    version: "true"',
        'spec:',
        '  ports:',
        '    - port: 80',
        '      name: http',
        '',
      ].join('\n'),
    });
    const model = loadDesign([{ name: 'web.yaml', text: prepared.text }]).model;
    expect(model.services[0]?.labels).toEqual({ '1': 'a', '2': 'b', version: 'true' });
  });

  it('given a JSON array, then each element is a document', () => {
    const prepared = prepareImportedText(
      'all.json',
      '[{"apiVersion":"v1","kind":"Service","metadata":{"name":"a"}},{"apiVersion":"v1","kind":"Service","metadata":{"name":"b"}}]',
    );
    expect(prepared.text).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n',
    );
  });

  it('given a .json file that is not JSON, then it is read as YAML and errors point at its lines', () => {
    expect(prepareImportedText('odd.json', 'kind: Service\n')).toEqual({
      text: 'kind: Service\n',
      fromJson: false,
    });
    const check = checkImportedFile('bad.json', '{\n  "kind": "Service",\n  "metadata": {\n}');
    expect(check.ok === false && check.message).toMatch(/bad\.json, line \d+/);
  });

  it('given JSON nested 20,000 levels deep, then it stays as written and is refused at its line and column', () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    expect(prepareImportedText('deep.json', deep)).toEqual({ text: deep, fromJson: false });
    const check = checkImportedFile('deep.json', deep);
    expect(check.ok === false && check.message).toMatch(
      /deep\.json, line 1, column 501: Nesting is too deep/,
    );
  });

  it('given a large design, then parsing in steps reports progress and gives what loadDesign gives', () => {
    // given 120 Services and VirtualServices, one per document
    const documents = Array.from({ length: 120 }, (_, index) =>
      index % 2 === 0
        ? `apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${index}\nspec:\n  ports:\n  - port: 80\n`
        : `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: app-${index - 1}\nspec:\n  hosts: [app-${index - 1}]\n  http:\n  - route:\n    - destination: {host: app-${index - 1}}\n`,
    );
    const text = documents.join('---\n');
    const seen: number[] = [];
    const design = loadDesignInSteps({ name: 'mesh.yaml', text }, (done, total) => {
      expect(total).toBe(documents.length);
      seen.push(done);
    });
    // then progress rises step by step to every document
    expect(seen.length).toBeGreaterThan(5);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(documents.length);
    // and the design is the one loadDesign makes
    const direct = loadDesign([{ name: 'mesh.yaml', text }]);
    expect(design.model.resources.map((resource) => resource.key)).toEqual(
      direct.model.resources.map((resource) => resource.key),
    );
    expect(design.model.diagnostics).toEqual(direct.model.diagnostics);
  });
});

describe('adding documents to a design', () => {
  it('given a design and files, then each file follows after one --- line', () => {
    expect(appendDocuments('a: 1\n', ['b: 2\n', 'c: 3'])).toBe('a: 1\n---\nb: 2\n---\nc: 3');
    expect(appendDocuments('a: 1', ['b: 2\n'])).toBe('a: 1\n---\nb: 2\n');
  });

  it('given a file that opens with ---, then no second marker is added', () => {
    expect(appendDocuments('a: 1\n', ['# header\n---\nb: 2\n'])).toBe(
      'a: 1\n# header\n---\nb: 2\n',
    );
    expect(appendDocuments('a: 1\n', ['---\r\nb: 2\r\n'])).toBe('a: 1\n---\r\nb: 2\r\n');
  });

  it('given an empty design, then the files replace it', () => {
    expect(appendDocuments('\n  \n', ['b: 2\n', 'c: 3\n'])).toBe('b: 2\n---\nc: 3\n');
  });

  it('given the seed appended to itself, then the design has each resource twice', () => {
    const twice = appendDocuments(seed, [seed]);
    const model = loadDesign([{ name: 'design.yaml', text: twice }]).model;
    expect(loadDesign([{ name: 'design.yaml', text: twice }]).files[0]?.documents).toHaveLength(8);
    expect(model.diagnostics.some((diagnostic) => /defined twice/.test(diagnostic.message))).toBe(
      true,
    );
  });
});
