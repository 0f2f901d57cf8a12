import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostics';
import { applyEdits } from './edits/applyEdits';
import { ADDABLE_KINDS, isRefused } from './edits/intents';
import type { Intent } from './edits/intents';
import { editsForFile, planIntent } from './edits/planIntent';
import { analyze } from './analyze';
import { buildTopology } from './graph/buildTopology';
import { loadDesign } from './model/loadDesign';
import { readyRequests } from './simulate/readyRequests';
import { simulate } from './simulate/simulate';
import { splitDocuments } from './yaml/splitDocuments';

// Random damage to real designs (bytes and YAML tokens inserted, text deleted) and random gestures
// on whatever is left: the engine reports problems, it never throws, and an edit never touches a
// document it was not aimed at.

const FILE = 'design.yaml';
const examples = new URL('../../examples/', import.meta.url);
const designs = readdirSync(examples)
  .filter((name) => name.endsWith('.yaml') && !name.endsWith('.tests.yaml'))
  .map((name) => readFileSync(new URL(name, examples), 'utf8'));

/** Pieces of YAML syntax and of hostile text, inserted where they do the most harm. */
const TOKENS = [
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  ': ',
  '- ',
  '? ',
  '"',
  "'",
  '\\',
  '#',
  '&a ',
  '*a',
  '*',
  '!!binary ',
  '!tag ',
  '|',
  '>-',
  '\t',
  '\n',
  '\r\n',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '<<: *a\n',
  '__proto__: ',
  'constructor',
  '~',
  'null',
  '1e400',
  '.nan',
  '\u0000',
  '\ufeff',
  '\u2028',
  '😀',
  '<img src=x>',
  '[[[[[[[[[[[[[[[[[[[[',
  '&a [*a, *a, *a]',
  '    ',
];

/** One change to a text: an offset (as a fraction of the length) and what happens there. */
type Damage =
  | { readonly at: number; readonly insert: string }
  | { readonly at: number; readonly remove: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), insert: fc.constantFrom(...TOKENS) }),
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    insert: fc.string({ unit: 'binary', maxLength: 8 }),
  }),
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.integer({ min: 1, max: 40 }),
  }),
);

function damaged(text: string, changes: readonly Damage[]): string {
  let result = text;
  for (const change of changes) {
    const at = Math.floor(change.at * result.length);
    result =
      'insert' in change
        ? result.slice(0, at) + change.insert + result.slice(at)
        : result.slice(0, at) + result.slice(at + change.remove);
  }
  return result;
}

/** A gesture, as numbers the test maps onto the resources the damaged design still has. */
interface Gesture {
  readonly kind: number;
  readonly target: number;
  readonly other: number;
  readonly word: string;
}

const gesture: fc.Arbitrary<Gesture> = fc.record({
  kind: fc.nat(),
  target: fc.nat(),
  other: fc.nat(),
  word: fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', '<b>x</b>', 'web', 'a-b', ''),
    fc.string({ maxLength: 12 }),
  ),
});

function intentOf(keys: readonly string[], { kind, target, other, word }: Gesture): Intent {
  const key = keys[target % keys.length] ?? '';
  const otherKey = keys[other % keys.length] ?? '';
  const intents: Intent[] = [
    { type: 'resource.delete', key },
    { type: 'resource.rename', key, name: word },
    { type: 'resource.setNamespace', key, namespace: word },
    { type: 'field.set', key, path: ['metadata', 'labels', word], value: word },
    { type: 'field.set', key, path: ['spec', word, other % 3], value: { [word]: [word] } },
    { type: 'field.remove', key, path: ['spec', word] },
    {
      type: 'resource.add',
      kind: ADDABLE_KINDS[other % ADDABLE_KINDS.length] ?? 'Service',
      namespace: word,
    },
    { type: 'virtualService.bindGateway', virtualService: key, gateway: otherKey },
    { type: 'destinationRule.setHost', destinationRule: key, host: word },
  ];
  return intents[kind % intents.length] ?? { type: 'resource.delete', key };
}

function comparable(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map(
    (diagnostic) =>
      `${diagnostic.code} ${diagnostic.range?.start ?? ''}-${diagnostic.range?.end ?? ''} ${diagnostic.message}`,
  );
}

describe('the engine, given randomly damaged designs', () => {
  it('reports problems but never throws, keeps the text, and reads a changed text as a fresh parse would', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...designs),
        fc.array(damage, { minLength: 1, maxLength: 6 }),
        fc.array(gesture, { maxLength: 4 }),
        (original, changes, gestures) => {
          const text = damaged(original, changes);
          const before = loadDesign([{ name: FILE, text: original }]);
          const design = loadDesign([{ name: FILE, text }], before);
          expect(design.files[0]?.text).toBe(text);
          // Reusing the parse of the text before the damage (as the store does) changes nothing.
          const fresh = loadDesign([{ name: FILE, text }]);
          expect(comparable(design.model.diagnostics)).toEqual(comparable(fresh.model.diagnostics));
          expect(design.model.resources.map((resource) => resource.key)).toEqual(
            fresh.model.resources.map((resource) => resource.key),
          );

          analyze(design);
          buildTopology(design.model);
          for (const ready of readyRequests(design.model).slice(0, 3)) {
            simulate(design, ready.request);
          }
          const keys = design.model.resources.map((resource) => resource.key);
          for (const random of gestures) {
            const plan = planIntent(design, intentOf(keys, random));
            if (isRefused(plan)) continue;
            const edits = editsForFile(plan.edits, FILE);
            const after = applyEdits(text, edits);
            // Every document the edits do not reach is in the result byte for byte.
            for (const chunk of splitDocuments(text)) {
              const end = chunk.offset + chunk.text.length;
              const reached = edits.some((edit) => edit.start <= end && edit.end >= chunk.offset);
              if (reached) continue;
              const shift = edits
                .filter((edit) => edit.end <= chunk.offset)
                .reduce((sum, edit) => sum + edit.text.length - (edit.end - edit.start), 0);
              expect(after.slice(chunk.offset + shift, end + shift)).toBe(chunk.text);
            }
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 150 },
    );
  }, 300_000);
});
