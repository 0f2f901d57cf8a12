import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../model/loadDesign';
import { applyEdits, invertEdits } from './applyEdits';
import { planConnection } from './connections';
import type { Intent, PlanEffect, PlanResult } from './intents';
import { isRefused } from './intents';
import { planIntent } from './planIntent';

/**
 * Golden tests: each `__golden__/<intent>/<case>/` holds `before.yaml`, `intent.json` (an intent,
 * or `{ "connect": [source, target] }` for a canvas connection) and either `expected.yaml` (the
 * exact bytes after the edit) or `refused.txt` (the reason given). An optional `effects.json` lists
 * the expected effects. `UPDATE_GOLDEN=1` writes missing expectations for review.
 */
const root = join(import.meta.dirname, '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';
const FILE = 'design.yaml';

type CaseInput = Intent | { readonly connect: readonly [string, string] };

/** Diagnostics an edit must never add: syntax, unreadable documents, bad shapes, duplicates. */
const BROKEN_TEXT_CODES = ['SP0001', 'SP0003', 'SP0004', 'SP0005', 'SP0006', 'SP0009', 'SP0010'];

/** How many diagnostics of each code in BROKEN_TEXT_CODES a text's design has. */
function brokenCounts(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const diagnostic of loadDesign([{ name: FILE, text }]).model.diagnostics) {
    if (BROKEN_TEXT_CODES.includes(diagnostic.code)) {
      counts[diagnostic.code] = (counts[diagnostic.code] ?? 0) + 1;
    }
  }
  return counts;
}

function plan(before: string, input: CaseInput): PlanResult {
  const design = loadDesign([{ name: FILE, text: before }]);
  if ('connect' in input) return planConnection(design, input.connect[0], input.connect[1]);
  return planIntent(design, input);
}

const intents = readdirSync(root).sort();

describe('golden edits', () => {
  for (const intentName of intents) {
    describe(intentName, () => {
      const cases = readdirSync(join(root, intentName)).sort();
      for (const caseName of cases) {
        const directory = join(root, intentName, caseName);
        it(caseName, () => {
          const before = readFileSync(join(directory, 'before.yaml'), 'utf8');
          const input = JSON.parse(
            readFileSync(join(directory, 'intent.json'), 'utf8'),
          ) as CaseInput;
          if (!('connect' in input)) expect(input.type).toBe(intentName);
          const result = plan(before, input);
          const refusedPath = join(directory, 'refused.txt');
          const expectedPath = join(directory, 'expected.yaml');
          if (existsSync(refusedPath)) {
            expect(isRefused(result) ? result.refused : 'planned').toBe(
              readFileSync(refusedPath, 'utf8').trim(),
            );
            return;
          }
          if (isRefused(result)) throw new Error(`Refused: ${result.refused}`);
          const after = applyEdits(before, result.edits);
          if (update && !existsSync(expectedPath)) writeFileSync(expectedPath, after);
          expect(after).toBe(readFileSync(expectedPath, 'utf8'));
          // The result reads as well as the text before, and undo restores the text exactly.
          const broken = brokenCounts(before);
          for (const [code, count] of Object.entries(brokenCounts(after))) {
            expect(count, code).toBeLessThanOrEqual(broken[code] ?? 0);
          }
          expect(applyEdits(after, invertEdits(before, result.edits))).toBe(before);
          const effectsPath = join(directory, 'effects.json');
          if (update && !existsSync(effectsPath) && result.effects.length > 0) {
            writeFileSync(effectsPath, `${JSON.stringify(result.effects, null, 2)}\n`);
          }
          const expectedEffects: PlanEffect[] = existsSync(effectsPath)
            ? (JSON.parse(readFileSync(effectsPath, 'utf8')) as PlanEffect[])
            : [];
          expect(result.effects).toEqual(expectedEffects);
        });
      }
    });
  }
});
