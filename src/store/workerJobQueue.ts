/** The part of a Worker a job queue uses (the browser's Worker has it). */
export interface QueueWorker<Request, Reply> {
  postMessage(message: Request): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<Reply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A job's end when the worker could not do it. */
export interface JobFailure {
  readonly ok: false;
  readonly reason: string;
}

/** What a reply of the running job may do with it. */
export interface RunningJob<Outcome> {
  /** True once a newer job superseded this one: its outcome is no longer awaited. */
  readonly stale: boolean;
  /** Ends the job with `outcome`; the next job starts. */
  finish(outcome: Outcome): void;
  /** Ends the worker (what it kept is lost) and the job with `reason`; the next job starts. */
  fail(reason: string): void;
  /** Arms the job's timeout again from now: it made progress. */
  progressed(): void;
}

/** How a queue runs its jobs on its worker. */
export interface WorkerJobs<Job extends { readonly id: number }, Request, Reply, Outcome> {
  /** Starts a worker: on the first job, and on the first job after the worker was ended. */
  start(): QueueWorker<Request, Reply>;
  /** The message that asks the worker to do `job`, posted when it starts running. */
  request(job: Job): Request;
  /** The id of the job a reply answers (replies to an earlier job are dropped). */
  replyId(reply: Reply): number;
  /** Handles a reply to the running job. */
  receive(reply: Reply, job: Job, running: RunningJob<Outcome>): void;
  /** A running job that goes this long (ms) without `progressed` is stopped with `timeoutReason`. */
  readonly timeout: number;
  readonly timeoutReason: string;
  /** A job nobody waits for any more is left to finish for this long (ms), then the worker restarts. */
  readonly staleGrace: number;
  /** The outcome of a job the worker could not do. */
  failure(failure: JobFailure): Outcome;
  /** Called when the worker is ended: forget what it kept. */
  stopped?(): void;
}

/**
 * One job at a time on a restartable worker, and at most one waiting. Only the latest job matters:
 * a newer job replaces the waiting one, which is answered `superseded`, and the running one is
 * answered `superseded` at once but left to finish (the worker may keep state that makes the next
 * job cheaper) unless it is still running `staleGrace` ms later. A job past its timeout, or a worker
 * that fails, ends the worker; the next job starts a new one.
 */
export interface WorkerJobQueue<Job, Outcome> {
  /** Queues the job `create` makes with its id; resolves with its outcome or `superseded`. */
  run(create: (id: number) => Job): Promise<Outcome | 'superseded'>;
  /** Ends the worker; every job not done is answered `superseded`. */
  dispose(): void;
}

interface Entry<Job, Outcome> {
  readonly job: Job;
  readonly resolve: (outcome: Outcome | 'superseded') => void;
  stale: boolean;
}

export function createWorkerJobQueue<Job extends { readonly id: number }, Request, Reply, Outcome>(
  jobs: WorkerJobs<Job, Request, Reply, Outcome>,
): WorkerJobQueue<Job, Outcome> {
  let worker: QueueWorker<Request, Reply> | undefined;
  let running: Entry<Job, Outcome> | undefined;
  let waiting: Entry<Job, Outcome> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let serial = 0;

  const stopWorker = () => {
    worker?.terminate();
    worker = undefined;
    jobs.stopped?.();
  };
  const finishRunning = (outcome: Outcome) => {
    clearTimeout(timer);
    const entry = running;
    running = undefined;
    if (entry !== undefined) entry.resolve(entry.stale ? 'superseded' : outcome);
    runNext();
  };
  const failRunning = (reason: string) => {
    stopWorker();
    finishRunning(jobs.failure({ ok: false, reason }));
  };
  const armTimer = (delay: number, onTimeout: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(onTimeout, delay);
  };
  const armTimeout = (entry: Entry<Job, Outcome>) => {
    armTimer(jobs.timeout, () => {
      if (running === entry) failRunning(jobs.timeoutReason);
    });
  };
  const control = (entry: Entry<Job, Outcome>): RunningJob<Outcome> => ({
    get stale() {
      return entry.stale;
    },
    finish: (outcome) => {
      if (running === entry) finishRunning(outcome);
    },
    fail: (reason) => {
      if (running === entry) failRunning(reason);
    },
    progressed: () => {
      if (running === entry && !entry.stale) armTimeout(entry);
    },
  });
  const ensureWorker = (): QueueWorker<Request, Reply> => {
    if (worker !== undefined) return worker;
    const started = jobs.start();
    started.onmessage = (event) => {
      const entry = running;
      if (started !== worker || entry === undefined) return;
      if (jobs.replyId(event.data) !== entry.job.id) return;
      jobs.receive(event.data, entry.job, control(entry));
    };
    started.onerror = (event) => {
      // Handled here: the page shows the failure as the design's diagnostic, not as an error.
      event.preventDefault();
      if (started !== worker) return;
      failRunning(`the reader stopped unexpectedly (${event.message || 'no message'})`);
    };
    worker = started;
    return started;
  };
  const runNext = () => {
    if (running !== undefined || waiting === undefined) return;
    const entry = waiting;
    running = entry;
    waiting = undefined;
    armTimeout(entry);
    ensureWorker().postMessage(jobs.request(entry.job));
  };

  return {
    run(create) {
      serial += 1;
      const job = create(serial);
      return new Promise((resolve) => {
        waiting?.resolve('superseded');
        waiting = { job, resolve, stale: false };
        if (running !== undefined && !running.stale) {
          const entry = running;
          entry.stale = true;
          entry.resolve('superseded');
          armTimer(jobs.staleGrace, () => {
            // Nobody waits for this job: restart rather than let the latest one wait longer.
            if (running === entry) failRunning('superseded');
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
