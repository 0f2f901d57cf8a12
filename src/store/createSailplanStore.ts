import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  editsForFile,
  isRefused,
  planIntent,
  type Design,
  type Intent,
  type PlanResult,
  type PlanSelection,
  type Request,
} from '../engine';
import { deriveDocument, type Derived } from './derive';
import { defaultDesignReader, type DesignReader } from './designReader';
import type { DeriveProgress } from './deriveProtocol';
import {
  derivedFromWorker,
  LARGE_DESIGN_LIMITS,
  tooLargeDiagnostic,
  unparsedDerived,
  unreadableDiagnostic,
  type DesignReading,
  type LargeDesignLimits,
} from './largeDesign';
import {
  createDeriveScheduler,
  TYPING_DERIVE_DELAY_MS,
  TYPING_DERIVE_MAX_WAIT_MS,
  type DeriveTiming,
} from './deriveScheduler';
import { createRevealSlice, type RevealSlice } from './revealSlice';
import {
  createRouteTestsSlice,
  followDesignWithRouteTests,
  type RouteTestsSlice,
} from './routeTestsSlice';
import { createSilencedSlice, type SilencedSlice } from './silencedSlice';
import {
  createSimulationSlice,
  followDesignWithSimulation,
  type SimulationSlice,
} from './simulationSlice';
import { createPaintScheduler } from './paintScheduler';
import { defaultSyntaxChecker, type SyntaxChecker } from './syntaxChecker';
import { InMemoryTextBuffer, type TextBuffer, type TextChange } from './textBuffer';

/** A position on the canvas. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** What the canvas or editor selected: a node, a part (`key#http/0`) or an edge id. */
export interface Selection {
  readonly id: string;
  /** Which side made the selection, so the other side follows without echoing it back. */
  readonly origin: 'canvas' | 'editor' | 'panel';
}

/** What became of a dispatched intent. */
export type DispatchResult =
  | { readonly ok: true; readonly selection?: PlanSelection }
  | { readonly ok: false; readonly reason: string };

/** A short message to the user (a refused gesture, a finished export...). */
export interface Notice {
  readonly id: number;
  readonly tone: 'info' | 'success' | 'warning' | 'error';
  readonly message: string;
}

/** A request to delete a node, made by the canvas (Delete key) or a panel, until confirmed. */
export interface DeleteRequest {
  /** The node id to delete (a ResourceKey). */
  readonly id: string;
  /** Increases with every request, so asking again for the same node is a new request. */
  readonly serial: number;
}

/** The bottom panel's tabs. */
export type PanelTab = 'simulator' | 'tests' | 'problems';

/**
 * The whole client state: document (text + version), what is derived from it, and view state; the
 * Simulator's trace, the route tests' run, the silenced findings and reveal requests are slices
 * in their own files.
 */
export interface SailplanState
  extends SimulationSlice, RouteTestsSlice, SilencedSlice, RevealSlice {
  /** The design's file name, shown in messages (`design.yaml`). */
  readonly fileName: string;
  readonly text: string;
  readonly version: number;
  /**
   * Derived from the current text. While the user types, it follows a burst of keystrokes after a
   * short pause (`derived.version` lags `version` meanwhile); planned edits, undo and redo are
   * derived right after the browser paints them in the editor (see `afterEdits`), loads at once.
   * `flush()` derives a waiting change now.
   */
  readonly derived: Derived;
  /**
   * The last derivation whose text parsed without syntax errors: the canvas shows it (read-only)
   * while the current text has errors.
   */
  readonly lastGood: Derived;
  readonly buffer: TextBuffer;
  /**
   * How far the derive worker has read a large text (`null` when no read is under way): the page
   * shows it while the canvas keeps the last design it drew.
   */
  readonly reading: DesignReading | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;

  readonly selection: Selection | null;
  /** Node positions by id, kept across edits by identity. Never written into the YAML. */
  readonly positions: Readonly<Record<string, Point>>;
  /** Incremented to ask the canvas for a fresh auto layout. */
  readonly layoutRequest: number;
  readonly panel: PanelTab;
  readonly notices: readonly Notice[];
  /**
   * The design's route tests: the text of a route-test file (docs/route-tests.md), kept beside the
   * design (Tests panel, share links, autosave). `''` when there are none.
   */
  readonly tests: string;
  /** The Simulator panel's request, as plain data (`url` is `''` until one is chosen). */
  readonly request: Request;
  /** The delete waiting for the user's confirmation (the inspector shows what else changes). */
  readonly deleteRequest: DeleteRequest | null;

  /**
   * Carries out a gesture: plans it as minimal text edits against the current version and applies
   * them to the buffer as one undo step. Refused while the YAML has syntax errors, or when the
   * intent means nothing, with the reason. A caller that has planned the intent already (to check
   * it first) gives that plan with the design it was made on; it is used while that design is the
   * current one.
   */
  readonly dispatch: (intent: Intent, planned?: PlannedIntent) => DispatchResult;
  /** Derives the text now if a change is waiting for its derive (see `derived`). */
  readonly flush: () => void;
  /** Replaces the store's buffer (the editor attaches its Monaco-backed one once loaded). */
  readonly attachBuffer: (buffer: TextBuffer) => void;
  /** Replaces the whole design text, as one undoable step. */
  readonly replaceText: (text: string) => void;
  readonly undo: () => void;
  readonly redo: () => void;
  readonly select: (selection: Selection | null) => void;
  readonly setPositions: (positions: Readonly<Record<string, Point>>) => void;
  readonly moveNode: (id: string, position: Point) => void;
  /**
   * Moves the view state kept by node id (the positions of the node and of its parts) to a new id,
   * after a rename or a namespace move, so that the node keeps its place on the canvas.
   */
  readonly rekeyNode: (from: string, to: string) => void;
  /** Asks to delete a node; nothing changes until the confirmation dispatches `resource.delete`. */
  readonly requestDelete: (id: string) => void;
  /** Ends the pending delete request (confirmed or cancelled). */
  readonly clearDeleteRequest: () => void;
  readonly requestLayout: () => void;
  readonly setPanel: (panel: PanelTab) => void;
  readonly notify: (tone: Notice['tone'], message: string) => void;
  readonly dismissNotice: (id: number) => void;
  /** Replaces the route-test file text. */
  readonly setTests: (tests: string) => void;
  /** Replaces the Simulator panel's request. */
  readonly setRequest: (request: Request) => void;
}

/** An intent's plan, and the design it was made on. */
export interface PlannedIntent {
  readonly design: Design;
  readonly plan: PlanResult;
}

/** The node id the canvas uses for a planned selection: the resource key, or `key#http/0`. */
export function selectionNodeId(selection: PlanSelection): string {
  const [field, index] = selection.path.slice(1, 3);
  const part = {
    servers: 'server',
    http: 'http',
    tcp: 'tcp',
    tls: 'tls',
    subsets: 'subset',
    ports: 'port',
  }[String(field)];
  return selection.path[0] === 'spec' && part && typeof index === 'number'
    ? `${selection.key}#${part}/${index}`
    : selection.key;
}

/** The store's API, as given to components through context. */
export type SailplanStore = StoreApi<SailplanState>;

/** Options for a new store. */
export interface SailplanStoreOptions {
  readonly text: string;
  readonly fileName?: string;
  readonly tests?: string;
  readonly request?: Request;
  /** Findings silenced in this design (see `SilencedSlice`). */
  readonly silenced?: readonly string[];
  /** When typed changes are derived. */
  readonly typing?: DeriveTiming;
  /**
   * When planned edits, undo and redo are derived: `'after-paint'` (the default) once the browser
   * has painted the edit, so the editor shows it within a frame and the canvas follows in the next
   * task; `'now'` in the same call, before `dispatch` returns.
   */
  readonly afterEdits?: 'after-paint' | 'now';
  /** Text lengths from which the derive worker reads the text, and past which it is not drawn. */
  readonly largeDesign?: LargeDesignLimits;
  /** Derives large texts off the page (a worker in the browser; in place in Node). */
  readonly designReader?: DesignReader;
  /** Marks the syntax errors of texts too large to draw, off the page. */
  readonly syntaxChecker?: SyntaxChecker;
}

/** The request a new store starts with: none chosen yet. */
export const EMPTY_REQUEST: Request = { method: 'GET', url: '' };

/** Builds the client store over an in-memory buffer holding `text`. */
export function createSailplanStore({
  text,
  fileName = 'design.yaml',
  tests = '',
  request = EMPTY_REQUEST,
  silenced = [],
  typing = { delay: TYPING_DERIVE_DELAY_MS, maxWait: TYPING_DERIVE_MAX_WAIT_MS },
  afterEdits = 'after-paint',
  largeDesign = LARGE_DESIGN_LIMITS,
  designReader,
  syntaxChecker,
}: SailplanStoreOptions): SailplanStore {
  const initialBuffer = new InMemoryTextBuffer(text);
  // A large text is derived by the derive worker, the first one included: until then the store
  // holds the empty design of version 0.
  const startsLarge = text.length >= largeDesign.checkFrom;
  const initial = startsLarge
    ? deriveDocument(fileName, '', 0, undefined, silenced)
    : deriveDocument(fileName, text, initialBuffer.getVersion(), undefined, silenced);
  let checker = syntaxChecker;
  let reader = designReader;
  /** The last derivation the page parsed: the base of the next one (parse only what changed). */
  let parsedBase = initial;
  let deriveNow: () => void = () => undefined;
  let unsubscribe: () => void = () => undefined;
  let noticeId = 0;
  let deleteSerial = 0;
  /**
   * What a gesture selects (a renamed resource, a new rule) while its derive waits for the paint:
   * it is selected with the design that holds it, never before (the panels would not find it).
   * Any other selection meanwhile replaces it.
   */
  let pendingSelection: Selection | undefined;
  const takePendingSelection = (): { selection?: Selection } => {
    const selection = pendingSelection;
    pendingSelection = undefined;
    return selection === undefined ? {} : { selection };
  };

  const store = createStore<SailplanState>()((set, get) => {
    /** Shows a derived design: the last good one too when it parses; the read is over. */
    const showDerived = (next: Derived) => {
      set({
        derived: next,
        lastGood: next.syntaxErrors === 0 ? next : get().lastGood,
        reading: null,
        ...takePendingSelection(),
      });
    };
    const deriveOnPage = (current: string, version: number) => {
      const next = deriveDocument(fileName, current, version, parsedBase, get().silenced);
      parsedBase = next;
      showDerived(next);
    };
    const setUnparsed = (
      current: string,
      version: number,
      check: Parameters<typeof unparsedDerived>[3],
      extra: Parameters<typeof unparsedDerived>[4],
    ) => {
      set({
        derived: unparsedDerived(fileName, current, version, check, extra, get().silenced),
        reading: null,
      });
    };
    /** Version whose text a worker is reading. */
    let checking: number | undefined;
    // A text too large to draw is only checked by the syntax worker, which marks its errors.
    const checkTooLarge = (current: string, version: number) => {
      const tooLarge = [tooLargeDiagnostic(fileName, current, largeDesign)];
      // Said at once; the check adds the syntax errors' places when it is done.
      setUnparsed(current, version, undefined, tooLarge);
      checker ??= defaultSyntaxChecker();
      void checker.check(fileName, current, false).then((outcome) => {
        if (outcome === 'superseded' || get().version !== version) return;
        checking = undefined;
        if (outcome.ok) setUnparsed(current, version, outcome.check, tooLarge);
        else
          setUnparsed(current, version, undefined, [
            unreadableDiagnostic(fileName, outcome.reason),
          ]);
      });
    };
    // A large text is derived by the derive worker, which reports its progress, so no paste can
    // freeze or crash the page; the canvas keeps the last design until the new one arrives.
    const deriveLarge = (current: string, version: number) => {
      if (checking === version) return;
      checking = version;
      if (current.length > largeDesign.drawnUpTo) {
        checkTooLarge(current, version);
        return;
      }
      set({ reading: { version, stage: 'parsing', parsed: 0, total: 0 } });
      reader ??= defaultDesignReader();
      const onProgress = (progress: DeriveProgress) => {
        if (get().version === version) set({ reading: { version, ...progress } });
      };
      void reader.read(fileName, current, get().silenced, onProgress).then((outcome) => {
        if (outcome === 'superseded' || get().version !== version) return;
        if (!outcome.ok) {
          checking = undefined;
          setUnparsed(current, version, undefined, [
            unreadableDiagnostic(fileName, outcome.reason),
          ]);
          return;
        }
        const next = derivedFromWorker(fileName, current, version, outcome.result);
        // Drawn in a task of its own: the canvas and the panels render the new design on `set`,
        // which would otherwise add their work to the task that received the worker's last reply
        // (issue 9: no task over 200 ms). Until then the read is still under way (`checking`).
        setTimeout(() => {
          if (get().version !== version || get().derived.version === version) return;
          checking = undefined;
          showDerived(next);
        }, 0);
      });
    };
    /** Derives the current text: on the page, or in the derive worker when it is large. */
    const deriveCurrent = () => {
      const { text: current, version, derived } = get();
      if (derived.version === version) return;
      if (current.length >= largeDesign.checkFrom) deriveLarge(current, version);
      else deriveOnPage(current, version);
    };
    deriveNow = () => deriveCurrent();
    const typingScheduler = createDeriveScheduler(() => deriveCurrent(), typing);
    const paintScheduler = createPaintScheduler(() => deriveCurrent());
    /** Runs a waiting derive now: what reads the design next must see the text as it is. */
    const flushDerive = () => {
      typingScheduler.flush();
      paintScheduler.flush();
    };
    // The text, version and undo state follow every change at once (the toolbar's buttons, the
    // optimistic version check); the derive waits for typing to pause, and after a gesture, an
    // undo or a redo it waits for the editor to paint the edit.
    const onChange = (change: TextChange) => {
      const { buffer } = get();
      set({
        text: change.text,
        version: change.version,
        canUndo: buffer.canUndo(),
        canRedo: buffer.canRedo(),
      });
      if (change.origin === 'user') {
        typingScheduler.schedule();
      } else if (change.origin === 'load' || afterEdits === 'now') {
        typingScheduler.cancel();
        paintScheduler.cancel();
        deriveCurrent();
      } else {
        typingScheduler.cancel();
        paintScheduler.schedule();
      }
    };
    unsubscribe = initialBuffer.onDidChange(onChange);

    return {
      fileName,
      text,
      version: initialBuffer.getVersion(),
      derived: initial,
      lastGood: initial,
      buffer: initialBuffer,
      reading: null,
      canUndo: false,
      canRedo: false,
      selection: null,
      positions: {},
      layoutRequest: 0,
      panel: 'simulator',
      notices: [],
      tests,
      request,
      deleteRequest: null,

      dispatch: (intent, planned) => {
        // A gesture is planned against the text as it is now, typed keys and the last gesture
        // included.
        flushDerive();
        const { derived, buffer } = get();
        if (derived.version !== get().version) {
          return { ok: false, reason: 'The design is still being read: try again in a moment.' };
        }
        if (derived.syntaxErrors > 0) {
          return { ok: false, reason: 'The YAML has errors: fix them in the editor first.' };
        }
        // A plan is made for one version; if the text moves on meanwhile, plan again once.
        for (let attempt = 0; attempt < 2; attempt += 1) {
          const current = get().derived;
          const plan =
            planned?.design === current.design ? planned.plan : planIntent(current.design, intent);
          if (isRefused(plan)) return { ok: false, reason: plan.refused };
          if (buffer.applyEdits(editsForFile(plan.edits, fileName), current.version)) {
            if (plan.selection) {
              const selection: Selection = { id: selectionNodeId(plan.selection), origin: 'panel' };
              if (get().derived.version === get().version) set({ selection });
              else pendingSelection = selection;
            }
            return plan.selection ? { ok: true, selection: plan.selection } : { ok: true };
          }
        }
        return { ok: false, reason: 'The design changed while the edit was planned: try again.' };
      },
      flush: flushDerive,
      attachBuffer: (buffer) => {
        unsubscribe();
        const previous = get().buffer;
        unsubscribe = buffer.onDidChange(onChange);
        set({ buffer, canUndo: buffer.canUndo(), canRedo: buffer.canRedo() });
        if (buffer.getText() !== get().text || buffer.getVersion() !== get().version) {
          onChange({ version: buffer.getVersion(), text: buffer.getText(), origin: 'load' });
        }
        if (previous !== buffer) previous.dispose();
      },
      replaceText: (next) => get().buffer.replaceAll(next),
      undo: () => get().buffer.undo(),
      redo: () => get().buffer.redo(),
      select: (selection) => {
        pendingSelection = undefined;
        set({ selection });
      },
      setPositions: (positions) => set({ positions }),
      moveNode: (id, position) => set({ positions: { ...get().positions, [id]: position } }),
      rekeyNode: (from, to) => {
        if (from === to) return;
        const positions: Record<string, Point> = {};
        let moved = false;
        for (const [id, position] of Object.entries(get().positions)) {
          // Parts are `${node}#...`: they move with their node.
          const isOwn = id === from || id.startsWith(`${from}#`);
          if (isOwn) moved = true;
          positions[isOwn ? to + id.slice(from.length) : id] = position;
        }
        if (moved) set({ positions });
      },
      requestDelete: (id) => {
        deleteSerial += 1;
        set({ deleteRequest: { id, serial: deleteSerial } });
      },
      clearDeleteRequest: () => set({ deleteRequest: null }),
      requestLayout: () => set({ layoutRequest: get().layoutRequest + 1 }),
      setPanel: (panel) => set({ panel }),
      notify: (tone, message) => {
        noticeId += 1;
        set({ notices: [...get().notices, { id: noticeId, tone, message }] });
      },
      dismissNotice: (id) => set({ notices: get().notices.filter((notice) => notice.id !== id) }),
      setTests: (next) => set({ tests: next }),
      setRequest: (next) => set({ request: next }),
      ...createSimulationSlice(set, get),
      ...createRouteTestsSlice(set, get, { tests, derived: initial }),
      ...createSilencedSlice(set, get, silenced),
      ...createRevealSlice(set),
    };
  });
  // The trace and the route tests follow every edit of the design.
  followDesignWithSimulation(store);
  followDesignWithRouteTests(store);
  if (startsLarge) deriveNow();
  return store;
}
