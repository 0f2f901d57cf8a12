import {
  fromShareDocument,
  isShareFragment,
  loadRe2,
  mayNeedRe2,
  SHARE_FORMAT_VERSION,
  type SharedDesign,
} from '../../engine';
import { createSailplanStore } from '../../store';
import { contentDigest, newDesignId, type DesignContent } from './designContent';
import { openDesignChannel } from './designChannel';
import { DesignIo } from './designIo';
import { DesignSession, readStoredDesign, type CurrentDesign } from './designSession';
import { MemoryDesignStorage, openDesignStorage, type DesignStorage } from './designStorage';

/** The design a first start opens: the seed's manifest, route tests and ready request. */
export interface SeedFiles {
  readonly text: string;
  readonly tests: string;
  /** The request as JSON text (examples/seed-ingress.request.json). */
  readonly requestJson: string;
}

const UNTITLED = 'Untitled design';

function seedContent(seed: SeedFiles): DesignContent {
  let request: unknown;
  try {
    request = JSON.parse(seed.requestJson);
  } catch {
    request = { url: '' };
  }
  const checked = fromShareDocument({
    v: SHARE_FORMAT_VERSION,
    text: seed.text,
    positions: {},
    tests: seed.tests,
    request,
    silenced: [],
  });
  return checked.ok
    ? checked.design
    : { text: seed.text, positions: {}, tests: '', request: { url: '' }, silenced: [] };
}

/** Removes a share fragment from the address, so that a reload does not open the link again. */
function clearShareFragment(): void {
  if (!isShareFragment(location.hash)) return;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

interface Opening {
  content: DesignContent;
  current: CurrentDesign;
  baseline: string;
  /** Write it at once (a shared design: its link is gone from the address after this). */
  saveNow: boolean;
}

/**
 * Starts the design session: opens local storage (or goes on without it), restores the design
 * that was open, or the seed on a first start, and reads a share link in the address. A link never
 * replaces an untitled design with unsaved changes without asking: it waits for the shell (`io.startup`). A
 * saved design that cannot be read is left untouched, never written over.
 */
export async function startDesignIo(seed: SeedFiles): Promise<DesignIo> {
  try {
    return await startSession(seed);
  } catch (error) {
    // Whatever failed, the app still opens: the seed, in memory, saying why autosave is off.
    const content = seedContent(seed);
    if (mayNeedRe2(content.text)) await loadRe2();
    const store = createSailplanStore({
      text: content.text,
      tests: content.tests,
      request: content.request,
      silenced: content.silenced,
    });
    const problem = `Autosave is off: the saved design could not be opened (${
      error instanceof Error ? error.message : String(error)
    }).`;
    const session = new DesignSession(
      store,
      new MemoryDesignStorage(),
      { id: newDesignId(), name: UNTITLED, named: false },
      contentDigest(content),
      problem,
    );
    session.start();
    const io = new DesignIo(store, session);
    store.getState().notify('warning', problem);
    return io;
  }
}

async function startSession(seed: SeedFiles): Promise<DesignIo> {
  const problems: string[] = [];
  let storage: DesignStorage;
  try {
    storage = await openDesignStorage();
  } catch (error) {
    storage = new MemoryDesignStorage();
    problems.push(
      `Autosave is off: ${error instanceof Error ? error.message : String(error)}. Export your work to keep it.`,
    );
  }

  const seedOpening = (): Opening => {
    const content = seedContent(seed);
    return {
      content,
      current: { id: newDesignId(), name: UNTITLED, named: false },
      baseline: contentDigest(content),
      saveNow: false,
    };
  };

  let opening = seedOpening();
  let restoredDirty = false;
  try {
    const id = await storage.currentId();
    if (id !== undefined) {
      const record = await storage.read(id);
      const read = readStoredDesign(record);
      if (read.ok) {
        const named = read.named;
        opening = {
          content: read.content,
          current: { id, name: read.name, named },
          baseline: read.baseline,
          saveNow: false,
        };
        restoredDirty = !named && contentDigest(read.content) !== read.baseline;
      } else {
        problems.push(
          `The design open last time could not be read (${read.reason}). It was left as it was; the starting design is open instead.`,
        );
      }
    }
  } catch (error) {
    // Reading failed: writing could fail the same way or worse. Work in memory only.
    storage = new MemoryDesignStorage();
    problems.push(
      `Autosave is off: local storage could not be read (${error instanceof Error ? error.message : String(error)}).`,
    );
  }

  let pendingShare: SharedDesign | undefined;
  let shareError: string | undefined;
  if (isShareFragment(location.hash)) {
    const { decodeShareFragment } = await import('./shareCodec');
    const decoded = decodeShareFragment(location.hash);
    clearShareFragment();
    if (!decoded.ok) shareError = decoded.message;
    else if (restoredDirty) pendingShare = decoded.design;
    else {
      // Nothing to lose: the restored design is saved under a name, or unchanged since opened.
      if (!opening.current.named) await storage.remove(opening.current.id).catch(() => undefined);
      opening = {
        content: decoded.design,
        current: { id: newDesignId(), name: 'Shared design', named: false },
        baseline: contentDigest(decoded.design),
        saveNow: true,
      };
    }
  }

  // RE2 loads after the first paint, unless the design opening may hold a regex: then the engine
  // needs it to derive the design at all, and the canvas waits for it.
  if (mayNeedRe2(opening.content.text)) await loadRe2();
  const store = createSailplanStore({
    text: opening.content.text,
    tests: opening.content.tests,
    request: opening.content.request,
    silenced: opening.content.silenced,
  });
  if (Object.keys(opening.content.positions).length > 0) {
    store.getState().setPositions(opening.content.positions);
  }
  const session = new DesignSession(
    store,
    storage,
    opening.current,
    opening.baseline,
    storage.persistent ? undefined : problems[0],
    // Tabs share the stored designs, so they tell each other what they write.
    storage.persistent ? openDesignChannel() : undefined,
  );
  session.start();
  if (opening.saveNow) await session.saveNow();
  const io = new DesignIo(store, session);
  if (opening.saveNow) store.getState().notify('success', 'Opened the shared design.');

  let mounted = false;
  const afterMount = () => {
    const onHashChange = () => {
      if (!isShareFragment(location.hash)) return;
      const fragment = location.hash;
      clearShareFragment();
      void io.openShareFragment(fragment);
    };
    window.addEventListener('hashchange', onHashChange);
    if (!mounted) {
      // Once per page, even if React mounts the shell twice (StrictMode in development).
      mounted = true;
      for (const problem of problems) store.getState().notify('warning', problem);
      void (async () => {
        if (shareError !== undefined) {
          await io.ui.tell(
            'This share link could not be opened',
            `${shareError} Your design was not changed.`,
          );
        }
        if (pendingShare !== undefined) await io.openShared(pendingShare);
      })();
    }
    return () => window.removeEventListener('hashchange', onHashChange);
  };
  io.startup = afterMount;
  return io;
}
