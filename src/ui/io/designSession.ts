import { createStore, type StoreApi } from 'zustand/vanilla';
import { fromShareDocument, toShareDocument } from '../../engine';
import type { SailplanState, SailplanStore } from '../../store';
import {
  contentDigest,
  contentOf,
  currentBaseline,
  newDesignId,
  type DesignContent,
} from './designContent';
import type { DesignChannel } from './designChannel';
import type { DesignStorage, StoredDesign, StoredDesignSummary } from './designStorage';

type Positions = SailplanState['positions'];

/** The design being edited: its record id and name. */
export interface CurrentDesign {
  readonly id: string;
  readonly name: string;
  /** True once saved under a name (listed in the Designs menu). */
  readonly named: boolean;
}

/** How autosave is doing, for the toolbar's status. */
export type AutosaveStatus = 'saved' | 'pending' | 'saving' | 'off' | 'failed';

/** What the Designs menu and the autosave status show. */
export interface SessionState {
  readonly current: CurrentDesign;
  /** Named designs, by name. */
  readonly designs: readonly StoredDesignSummary[];
  readonly autosave: AutosaveStatus;
  /** Why autosave is off or failed. */
  readonly autosaveProblem: string | undefined;
  /**
   * True when another tab saved the open design after this one last wrote it: autosave holds
   * here, so that neither tab overwrites the other, until the user chooses (`takeOtherTab`,
   * `keepMineAsCopy`).
   */
  readonly changedElsewhere: boolean;
}

/** The outcome of an operation the user asked for: done, or why not. */
export type SessionResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Waits this long after the last change before saving... */
const SAVE_DELAY = 300;
/** ...but never longer than this after the first unsaved change. */
const SAVE_MAX_WAIT = 900;

const MAX_NAME_LENGTH = 100;

/** Why autosave holds while another tab's version of the design waits for a choice. */
export const CHANGED_ELSEWHERE =
  'This design changed in another tab: autosave waits here until you choose which version to keep.';

/** A name for a copy kept automatically: `Untitled design (27 Nov, 04:31)`. */
function keptName(name: string, date: Date): string {
  const when = date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${name} (${when})`;
}

/** What one write put in storage, by the objects it was made of. */
interface WrittenState {
  readonly current: CurrentDesign;
  readonly baseline: string;
  readonly content: DesignContent;
}

function sameWritten(a: WrittenState, b: WrittenState): boolean {
  return (
    a.current === b.current &&
    a.baseline === b.baseline &&
    // A string compare: the text typed and taken back before the save is the same text.
    a.content.text === b.content.text &&
    a.content.positions === b.content.positions &&
    a.content.tests === b.content.tests &&
    a.content.request === b.content.request &&
    a.content.silenced === b.content.silenced
  );
}

function byName(a: StoredDesignSummary, b: StoredDesignSummary): number {
  return (
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id)
  );
}

/**
 * The design session: which design is open, its autosave into local storage, and the Designs
 * operations (save as, rename, open, delete). Every change of the store's text, positions, route
 * tests, request or silenced findings is saved shortly after (at most ~1 s later), and at once when the page is hidden
 * or closed. While an operation swaps designs, autosave waits, so a half-swapped state is never
 * written; and a design that could not be read is never written over.
 */
export class DesignSession {
  readonly state: StoreApi<SessionState>;
  private readonly store: SailplanStore;
  private readonly storage: DesignStorage;
  /** Digest of the current design's content when it was opened (for "unsaved changes"). */
  private baseline: string;
  /** Where each node was first drawn since the design was opened (to tell a move from a placing). */
  private placedAt: Positions;
  private suspended = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The save waiting for the page to be idle (requestIdleCallback), after the timer. */
  private idle: number | undefined;
  /** What the last write put in storage, to skip a write that would put the same again. */
  private written: WrittenState | undefined;
  private firstUnsavedAt: number | undefined;
  private saving: Promise<void> | undefined;
  private saveAgain = false;
  private readonly disposers: (() => void)[] = [];
  private readonly channel: DesignChannel | undefined;
  /** How many times another tab said it saved the open design (to read its latest version). */
  private savedElsewhere = 0;
  /** This tab, in the channel's messages. */
  private readonly tab = newDesignId();

  constructor(
    store: SailplanStore,
    storage: DesignStorage,
    current: CurrentDesign,
    baseline: string,
    autosaveProblem?: string,
    channel?: DesignChannel,
  ) {
    this.store = store;
    this.storage = storage;
    this.channel = channel;
    this.baseline = baseline;
    this.placedAt = { ...store.getState().positions };
    this.state = createStore<SessionState>()(() => ({
      current,
      designs: [],
      autosave: storage.persistent ? 'saved' : 'off',
      autosaveProblem,
      changedElsewhere: false,
    }));
  }

  /** Starts autosave: on every change, and on `pagehide` / `visibilitychange`. */
  start(): void {
    this.disposers.push(
      this.store.subscribe((state, previous) => {
        if (
          // The version first: comparing two texts of a large design that differ in the middle
          // costs a millisecond in the keystroke; a text that changed has a new version (another
          // buffer attached with the same number is the exception, caught by the text).
          state.version !== previous.version ||
          state.text !== previous.text ||
          state.positions !== previous.positions ||
          state.tests !== previous.tests ||
          state.request !== previous.request ||
          state.silenced !== previous.silenced
        ) {
          if (state.positions !== previous.positions) this.notePositions(state.positions);
          this.schedule();
        }
      }),
    );
    const flush = () => void this.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    this.disposers.push(() => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    });
    if (this.channel !== undefined) {
      this.disposers.push(
        this.channel.listen((message) => {
          if (message.tab === this.tab) return;
          const { current, changedElsewhere } = this.state.getState();
          if (message.id !== current.id) {
            // A named design saved elsewhere: the Designs menu lists it as it is now.
            void this.refreshList();
            return;
          }
          this.savedElsewhere += 1;
          if (changedElsewhere) return;
          this.cancelTimer();
          this.state.setState({
            changedElsewhere: true,
            autosave: 'failed',
            autosaveProblem: CHANGED_ELSEWHERE,
          });
        }),
      );
    }
    void this.refreshList();
  }

  dispose(): void {
    this.cancelTimer();
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /**
   * A node placed for the first time (by the layout, beside its neighbours) is not a change; a
   * node moved from where it was placed is: the user arranged the drawing, which is work worth
   * keeping. Like a deleted design's, the baseline is emptied, so the design stays changed (also
   * after a reload, since the baseline is saved with it) until another one is opened.
   */
  private notePositions(positions: Positions): void {
    let moved = false;
    const placed: Record<string, Positions[string]> = { ...this.placedAt };
    for (const [id, position] of Object.entries(positions)) {
      const first = placed[id];
      if (first === undefined) placed[id] = position;
      else if (first.x !== position.x || first.y !== position.y) moved = true;
    }
    this.placedAt = placed;
    if (moved && !this.state.getState().current.named) this.baseline = '';
  }

  /** True when the open design is untitled and has changes: replacing it would lose them. */
  isDirty(): boolean {
    const { current } = this.state.getState();
    return !current.named && contentDigest(contentOf(this.store.getState())) !== this.baseline;
  }

  /** Writes the open design now, whether or not it changed. */
  async saveNow(): Promise<void> {
    this.cancelTimer();
    await this.save(true);
    await this.saving;
  }

  /** Saves now what waits to be saved, and resolves when it is written. */
  async flush(): Promise<void> {
    if (this.timer !== undefined || this.firstUnsavedAt !== undefined) {
      this.cancelTimer();
      await this.save();
    }
    await this.saving;
  }

  private schedule(): void {
    if (this.suspended > 0) return;
    const now = Date.now();
    this.firstUnsavedAt ??= now;
    this.cancelTimer();
    const delay = Math.max(0, Math.min(SAVE_DELAY, SAVE_MAX_WAIT - (now - this.firstUnsavedAt)));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.saveWhenIdle();
    }, delay);
    if (this.storage.persistent && !this.state.getState().changedElsewhere) {
      this.state.setState({ autosave: 'pending' });
    }
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.idle !== undefined) cancelIdleCallback(this.idle);
    this.idle = undefined;
  }

  /**
   * Saves once the page is idle (after the keystroke's canvas update, say), but no later than
   * SAVE_MAX_WAIT after the first unsaved change, as a direct save would.
   */
  private saveWhenIdle(): void {
    const left = SAVE_MAX_WAIT - (Date.now() - (this.firstUnsavedAt ?? Date.now()));
    if (typeof requestIdleCallback !== 'function' || left <= 0) {
      void this.save();
      return;
    }
    this.idle = requestIdleCallback(
      () => {
        this.idle = undefined;
        void this.save();
      },
      { timeout: left },
    );
  }

  private save(force = false): Promise<void> {
    if (this.saving !== undefined) {
      // One write at a time, in order: the latest state is written once this one is done.
      this.saveAgain = true;
      return this.saving;
    }
    this.firstUnsavedAt = undefined;
    if (this.suspended > 0 || this.state.getState().changedElsewhere) return Promise.resolve();
    const current = this.state.getState().current;
    const content = contentOf(this.store.getState());
    const state: WrittenState = { current, baseline: this.baseline, content };
    if (!force && this.written !== undefined && sameWritten(this.written, state)) {
      // Storage holds this already (a change undone before the save, say): no write.
      if (this.storage.persistent && this.state.getState().autosave === 'pending') {
        this.state.setState({ autosave: 'saved' });
      }
      return Promise.resolve();
    }
    const record = this.recordOf(current, content);
    if (this.storage.persistent) this.state.setState({ autosave: 'saving' });
    this.written = undefined;
    this.saving = this.storage
      .writeCurrent(record)
      .then(
        () => {
          this.written = state;
          this.channel?.post({ kind: 'saved', id: record.id, tab: this.tab });
          if (this.storage.persistent && !this.state.getState().changedElsewhere) {
            this.state.setState({ autosave: 'saved', autosaveProblem: undefined });
          }
        },
        (error: unknown) => {
          this.state.setState({
            autosave: 'failed',
            autosaveProblem: error instanceof Error ? error.message : String(error),
          });
        },
      )
      .finally(() => {
        this.saving = undefined;
        if (this.saveAgain) {
          this.saveAgain = false;
          void this.save();
        }
      });
    return this.saving;
  }

  private recordOf(
    current: CurrentDesign,
    content = contentOf(this.store.getState()),
  ): StoredDesign {
    return {
      ...current,
      updatedAt: Date.now(),
      size: content.text.length,
      content: toShareDocument(content),
      baseline: this.baseline,
    };
  }

  private async refreshList(): Promise<void> {
    try {
      const designs = (await this.storage.list()).filter((design) => design.named).sort(byName);
      this.state.setState({ designs });
    } catch {
      // The list is a convenience: autosave's own status reports storage failures.
    }
  }

  /** Runs `work` with autosave held, then saves the result once. */
  private async swapping(work: () => Promise<void> | void): Promise<void> {
    await this.flush();
    this.suspended += 1;
    try {
      await work();
    } finally {
      this.cancelTimer();
      this.firstUnsavedAt = undefined;
      this.suspended -= 1;
    }
    await this.save(true);
    await this.refreshList();
  }

  /**
   * Puts content into the store: the text as one undoable step, and the state around it. The
   * previous design's trace goes first, so its request is never traced through the new design;
   * the content's own request waits in the Simulator.
   */
  private apply(content: DesignContent): void {
    const state = this.store.getState();
    state.clearSimulation();
    // What was selected belongs to the previous design: the inspector starts from the new one.
    state.select(null);
    this.placedAt = { ...content.positions };
    state.setSilenced(content.silenced);
    state.replaceText(content.text);
    state.setPositions(content.positions);
    state.setTests(content.tests);
    state.setRequest(content.request);
    if (Object.keys(content.positions).length === 0) state.requestLayout();
  }

  /**
   * Opens content as a new untitled design (an example, a share link, a new design). The open
   * untitled design is dropped: callers ask first when it has changes (`isDirty`).
   */
  async open(content: DesignContent, name: string): Promise<void> {
    await this.swapping(async () => {
      const previous = this.state.getState().current;
      // Changed in another tab, the record is that tab's work now: it stays.
      if (!previous.named && !this.state.getState().changedElsewhere) {
        await this.removeQuietly(previous.id);
      }
      this.baseline = contentDigest(content);
      this.apply(content);
      this.state.setState({
        current: { id: newDesignId(), name, named: false },
        ...this.settledElsewhere(),
      });
    });
  }

  /**
   * After another tab changed the open design: opens the version it saved, dropping this tab's
   * changes. Writes nothing (the stored version is the one shown). Refuses, changing nothing, when
   * the stored record cannot be read.
   */
  async takeOtherTab(): Promise<SessionResult> {
    const { current } = this.state.getState();
    let record: unknown;
    let seen: number;
    try {
      // The other tab may save again while its record is read: then its newer version is read.
      do {
        seen = this.savedElsewhere;
        record = await this.storage.read(current.id);
      } while (seen !== this.savedElsewhere);
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    const stored = readStoredDesign(record);
    if (!stored.ok) return stored;
    this.suspended += 1;
    try {
      this.apply(stored.content);
    } finally {
      this.cancelTimer();
      this.firstUnsavedAt = undefined;
      this.suspended -= 1;
    }
    this.baseline = stored.baseline;
    this.state.setState({
      current: { id: current.id, name: stored.name, named: stored.named },
      changedElsewhere: false,
      autosave: 'saved',
      autosaveProblem: undefined,
    });
    await this.refreshList();
    return { ok: true };
  }

  /**
   * After another tab changed the open design: keeps this tab's version as a design of its own,
   * under a generated name (listed under Designs); the other tab's version stays as it saved it.
   */
  async keepMineAsCopy(): Promise<void> {
    const { current } = this.state.getState();
    this.state.setState({
      current: { id: newDesignId(), name: keptName(current.name, new Date()), named: true },
      changedElsewhere: false,
    });
    await this.saveNow();
    await this.refreshList();
  }

  /** Keeps the open untitled design under a generated name, so that opening another loses nothing. */
  async keepCopy(): Promise<void> {
    const { current } = this.state.getState();
    if (current.named) return;
    await this.swapping(() => {
      this.state.setState({
        current: { ...current, name: keptName(current.name, new Date()), named: true },
      });
    });
  }

  /** Opens a stored design by id. Refuses, changing nothing, when its record cannot be read. */
  async openSaved(id: string): Promise<SessionResult> {
    await this.flush();
    let record: unknown;
    try {
      record = await this.storage.read(id);
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    const stored = readStoredDesign(record);
    if (!stored.ok) return stored;
    await this.swapping(async () => {
      const previous = this.state.getState().current;
      if (!previous.named && previous.id !== id && !this.state.getState().changedElsewhere) {
        await this.removeQuietly(previous.id);
      }
      this.baseline = contentDigest(stored.content);
      this.apply(stored.content);
      this.state.setState({
        current: { id, name: stored.name, named: true },
        ...this.settledElsewhere(),
      });
    });
    return { ok: true };
  }

  /** Checks a name for a design: trimmed, not empty, not too long, not taken by another design. */
  checkName(name: string, exceptId?: string): SessionResult {
    const trimmed = name.trim();
    if (trimmed === '') return { ok: false, reason: 'Give the design a name.' };
    if (trimmed.length > MAX_NAME_LENGTH) {
      return { ok: false, reason: `A name has at most ${MAX_NAME_LENGTH} characters.` };
    }
    const taken = this.state
      .getState()
      .designs.some(
        (design) =>
          design.id !== exceptId &&
          design.name.localeCompare(trimmed, undefined, { sensitivity: 'base' }) === 0,
      );
    return taken
      ? { ok: false, reason: `A design named “${trimmed}” already exists.` }
      : { ok: true };
  }

  /**
   * Saves the open design under a name. An untitled design becomes that named design; a named one
   * is copied, and the copy is then the open design.
   */
  async saveAs(name: string): Promise<SessionResult> {
    const check = this.checkName(name);
    if (!check.ok) return check;
    await this.swapping(() => {
      const { current } = this.state.getState();
      const id = current.named ? newDesignId() : current.id;
      this.state.setState({ current: { id, name: name.trim(), named: true } });
    });
    return { ok: true };
  }

  /** Renames the open named design. */
  async rename(name: string): Promise<SessionResult> {
    const { current } = this.state.getState();
    if (!current.named) return { ok: false, reason: 'Save the design under a name first.' };
    const check = this.checkName(name, current.id);
    if (!check.ok) return check;
    await this.swapping(() => {
      this.state.setState({ current: { ...current, name: name.trim() } });
    });
    return { ok: true };
  }

  /**
   * Deletes the open named design from storage. Its content stays open as an untitled design with
   * unsaved changes, so nothing is lost until the user opens something else.
   */
  async deleteCurrent(): Promise<SessionResult> {
    const { current } = this.state.getState();
    if (!current.named) return { ok: false, reason: 'This design is not saved under a name.' };
    await this.swapping(async () => {
      await this.storage.remove(current.id);
      // An empty baseline: the content differs from it, so replacing it asks first.
      this.baseline = '';
      this.state.setState({ current: { id: newDesignId(), name: current.name, named: false } });
    });
    return { ok: true };
  }

  /** Another design is open: what another tab did to the previous one no longer holds autosave. */
  private settledElsewhere(): Partial<SessionState> {
    return this.state.getState().changedElsewhere
      ? { changedElsewhere: false, autosaveProblem: undefined }
      : {};
  }

  private async removeQuietly(id: string): Promise<void> {
    try {
      await this.storage.remove(id);
    } catch {
      // A leftover untitled record is harmless: it is never listed.
    }
  }
}

/** A stored record read back and validated, or why it cannot be used. */
export type StoredRead =
  | {
      readonly ok: true;
      readonly name: string;
      readonly named: boolean;
      readonly content: DesignContent;
      readonly baseline: string;
    }
  | { readonly ok: false; readonly reason: string };

/** Validates a stored record (never trusted: written by another version, or damaged). */
export function readStoredDesign(record: unknown): StoredRead {
  if (typeof record !== 'object' || record === null) {
    return { ok: false, reason: 'the saved design is missing' };
  }
  const fields = record as Record<string, unknown>;
  if (typeof fields.name !== 'string') return { ok: false, reason: 'the saved design has no name' };
  const content = fromShareDocument(fields.content);
  if (!content.ok) return { ok: false, reason: content.message };
  return {
    ok: true,
    name: fields.name,
    named: fields.named === true,
    content: content.design,
    baseline: currentBaseline(
      typeof fields.baseline === 'string' ? fields.baseline : '',
      content.design,
    ),
  };
}
