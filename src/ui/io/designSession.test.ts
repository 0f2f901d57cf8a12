// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { toShareDocument } from '../../engine';
import { createSailplanStore, type SailplanStore } from '../../store';
import seedText from '../../../examples/seed-ingress.yaml?raw';
import type { DesignChannel, DesignSavedMessage } from './designChannel';
import { contentDigest, contentOf, newDesignId } from './designContent';
import { CHANGED_ELSEWHERE, DesignSession, readStoredDesign } from './designSession';
import { MemoryDesignStorage } from './designStorage';
import { EXAMPLES } from './examples';

/** The seed with a port name Istio cannot read: one finding, IST0118 on Service default/proxy. */
const withFinding = seedText.replace(
  '  - name: http\n    port: 80\n    targetPort: 80',
  '  - name: web\n    port: 80\n    targetPort: 80',
);
const FINDING = 'IST0118:Service/default/proxy';

const sessions: DesignSession[] = [];

function sessionOver(store: SailplanStore, storage = new MemoryDesignStorage()) {
  const session = new DesignSession(
    store,
    storage,
    { id: newDesignId(), name: 'Untitled design', named: false },
    contentDigest(contentOf(store.getState())),
  );
  session.start();
  sessions.push(session);
  return { session, storage };
}

async function storedContent(storage: MemoryDesignStorage, id: string) {
  const read = readStoredDesign(await storage.read(id));
  if (!read.ok) throw new Error(read.reason);
  return read.content;
}

function example(id: string) {
  const found = EXAMPLES.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no example ${id}`);
  return found;
}

afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
});

describe('the design session', () => {
  it('saves the silenced findings with the design, and a design opened again has them silenced', async () => {
    // given a design with a finding, silenced by the user
    const store = createSailplanStore({ text: withFinding });
    const { session, storage } = sessionOver(store);
    expect(store.getState().derived.diagnostics.map((diagnostic) => diagnostic.code)).toContain(
      'IST0118',
    );
    store.getState().silence(FINDING);
    // when autosave has written it
    await session.flush();
    const { id } = session.state.getState().current;
    // then the saved design holds the list, and silencing is a change worth asking about
    expect((await storedContent(storage, id)).silenced).toEqual([FINDING]);
    expect(session.isDirty()).toBe(true);

    // when the design is kept under a name, another opened, then the saved one again
    expect((await session.saveAs('With a finding')).ok).toBe(true);
    await session.open(await example('canary-split').load(), 'Canary split');
    expect(store.getState().silenced).toEqual([]);
    expect(await session.openSaved(id)).toEqual({ ok: true });
    // then its finding is silenced again
    expect(store.getState().silenced).toEqual([FINDING]);
    expect(store.getState().derived.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain(
      'IST0118',
    );
  });

  it('given a trace, when an example is opened, then the old trace is gone and the example’s request waits in the Simulator', async () => {
    // given the seed with a request traced through it
    const store = createSailplanStore({
      text: seedText,
      request: { method: 'GET', url: 'http://example.com/' },
    });
    const { session } = sessionOver(store);
    store.getState().sendRequest();
    expect(store.getState().simulation?.trace.outcome.virtualService).toBe('default/proxy');
    // when the fault-injection example is opened
    const content = await example('fault-injection').load();
    await session.open(content, 'Fault injection');
    // then no trace of the old request is made through the new design, and its request is set
    expect(store.getState().simulation).toBeNull();
    expect(store.getState().request).toEqual(content.request);
    expect(store.getState().request.url).toBe('http://ratings:9080/ratings/0');
    // and what is sent now is traced through the example
    store.getState().sendRequest();
    expect(store.getState().simulation?.trace.outcome).toMatchObject({ status: 503, flag: 'FI' });
  });

  it('given a trace, when a saved design is opened, then the old trace is gone', async () => {
    const store = createSailplanStore({ text: seedText, request: { url: 'http://example.com/' } });
    const { session } = sessionOver(store);
    expect((await session.saveAs('Seed')).ok).toBe(true);
    const seedId = session.state.getState().current.id;
    await session.open(await example('header-routing-subsets').load(), 'Header routing');
    store.getState().sendRequest();
    expect(store.getState().simulation).not.toBeNull();
    expect(await session.openSaved(seedId)).toEqual({ ok: true });
    expect(store.getState().simulation).toBeNull();
    expect(store.getState().request).toEqual({ url: 'http://example.com/' });
  });
  it('given a laid-out design, when a node is moved, then it is an unsaved change that autosave keeps', async () => {
    // given the seed, laid out after it was opened (placing nodes is not a change)
    const store = createSailplanStore({ text: seedText });
    const { session, storage } = sessionOver(store);
    store.getState().setPositions({ a: { x: 0, y: 0 }, b: { x: 300, y: 0 } });
    store.getState().setPositions({ ...store.getState().positions, c: { x: 600, y: 0 } });
    await session.flush();
    expect(session.isDirty()).toBe(false);
    // when the user drags a node
    store.getState().setPositions({ ...store.getState().positions, b: { x: 320, y: 40 } });
    await session.flush();
    // then replacing the design would ask, and the move is saved
    expect(session.isDirty()).toBe(true);
    const { id } = session.state.getState().current;
    expect((await storedContent(storage, id)).positions.b).toEqual({ x: 320, y: 40 });
    // and opening another design starts clean again
    await session.open(await example('canary-split').load(), 'Canary split');
    store.getState().setPositions({ x: { x: 1, y: 1 } });
    expect(session.isDirty()).toBe(false);
  });

  it('given an example, when a request is picked or edited in the Simulator, then the design has no unsaved change, and the request is still saved', async () => {
    // given the canary example, just opened
    const store = createSailplanStore({ text: seedText });
    const { session, storage } = sessionOver(store);
    await session.open(await example('canary-split').load(), 'Canary split');
    expect(session.isDirty()).toBe(false);
    // when a ready request is picked and sent, then its URL edited
    store.getState().setRequest({ method: 'GET', headers: [], url: 'http://shop.example.com/' });
    store.getState().sendRequest();
    store.getState().setRequest({ ...store.getState().request, url: 'http://shop.example.com/a' });
    await session.flush();
    // then opening another example would not ask: the request probes the design, it is not one
    expect(session.isDirty()).toBe(false);
    // and autosave keeps the request with the design all the same
    const { id } = session.state.getState().current;
    expect((await storedContent(storage, id)).request.url).toBe('http://shop.example.com/a');
    // while a change to the text still counts
    store.getState().replaceText(`${store.getState().text}\n# a note\n`);
    store.getState().flush();
    expect(session.isDirty()).toBe(true);
  });

  it('reads a baseline stored before the request was left out of it as unchanged when it was', () => {
    // given a design stored unchanged by the earlier version, whose digest fed the request
    const content = {
      text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\n',
      positions: {},
      tests: '',
      request: { url: 'http://a/' },
      silenced: [],
    };
    const record = {
      name: 'Untitled design',
      named: false,
      content: toShareDocument(content),
      // What that version stored for this content: its digest fed the request between the tests
      // and the silenced codes, with no 'w2.' prefix.
      baseline: '1bgf4gd.1tt0vgz',
    };
    // then it reads back with the current digest of its content (nothing to ask about)
    const read = readStoredDesign(record);
    if (!read.ok) throw new Error(read.reason);
    expect(read.baseline).toBe(contentDigest(read.content));
    // and one stored changed keeps a baseline that differs
    const changed = readStoredDesign({ ...record, baseline: 'abc.def' });
    expect(changed.ok && changed.baseline !== contentDigest(changed.content)).toBe(true);
  });

  it('given a saved design, when a change is taken back before autosave runs, then nothing is written again; a real change is', async () => {
    const store = createSailplanStore({ text: seedText });
    const storage = new MemoryDesignStorage();
    let writes = 0;
    const writeCurrent = storage.writeCurrent.bind(storage);
    storage.writeCurrent = (design) => {
      writes += 1;
      return writeCurrent(design);
    };
    const { session } = sessionOver(store, storage);
    store.getState().replaceText(`${seedText}# typed\n`);
    await session.flush();
    expect(writes).toBe(1);
    // typed and taken back: the same text as the one written
    store.getState().replaceText(`${seedText}# typed\nx`);
    store.getState().replaceText(`${seedText}# typed\n`);
    await session.flush();
    expect(writes).toBe(1);
    store.getState().replaceText(`${seedText}# typed again\n`);
    await session.flush();
    expect(writes).toBe(2);
    const { id } = session.state.getState().current;
    expect((await storedContent(storage, id)).text).toBe(`${seedText}# typed again\n`);
    // Save now writes whether or not anything changed.
    await session.saveNow();
    expect(writes).toBe(3);
  });

  it('when another design is opened, the selection of the previous one is cleared', async () => {
    const store = createSailplanStore({ text: seedText });
    const { session } = sessionOver(store);
    store.getState().select({ id: 'VirtualService/default/proxy', origin: 'canvas' });
    await session.open(await example('canary-split').load(), 'Canary split');
    expect(store.getState().selection).toBeNull();
  });
  describe('two tabs on one design', () => {
    /** Tabs of one browser profile: one storage, and a channel that reaches every other tab. */
    function twoTabs() {
      const storage = new MemoryDesignStorage();
      const handlers = new Set<(message: DesignSavedMessage) => void>();
      const channel = (): DesignChannel => {
        let own: ((message: DesignSavedMessage) => void) | undefined;
        return {
          post: (message) => {
            for (const handler of handlers) if (handler !== own) handler(message);
          },
          listen: (handler) => {
            own = handler;
            handlers.add(handler);
            return () => handlers.delete(handler);
          },
        };
      };
      const current = { id: newDesignId(), name: 'Untitled design', named: false };
      const open = () => {
        const store = createSailplanStore({ text: seedText });
        const session = new DesignSession(
          store,
          storage,
          current,
          contentDigest(contentOf(store.getState())),
          undefined,
          channel(),
        );
        session.start();
        sessions.push(session);
        return { store, session };
      };
      return { storage, id: current.id, first: open(), second: open() };
    }

    it('given a design open in two tabs, when one saves it, then the other stops autosaving and says why', async () => {
      const { storage, id, first, second } = twoTabs();
      // when the first tab's change is saved
      first.store.getState().replaceText(`${seedText}# from the first tab\n`);
      await first.session.flush();
      // then the second knows, and its own change does not overwrite the first's
      expect(second.session.state.getState()).toMatchObject({
        changedElsewhere: true,
        autosave: 'failed',
        autosaveProblem: CHANGED_ELSEWHERE,
      });
      second.store.getState().replaceText(`${seedText}# from the second tab\n`);
      await second.session.flush();
      expect((await storedContent(storage, id)).text).toContain('# from the first tab');
      expect(first.session.state.getState().changedElsewhere).toBe(false);
    });

    it('when the other tab’s version is taken, this tab shows it and autosaves again', async () => {
      const { id, first, second } = twoTabs();
      first.store.getState().replaceText(`${seedText}# from the first tab\n`);
      await first.session.flush();
      second.store.getState().replaceText(`${seedText}# from the second tab\n`);
      expect(await second.session.takeOtherTab()).toEqual({ ok: true });
      expect(second.store.getState().text).toContain('# from the first tab');
      expect(second.store.getState().text).not.toContain('# from the second tab');
      expect(second.session.state.getState()).toMatchObject({
        current: { id },
        changedElsewhere: false,
        autosave: 'saved',
      });
    });

    it('when this tab’s version is kept as a copy, both versions are kept, each under its own id', async () => {
      const { storage, id, first, second } = twoTabs();
      first.store.getState().replaceText(`${seedText}# from the first tab\n`);
      await first.session.flush();
      second.store.getState().replaceText(`${seedText}# from the second tab\n`);
      await second.session.keepMineAsCopy();
      const copy = second.session.state.getState().current;
      expect(copy.id).not.toBe(id);
      expect(copy.named).toBe(true);
      expect(copy.name).toMatch(/^Untitled design \(/);
      expect((await storedContent(storage, copy.id)).text).toContain('# from the second tab');
      expect((await storedContent(storage, id)).text).toContain('# from the first tab');
      // and the first tab is not told its own design changed: the copy is another design
      expect(first.session.state.getState().changedElsewhere).toBe(false);
    });
  });
});
