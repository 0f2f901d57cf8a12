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
import { createWorkerJobQueue, type QueueWorker } from './workerJobQueue';

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
export type DeriveWorker = QueueWorker<DeriveRequest, DeriveReply>;

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
  readonly id: number;
  readonly request: DeriveRequest;
  readonly onProgress: (progress: DeriveProgress) => void;
  readonly parts: Record<DeriveList, unknown[]>;
  /** The read whose lists the worker may refer to (see DeriveRequest.base). */
  base?: { readonly id: number; readonly parts: Record<DeriveList, unknown[]> };
}

function emptyParts(): Record<DeriveList, unknown[]> {
  const parts = {} as Record<DeriveList, unknown[]>;
  for (const list of DERIVE_LISTS) parts[list] = [];
  return parts;
}

/**
 * A reader over a restartable worker (a `WorkerJobQueue`). One read runs at a time and at most one
 * waits: a newer request replaces the waiting one, and the running one is left to finish (the
 * worker keeps its Design, so typing in a large design parses only what changed) unless it is
 * still running `staleGrace` ms later. A read that stalls past `stall`, or a worker that fails, ends
 * the worker; the next read starts a new one (which parses the whole text again).
 */
export function createWorkerDesignReader(
  start: () => DeriveWorker,
  timing: DeriveWorkerTiming = DERIVE_WORKER_TIMING,
): DesignReader {
  // The lists of the last read the worker finished: the next read's unchanged items refer to them.
  let held: { readonly id: number; readonly parts: Record<DeriveList, unknown[]> } | undefined;
  const queue = createWorkerJobQueue<Job, DeriveRequest, DeriveReply, DesignReadOutcome>({
    start,
    request(job) {
      job.base = held;
      return held === undefined ? job.request : { ...job.request, base: held.id };
    },
    replyId: (reply) => reply.id,
    receive(reply, job, running) {
      switch (reply.type) {
        case 'progress':
          if (!running.stale) {
            running.progressed();
            job.onProgress(reply.progress);
          }
          return;
        case 'part':
          if (
            !joinPart(job.parts[reply.list], reply.items, reply.from, job.base?.parts[reply.list])
          ) {
            running.fail('the reader referred to a part it never sent');
          }
          return;
        case 'done': {
          // Kept even when nobody waits for it: the worker's next read refers to this one.
          held = { id: job.id, parts: job.parts };
          const parts = job.parts as unknown as Omit<DeriveResult, 'summary'>;
          running.finish({ ok: true, result: { ...parts, summary: reply.summary } });
          return;
        }
        default: {
          const unknownReply: never = reply;
          throw new Error(`Unknown derive reply ${JSON.stringify(unknownReply)}`);
        }
      }
    },
    timeout: timing.stall,
    timeoutReason: `reading it made no progress for ${Math.round(timing.stall / 1000)} s and was stopped`,
    staleGrace: timing.staleGrace,
    failure: (failure) => failure,
    stopped() {
      held = undefined;
    },
  });

  return {
    read(name, text, silenced, onProgress) {
      return queue.run((id) => ({
        id,
        request: { id, name, text, silenced: [...silenced] },
        onProgress,
        parts: emptyParts(),
      }));
    },
    dispose: () => queue.dispose(),
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
