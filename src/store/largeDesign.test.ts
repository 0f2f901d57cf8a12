import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSailplanStore } from './createSailplanStore';
import { deriveDocument } from './derive';
import { defaultDesignReader, type DesignReader } from './designReader';
import type { DesignReading, LargeDesignLimits } from './largeDesign';
import { nextPaint } from './paintScheduler';
import type { SailplanStore } from './createSailplanStore';
import type { InMemoryTextBuffer } from './textBuffer';

const seed = readFileSync(new URL('../../examples/seed-ingress.yaml', import.meta.url), 'utf8');
// Small limits stand for the app's (256 KB, 16 MB): the logic is the same, the tests stay quick.
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
/** Waits until the store's state satisfies `done` (the in-place worker answers in tasks). */
function until(store: SailplanStore, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done()) {
      resolve();
      return;
    }
    const unsubscribe = store.subscribe(() => {
      if (!done()) return;
      unsubscribe();
      resolve();
    });
  });
}
const drawn = (store: SailplanStore) => () =>
  store.getState().derived.version === store.getState().version;
/** Lets the syntax checker's microtask answers arrive. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a large design', () => {
  it('given a large valid paste, then it is derived off the page with progress, and drawn as the page would draw it', async () => {
    const store = createSailplanStore({ text: seed, largeDesign: limits });
    const before = store.getState().lastGood;
    const large = designOf(8 * 1024);
    const readings: DesignReading[] = [];
    store.subscribe((state) => {
      if (state.reading !== null) readings.push(state.reading);
    });
    store.getState().replaceText(large);
    // Not derived on the page: the diagram keeps the last design meanwhile.
    expect(store.getState().derived.version).toBeLessThan(store.getState().version);
    expect(store.getState().lastGood).toBe(before);
    expect(store.getState().reading).toMatchObject({ version: store.getState().version });
    await until(store, drawn(store));
    const state = store.getState();
    expect(state.reading).toBeNull();
    const documents = deriveDocument('design.yaml', large, 1, undefined).design.files[0]?.documents;
    expect(readings.at(-1)).toMatchObject({
      stage: 'checking',
      parsed: documents?.length,
      total: documents?.length,
    });
    expect(state.text).toBe(large);
    expect(state.derived.syntaxErrors).toBe(0);
    expect(state.lastGood).toBe(state.derived);
    const onPage = deriveDocument('design.yaml', large, state.version, undefined);
    expect(state.derived.topology).toEqual(onPage.topology);
    expect(state.derived.diagnostics).toEqual(onPage.diagnostics);
  });

  it('given a large paste with a syntax error, then the error is marked at its line, the text and the diagram kept', async () => {
    const store = createSailplanStore({ text: seed, largeDesign: limits });
    const before = store.getState().lastGood;
    const large = `${designOf(8 * 1024)}---\nkind: Service\nmetadata: {name: "unclosed\n`;
    store.getState().replaceText(large);
    await until(store, drawn(store));
    const state = store.getState();
    expect(state.text).toBe(large);
    expect(state.derived.syntaxErrors).toBeGreaterThan(0);
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
    expect(store.getState().reading).toBeNull();
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
    await nextPaint();
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

  it('given a gesture on a large design that is drawn, then it is planned on the page and its result derived by the worker', async () => {
    const store = createSailplanStore({ text: seed, largeDesign: limits });
    store.getState().replaceText(designOf(8 * 1024));
    await until(store, drawn(store));
    expect(
      store.getState().dispatch({
        type: 'resource.rename',
        key: 'Service/default/padding-0',
        name: 'renamed',
      }),
    ).toMatchObject({ ok: true });
    expect(store.getState().text).toContain('name: renamed');
    await until(store, drawn(store));
    const state = store.getState();
    expect(state.derived.topology.byId.has('Service/default/renamed')).toBe(true);
    expect(state.derived.topology.byId.has('Service/default/padding-0')).toBe(false);
  });

  it('given typing in a large design faster than it is read, then only the latest text is drawn', async () => {
    const store = createSailplanStore({
      text: seed,
      largeDesign: limits,
      typing: { delay: 0, maxWait: 0 },
    });
    const large = designOf(8 * 1024);
    store.getState().replaceText(large);
    const buffer = store.getState().buffer as InMemoryTextBuffer;
    let offset = large.length;
    for (const letter of ['a', 'b', 'c']) {
      buffer.type([{ start: offset, end: offset, text: `# ${letter}\n` }]);
      offset += 4;
    }
    await until(store, drawn(store));
    const state = store.getState();
    expect(state.text.endsWith('# c\n')).toBe(true);
    expect(state.derived.design.files[0]?.text).toBe(state.text);
    expect(state.reading).toBeNull();
  });

  it('given a reader that fails, then the design is marked unreadable and the diagram kept', async () => {
    // The port's contract: a read may fail (a worker that crashed or stalled past its watchdog).
    const failing: DesignReader = {
      read: () => Promise.resolve({ ok: false, reason: 'the reader stopped unexpectedly' }),
      dispose: () => undefined,
    };
    const store = createSailplanStore({ text: seed, largeDesign: limits, designReader: failing });
    const before = store.getState().lastGood;
    store.getState().replaceText(designOf(8 * 1024));
    await until(store, drawn(store));
    const { derived, lastGood, reading } = store.getState();
    expect(derived.diagnostics[0]?.message).toMatch(
      /^The design could not be read: the reader stopped unexpectedly\. Your text is kept/,
    );
    expect(lastGood).toBe(before);
    expect(reading).toBeNull();
  });

  it('given a read that has finished, then its design is drawn in a task after the one that received it, and a flush meanwhile reads nothing again', async () => {
    const large = designOf(8 * 1024);
    const reads: string[] = [];
    let answered: () => void = () => undefined;
    const answer = new Promise<void>((resolve) => (answered = resolve));
    const inPlace = defaultDesignReader();
    const reader: DesignReader = {
      read: async (...args) => {
        reads.push(args[1]);
        const outcome = await inPlace.read(...args);
        answered();
        return outcome;
      },
      dispose: () => inPlace.dispose(),
    };
    const store = createSailplanStore({ text: seed, largeDesign: limits, designReader: reader });
    store.getState().replaceText(large);
    // The reader's answer has arrived: the page has not drawn it in the same task.
    await answer;
    await Promise.resolve();
    expect(store.getState().derived.version).toBeLessThan(store.getState().version);
    expect(store.getState().reading).not.toBeNull();
    store.getState().flush();
    await until(store, drawn(store));
    expect(reads).toEqual([large]);
    const { derived, reading } = store.getState();
    expect(reading).toBeNull();
    expect(derived.topology.byId.has('Service/default/padding-0')).toBe(true);
    // The line starts were not posted: the page works them out from the text, as the worker did.
    expect(derived.design.files[0]?.lineStarts).toEqual(
      deriveDocument('design.yaml', large, 1, undefined).design.files[0]?.lineStarts,
    );
    inPlace.dispose();
  });

  it('given a store created with a large text (a restored design), then it is read before it is drawn', async () => {
    const large = designOf(8 * 1024);
    const store = createSailplanStore({ text: large, largeDesign: limits });
    expect(store.getState().derived.version).toBe(0);
    await until(store, drawn(store));
    expect(store.getState().lastGood.topology.byId.has('Service/default/padding-0')).toBe(true);
  });
});
