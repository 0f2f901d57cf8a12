import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, applyEdits, isRefused, loadDesign, planIntent } from '../../engine';
import { PALETTE_ITEMS, type PaletteItem } from './paletteItems';

const seed = readFileSync(new URL('../../../examples/seed-ingress.yaml', import.meta.url), 'utf8');

/** The design's text after the palette adds `item` to it, in the item's default namespace. */
function added(text: string, item: PaletteItem): string {
  const plan = planIntent(loadDesign([{ name: 'design.yaml', text }]), {
    type: 'resource.add',
    namespace: item.defaultNamespace,
    ...item.intent,
  });
  if (isRefused(plan)) throw new Error(`Refused: ${plan.refused}`);
  return applyEdits(text, plan.edits);
}

/** What `sailplan analyze` reports as errors: the model's diagnostics and the analyzer's. */
function errors(text: string): string[] {
  const design = loadDesign([{ name: 'design.yaml', text }]);
  return [...design.model.diagnostics, ...analyze(design)]
    .filter((diagnostic) => diagnostic.level === 'error')
    .map((diagnostic) => `${diagnostic.code ?? ''} ${diagnostic.message}`);
}

const designs = { 'a new (empty) design': '', 'the seed design': seed };

describe('the palette adds valid resources', () => {
  for (const [design, text] of Object.entries(designs)) {
    it.each(PALETTE_ITEMS.map((item) => [item.title, item]))(
      `%s added to ${design} leaves no error`,
      (_title, item) => {
        expect(errors(text)).toEqual([]);
        expect(errors(added(text, item))).toEqual([]);
      },
    );

    it(`every kind added in turn to ${design} leaves no error`, () => {
      let after = text;
      for (const item of PALETTE_ITEMS) after = added(after, item);
      expect(errors(after)).toEqual([]);
    });
  }
});
