import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/buildModel';
import { parseFile } from './parseFile';
import { MAX_CHECKED_DIAGNOSTICS, toSyntaxCheck, unparsedFile } from './syntaxCheck';

const service = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {ports: [{port: 80}]}\n`;
const broken = `${service('a')}---\n${service('b')}metadata: {name: "unclosed\n---\n${service('c')}`;

describe('syntax checks', () => {
  it('given a file with a broken document, then the check carries its errors by document as plain data', () => {
    const check = toSyntaxCheck(parseFile({ name: 'design.yaml', text: broken }));
    expect(check.errors).toBeGreaterThan(0);
    expect(check.documents.map((document) => document.diagnostics.length > 0)).toEqual([
      false,
      true,
      false,
    ]);
    expect(check.documents[1]?.diagnostics[0]?.range).toMatchObject({ file: 'design.yaml' });
    // Plain data: it survives a structured clone (a worker's postMessage) unchanged.
    expect(structuredClone(check)).toEqual(check);
  });

  it('given binary garbage, then the errors are all counted but only the first are carried', () => {
    const garbage = Array.from({ length: 3000 }, (_, line) => `\t${line}: [\n`).join('');
    const check = toSyntaxCheck(parseFile({ name: 'garbage.yaml', text: garbage }));
    const carried = check.documents.reduce((sum, document) => sum + document.diagnostics.length, 0);
    expect(carried).toBe(MAX_CHECKED_DIAGNOSTICS);
    expect(check.errors).toBeGreaterThan(MAX_CHECKED_DIAGNOSTICS);
  });

  it('given a check, then the unparsed file has its documents, their diagnostics and an empty model', () => {
    const check = toSyntaxCheck(parseFile({ name: 'design.yaml', text: broken }));
    const extra = { code: 'SP0003', level: 'error' as const, message: 'too large' };
    const file = unparsedFile({ name: 'design.yaml', text: broken }, check, [extra]);
    expect(file.text).toBe(broken);
    expect(file.documents.map((document) => document.offset)).toEqual(
      check.documents.map((document) => document.offset),
    );
    expect(file.documents[0]?.diagnostics).toEqual([extra]);
    expect(file.documents[1]?.diagnostics).toEqual(check.documents[1]?.diagnostics);
    const model = buildModel([file]);
    expect(model.resources).toEqual([]);
    expect(model.diagnostics.map((diagnostic) => diagnostic.message)).toContain('too large');
  });

  it('given an unparsed file as the previous parse, then parseFile reads every document afresh', () => {
    const text = `${service('a')}---\n${service('b')}`;
    const unparsed = unparsedFile({ name: 'design.yaml', text }, undefined);
    const parsed = parseFile({ name: 'design.yaml', text: `${text}\n` }, unparsed);
    expect(buildModel([parsed]).resources.map((resource) => resource.name)).toEqual(['a', 'b']);
  });
});
