import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSailplanStore } from './createSailplanStore';
import type { LargeDesignLimits } from './largeDesign';
import type { SyntaxChecker } from './syntaxChecker';

const seed = readFileSync(new URL('../../examples/seed-ingress.yaml', import.meta.url), 'utf8');
// Small limits stand for the app's (256 KB, 2 MB): the logic is the same, the tests stay quick.
const limits: LargeDesignLimits = { checkFrom: 4 * 1024, drawnUpTo: 16 * 1024 };

function service(name: string): string {
  return `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports:\n  - name: http\n    port: 80\n`;
}
/** Seed plus Services up to `length` characters: a valid design of about that size. */
function designOf(length: number): string {
  let text = seed;
  for (let index = 0; text.length < length; index += 1) text += service(`padding-${index}`);
  return text;
}
/** Answers of the in-place checker arrive in a microtask; the page's derive follows in the same. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a large design', () => {
  it('given a large valid paste, then it is read off the page first, then drawn', async () => {
    const store = createSailplanStore({ text: seed, largeDesign: limits });
    const large = designOf(8 * 1024);
    store.getState().replaceText(large);
    // Not parsed on the page yet: the derivation waits for the check.
    expect(store.getState().derived.version).toBeLessThan(store.getState().version);
    await settled();
    const state = store.getState();
    expect(state.derived.version).toBe(state.version);
    expect(state.derived.syntaxErrors).toBe(0);
    expect(state.lastGood).toBe(state.derived);
    expect(state.derived.topology.byId.has('Service/default/padding-0')).toBe(true);
  });

  it('given a large paste with a syntax error, then it is never parsed on the page: the error is marked at its line and the diagram kept', async () => {
    const store = createSailplanStore({ text: seed, largeDesign: limits });
    const before = store.getState().lastGood;
    const large = `${designOf(8 * 1024)}---\nkind: Service\nmetadata: {name: "unclosed\n`;
    store.getState().replaceText(large);
    await settled();
    const state = store.getState();
    expect(state.text).toBe(large);
    expect(state.derived.version).toBe(state.version);
    expect(state.derived.syntaxErrors).toBeGreaterThan(0);
    expect(state.derived.design.model.resources).toEqual([]);
    const lastLine = large.split('\n').length - 1;
    expect(state.derived.diagnostics[0]).toMatchObject({ code: 'SP0001', level: 'error' });
    expect(state.derived.diagnostics[0]?.range?.line).toBeGreaterThanOrEqual(lastLine - 1);
    expect(state.lastGood).toBe(before);
    // Edits wait for a readable text.
    expect(state.dispatch({ type: 'resource.delete', key: 'Service/default/proxy' })).toEqual({
      ok: false,
      reason: 'The YAML has errors: fix them in the editor first.',
    });
  });

  it('given a paste larger than is drawn, then it says so at once, keeps the diagram, and marks the syntax errors when read', async () => {
    const store = createSailplanStore({ text: seed, largeDesign: limits });
    const before = store.getState().lastGood;
    const huge = `${designOf(20 * 1024)}---\n\tbad: tab\n`;
    store.getState().replaceText(huge);
    const atOnce = store.getState().derived;
    expect(atOnce.version).toBe(store.getState().version);
    expect(atOnce.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['SP0003']);
    expect(atOnce.diagnostics[0]?.message).toContain('more than the 16 KB Sailplan draws');
    await settled();
    const state = store.getState();
    expect(state.derived.diagnostics.map((diagnostic) => diagnostic.code)).toEqual([
      'SP0003',
      'SP0001',
    ]);
    expect(state.lastGood).toBe(before);
    expect(state.text).toBe(huge);
    // Undoing the paste draws the seed again, parsed on the page.
    state.undo();
    expect(store.getState().derived.syntaxErrors).toBe(0);
    expect(store.getState().derived.topology.byId.has('Service/default/proxy')).toBe(true);
  });

  it('given a gesture while the large text is being read, then it is refused, saying so', () => {
    const store = createSailplanStore({ text: seed, largeDesign: limits });
    store.getState().replaceText(designOf(8 * 1024));
    expect(
      store.getState().dispatch({ type: 'resource.delete', key: 'Service/default/proxy' }),
    ).toEqual({
      ok: false,
      reason: 'The design is still being read: try again in a moment.',
    });
  });

  it('given a gesture on a large design that is drawn, then its result is derived at once', async () => {
    const store = createSailplanStore({ text: seed, largeDesign: limits });
    store.getState().replaceText(designOf(8 * 1024));
    await settled();
    expect(
      store.getState().dispatch({
        type: 'resource.rename',
        key: 'Service/default/padding-0',
        name: 'renamed',
      }),
    ).toMatchObject({ ok: true });
    const state = store.getState();
    expect(state.derived.version).toBe(state.version);
    expect(state.derived.topology.byId.has('Service/default/renamed')).toBe(true);
  });

  it('given a reader that fails, then the design is marked unreadable and the diagram kept', async () => {
    // The port's contract: a check may fail (a worker that crashed or met its watchdog).
    const failing: SyntaxChecker = {
      check: () => Promise.resolve({ ok: false, reason: 'the reader stopped unexpectedly' }),
      dispose: () => undefined,
    };
    const store = createSailplanStore({ text: seed, largeDesign: limits, syntaxChecker: failing });
    const before = store.getState().lastGood;
    store.getState().replaceText(designOf(8 * 1024));
    await settled();
    const { derived, lastGood } = store.getState();
    expect(derived.diagnostics[0]?.message).toMatch(
      /^The design could not be read: the reader stopped unexpectedly\. Your text is kept/,
    );
    expect(lastGood).toBe(before);
  });

  it('given a store created with a large text (a restored design), then it is read before it is drawn', async () => {
    const large = designOf(8 * 1024);
    const store = createSailplanStore({ text: large, largeDesign: limits });
    expect(store.getState().derived.version).toBe(0);
    await settled();
    const state = store.getState();
    expect(state.derived.version).toBe(state.version);
    expect(state.lastGood.topology.byId.has('Service/default/padding-0')).toBe(true);
  });
});
