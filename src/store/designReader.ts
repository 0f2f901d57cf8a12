import {
  createDeriveSession,
  DERIVE_LISTS,
  joinPart,
  type DeriveList,
  type DeriveProgress,
  type DeriveReply,
  type DeriveRequest,
  type DeriveResult,
} from './deriveProtocol';

/** The result of a read: the derivation as plain data, or why the text could not be read. */
export type DesignReadOutcome =
  | { readonly ok: true; readonly result: DeriveResult }
  | { readonly ok: false; readonly reason: string };

/**
 * Derives large texts away from the page's thread. Only the latest request matters: a request made
 * while another is waiting or running answers the older one `superseded`.
 */
export interface DesignReader {
  read(
    name: string,
    text: string,
    silenced: readonly string[],
    onProgress: (progress: DeriveProgress) => void,
  ): Promise<DesignReadOutcome | 'superseded'>;
  dispose(): void;
}

/** The part of a Worker the reader uses (the browser's Worker has it). */
export interface DeriveWorker {
  postMessage(message: DeriveRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<DeriveReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** How long the worker may take, in ms. */
export interface DeriveWorkerTiming {
  /**
   * A read that reports no progress for this long is stopped, the worker restarted and the text
   * refused. Progress comes every ~128 KB of parsed text; the model, topology and analysis of a
   * 5 MB design come as one step of a few seconds on a busy machine.
   */
  readonly stall: number;
  /** A read nobody waits for any more is left to finish for this long, then the worker restarts. */
  readonly staleGrace: number;
}

/** The timing the app uses. */
export const DERIVE_WORKER_TIMING: DeriveWorkerTiming = { stall: 30_000, staleGrace: 2_000 };

interface Job {
  readonly request: DeriveRequest;
  readonly resolve: (outcome: DesignReadOutcome | 'superseded') => void;
  readonly onProgress: (progress: DeriveProgress) => void;
  readonly parts: Record<DeriveList, unknown[]>;
  stale: boolean;
  /** The read whose lists the worker may refer to (see DeriveRequest.base). */
  base?: { readonly id: number; readonly parts: Record<DeriveList, unknown[]> };
}

function emptyParts(): Record<DeriveList, unknown[]> {
  const parts = {} as Record<DeriveList, unknown[]>;
  for (const list of DERIVE_LISTS) parts[list] = [];
  return parts;
}

/**
 * A reader over a restartable worker. One read runs at a time and at most one waits: a newer
 * request replaces the waiting one, and the running one is left to finish (the worker keeps its
 * Design, so typing in a large design parses only what changed) unless it is still running
 * `staleGrace` ms later. A read that stalls past `stall`, or a worker that fails, ends the worker;
 * the next read starts a new one (which parses the whole text again).
 */
export function createWorkerDesignReader(
  start: () => DeriveWorker,
  timing: DeriveWorkerTiming = DERIVE_WORKER_TIMING,
): DesignReader {
  let worker: DeriveWorker | undefined;
  let running: Job | undefined;
  let waiting: Job | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let serial = 0;
  // The lists of the last read the worker finished: the next read's unchanged items refer to them.
  let held: { readonly id: number; readonly parts: Record<DeriveList, unknown[]> } | undefined;

  const stopWorker = () => {
    worker?.terminate();
    worker = undefined;
    held = undefined;
  };
  const finishRunning = (outcome: DesignReadOutcome) => {
    clearTimeout(timer);
    const job = running;
    running = undefined;
    if (job !== undefined) job.resolve(job.stale ? 'superseded' : outcome);
    runNext();
  };
  const armTimer = (delay: number, onTimeout: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(onTimeout, delay);
  };
  const armStall = (job: Job) => {
    armTimer(timing.stall, () => {
      if (running !== job) return;
      stopWorker();
      finishRunning({
        ok: false,
        reason: `reading it made no progress for ${Math.round(timing.stall / 1000)} s and was stopped`,
      });
    });
  };
  const onReply = (reply: DeriveReply) => {
    const job = running;
    if (job === undefined || reply.id !== job.request.id) return;
    switch (reply.type) {
      case 'progress':
        if (!job.stale) {
          armStall(job);
          job.onProgress(reply.progress);
        }
        return;
      case 'part':
        if (
          !joinPart(job.parts[reply.list], reply.items, reply.from, job.base?.parts[reply.list])
        ) {
          stopWorker();
          finishRunning({ ok: false, reason: 'the reader referred to a part it never sent' });
        }
        return;
      case 'done': {
        // Kept even when nobody waits for it: the worker's next read refers to this one.
        held = { id: job.request.id, parts: job.parts };
        const parts = job.parts as unknown as Omit<DeriveResult, 'summary'>;
        finishRunning({ ok: true, result: { ...parts, summary: reply.summary } });
        return;
      }
      default: {
        const unknownReply: never = reply;
        throw new Error(`Unknown derive reply ${JSON.stringify(unknownReply)}`);
      }
    }
  };
  const ensureWorker = (): DeriveWorker => {
    if (worker !== undefined) return worker;
    const started = start();
    started.onmessage = (event) => {
      if (started === worker) onReply(event.data);
    };
    started.onerror = (event) => {
      // Handled here: the page shows the failure as the design's diagnostic, not as an error.
      event.preventDefault();
      if (started !== worker) return;
      stopWorker();
      finishRunning({
        ok: false,
        reason: `the reader stopped unexpectedly (${event.message || 'no message'})`,
      });
    };
    worker = started;
    return started;
  };
  const runNext = () => {
    if (running !== undefined || waiting === undefined) return;
    running = waiting;
    waiting = undefined;
    armStall(running);
    const target = ensureWorker();
    running.base = held;
    target.postMessage(
      held === undefined ? running.request : { ...running.request, base: held.id },
    );
  };

  return {
    read(name, text, silenced, onProgress) {
      serial += 1;
      const request: DeriveRequest = { id: serial, name, text, silenced: [...silenced] };
      return new Promise((resolve) => {
        waiting?.resolve('superseded');
        waiting = { request, resolve, onProgress, parts: emptyParts(), stale: false };
        if (running !== undefined && !running.stale) {
          running.stale = true;
          running.resolve('superseded');
          const job = running;
          armTimer(timing.staleGrace, () => {
            if (running !== job) return;
            // Nobody waits for this text: restart rather than let the latest one wait longer.
            stopWorker();
            finishRunning({ ok: false, reason: 'superseded' });
          });
        }
        runNext();
      });
    },
    dispose() {
      clearTimeout(timer);
      stopWorker();
      waiting?.resolve('superseded');
      running?.resolve('superseded');
      waiting = undefined;
      running = undefined;
    },
  };
}

/**
 * A worker that runs the derive session on the calling thread, a task per request, and delivers
 * each reply structured-cloned in a task of its own, as a worker's messages arrive: for Node
 * (tests, where the store's logic is the same) and browsers without module workers.
 */
export function createInPlaceDeriveWorker(): DeriveWorker {
  let terminated = false;
  const deliver = (reply: DeriveReply) => {
    const copy = structuredClone(reply);
    setTimeout(() => {
      if (!terminated) worker.onmessage?.({ data: copy } as MessageEvent<DeriveReply>);
    }, 0);
  };
  const session = createDeriveSession(deliver);
  const worker: DeriveWorker = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      const copy = structuredClone(message);
      setTimeout(() => {
        if (!terminated) session.handle(copy);
      }, 0);
    },
    terminate() {
      terminated = true;
    },
  };
  return worker;
}

/**
 * The reader the store uses by default: a module worker in the browser, started on the first
 * large text; in place where there are no workers (Node, jsdom).
 */
export function defaultDesignReader(): DesignReader {
  if (typeof Worker !== 'function') return createWorkerDesignReader(createInPlaceDeriveWorker);
  return createWorkerDesignReader(
    () => new Worker(new URL('./deriveWorker.ts', import.meta.url), { type: 'module' }),
  );
}
