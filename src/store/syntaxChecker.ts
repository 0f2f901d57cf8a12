import type { ParsedFile, SyntaxCheck } from '../engine';
import {
  answerSyntaxCheck,
  type SyntaxCheckReply,
  type SyntaxCheckRequest,
} from './syntaxProtocol';

/** The result of a check: the text's syntax, or why it could not be read. */
export type SyntaxCheckOutcome =
  | { readonly ok: true; readonly check: SyntaxCheck }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads the syntax of texts too large to derive (over `LargeDesignLimits.drawnUpTo`; smaller large
 * texts go to the derive worker) away from the page's thread, so that their errors are still marked
 * at their lines. Only the latest request matters:
 * a request made while another is waiting or running answers the older one `superseded`.
 */
export interface SyntaxChecker {
  check(name: string, text: string, keep: boolean): Promise<SyntaxCheckOutcome | 'superseded'>;
  dispose(): void;
}

/**
 * A checker that parses on the calling thread, answering in a microtask: for Node (tests, where
 * the store's logic is the same) and browsers without module workers.
 */
export function createInlineSyntaxChecker(): SyntaxChecker {
  let previous: ParsedFile | undefined;
  let serial = 0;
  return {
    async check(name, text, keep) {
      serial += 1;
      const id = serial;
      await Promise.resolve();
      if (id !== serial) return 'superseded';
      const { reply, parsed } = answerSyntaxCheck({ id, name, text, keep }, previous);
      previous = keep ? parsed : undefined;
      return { ok: true, check: reply.check };
    },
    dispose() {
      previous = undefined;
    },
  };
}

/** The part of a Worker the checker uses (the browser's Worker has it). */
export interface SyntaxWorker {
  postMessage(message: SyntaxCheckRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<SyntaxCheckReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** How long the worker may take, in ms. */
export interface SyntaxWorkerTiming {
  /** A check still running after this long is stopped, the worker restarted and the text refused. */
  readonly watchdog: number;
  /** A check nobody waits for any more is left to finish for this long, then the worker restarts. */
  readonly staleGrace: number;
}

/**
 * A generous watchdog: a realistic 5 MB design parses in about 3 s on two idle cores
 * (docs/analyzers.md §3.3) and several times that on a busy machine; only a text the parser cannot
 * get through should meet it.
 */
export const SYNTAX_WORKER_TIMING: SyntaxWorkerTiming = { watchdog: 30_000, staleGrace: 2_000 };

interface Job {
  readonly request: SyntaxCheckRequest;
  readonly resolve: (outcome: SyntaxCheckOutcome | 'superseded') => void;
  stale: boolean;
}

/**
 * A checker over a restartable worker. One check runs at a time and at most one waits: a newer
 * request replaces the waiting one, and the running one is left to finish (the worker keeps its
 * parse, so typing in a large design parses only what changed) unless it is still running
 * `staleGrace` ms later. A check past the watchdog, or a worker that fails, ends the worker; the
 * next check starts a new one.
 */
export function createWorkerSyntaxChecker(
  start: () => SyntaxWorker,
  timing: SyntaxWorkerTiming = SYNTAX_WORKER_TIMING,
): SyntaxChecker {
  let worker: SyntaxWorker | undefined;
  let running: Job | undefined;
  let waiting: Job | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let serial = 0;

  const stopWorker = () => {
    worker?.terminate();
    worker = undefined;
  };
  const finishRunning = (outcome: SyntaxCheckOutcome) => {
    clearTimeout(timer);
    const job = running;
    running = undefined;
    if (job !== undefined) job.resolve(job.stale ? 'superseded' : outcome);
    runNext();
  };
  const ensureWorker = (): SyntaxWorker => {
    if (worker !== undefined) return worker;
    const started = start();
    started.onmessage = (event) => {
      if (started !== worker || event.data.id !== running?.request.id) return;
      finishRunning({ ok: true, check: event.data.check });
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
  const armTimer = (delay: number, onTimeout: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(onTimeout, delay);
  };
  const runNext = () => {
    if (running !== undefined || waiting === undefined) return;
    running = waiting;
    waiting = undefined;
    const job = running;
    armTimer(timing.watchdog, () => {
      if (running !== job) return;
      stopWorker();
      finishRunning({
        ok: false,
        reason: `reading it took longer than ${Math.round(timing.watchdog / 1000)} s and was stopped`,
      });
    });
    ensureWorker().postMessage(job.request);
  };

  return {
    check(name, text, keep) {
      serial += 1;
      const request: SyntaxCheckRequest = { id: serial, name, text, keep };
      return new Promise((resolve) => {
        waiting?.resolve('superseded');
        waiting = { request, resolve, stale: false };
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
 * The checker the store uses by default: a module worker in the browser, started on the first
 * large text; in place where there are no workers (Node, jsdom).
 */
export function defaultSyntaxChecker(): SyntaxChecker {
  if (typeof Worker !== 'function') return createInlineSyntaxChecker();
  return createWorkerSyntaxChecker(
    () => new Worker(new URL('./syntaxWorker.ts', import.meta.url), { type: 'module' }),
  );
}
