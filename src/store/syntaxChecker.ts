import type { ParsedFile, SyntaxCheck } from '../engine';
import {
  answerSyntaxCheck,
  type SyntaxCheckReply,
  type SyntaxCheckRequest,
} from './syntaxProtocol';
import { createWorkerJobQueue, type QueueWorker } from './workerJobQueue';

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
export type SyntaxWorker = QueueWorker<SyntaxCheckRequest, SyntaxCheckReply>;

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

/**
 * A checker over a restartable worker (a `WorkerJobQueue`). One check runs at a time and at most
 * one waits: a newer request replaces the waiting one, and the running one is left to finish (the
 * worker keeps its parse, so typing in a large design parses only what changed) unless it is still
 * running `staleGrace` ms later. A check past the watchdog, or a worker that fails, ends the worker;
 * the next check starts a new one.
 */
export function createWorkerSyntaxChecker(
  start: () => SyntaxWorker,
  timing: SyntaxWorkerTiming = SYNTAX_WORKER_TIMING,
): SyntaxChecker {
  const queue = createWorkerJobQueue<
    SyntaxCheckRequest,
    SyntaxCheckRequest,
    SyntaxCheckReply,
    SyntaxCheckOutcome
  >({
    start,
    request: (request) => request,
    replyId: (reply) => reply.id,
    receive(reply, _request, running) {
      running.finish({ ok: true, check: reply.check });
    },
    timeout: timing.watchdog,
    timeoutReason: `reading it took longer than ${Math.round(timing.watchdog / 1000)} s and was stopped`,
    staleGrace: timing.staleGrace,
    failure: (failure) => failure,
  });
  return {
    check: (name, text, keep) => queue.run((id) => ({ id, name, text, keep })),
    dispose: () => queue.dispose(),
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
