import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerJobQueue, type QueueWorker, type RunningJob } from './workerJobQueue';

interface Request {
  readonly id: number;
  readonly text: string;
}
type Reply =
  | { readonly id: number; readonly type: 'progress' }
  | { readonly id: number; readonly type: 'done'; readonly length: number };
type Outcome = { readonly ok: true; readonly length: number } | { ok: false; reason: string };

/** A stand-in worker: it does what the test says, when the test says. */
class ScriptedWorker implements QueueWorker<Request, Reply> {
  onmessage: ((event: MessageEvent<Reply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly received: Request[] = [];
  terminated = false;

  postMessage(message: Request): void {
    this.received.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(reply: Reply): void {
    this.onmessage?.({ data: reply } as MessageEvent<Reply>);
  }

  /** Answers the last request it received. */
  finishLast(): void {
    const request = this.received.at(-1);
    if (request !== undefined) {
      this.reply({ id: request.id, type: 'done', length: request.text.length });
    }
  }

  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

describe('the worker job queue', () => {
  let workers: ScriptedWorker[];
  let stops: number;
  const queueOf = () =>
    createWorkerJobQueue<Request, Request, Reply, Outcome>({
      start: () => {
        const worker = new ScriptedWorker();
        workers.push(worker);
        return worker;
      },
      request: (job) => job,
      replyId: (reply) => reply.id,
      receive(reply: Reply, _job: Request, running: RunningJob<Outcome>) {
        if (reply.type === 'progress') running.progressed();
        else running.finish({ ok: true, length: reply.length });
      },
      timeout: 10_000,
      timeoutReason: 'it took too long',
      staleGrace: 1_000,
      failure: (failure) => failure,
      stopped: () => {
        stops += 1;
      },
    });
  beforeEach(() => {
    workers = [];
    stops = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('runs a job on a worker started for it and answers its outcome; replies to other ids are dropped', async () => {
    const queue = queueOf();
    const outcome = queue.run((id) => ({ id, text: 'abc' }));
    expect(workers).toHaveLength(1);
    expect(workers[0]?.received).toEqual([{ id: 1, text: 'abc' }]);
    workers[0]?.reply({ id: 7, type: 'done', length: 99 });
    workers[0]?.finishLast();
    expect(await outcome).toEqual({ ok: true, length: 3 });
  });

  it('answers a waiting job superseded by a newer one, and a running one at once, left to finish on the same worker', async () => {
    const queue = queueOf();
    const first = queue.run((id) => ({ id, text: 'a' }));
    const second = queue.run((id) => ({ id, text: 'bb' }));
    const third = queue.run((id) => ({ id, text: 'ccc' }));
    expect(await first).toBe('superseded');
    expect(await second).toBe('superseded');
    // The running job was not cancelled: only the latest waits behind it.
    expect(workers[0]?.received.map((request) => request.id)).toEqual([1]);
    workers[0]?.reply({ id: 1, type: 'done', length: 1 });
    expect(workers[0]?.received.map((request) => request.id)).toEqual([1, 3]);
    workers[0]?.finishLast();
    expect(await third).toEqual({ ok: true, length: 3 });
    expect(workers).toHaveLength(1);
    expect(stops).toBe(0);
  });

  it('restarts the worker for the latest job when a superseded one runs on past its grace', async () => {
    const queue = queueOf();
    const first = queue.run((id) => ({ id, text: 'a' }));
    const latest = queue.run((id) => ({ id, text: 'bb' }));
    expect(await first).toBe('superseded');
    vi.advanceTimersByTime(1_000);
    expect(workers[0]?.terminated).toBe(true);
    expect(stops).toBe(1);
    expect(workers[1]?.received.map((request) => request.id)).toEqual([2]);
    workers[1]?.finishLast();
    expect(await latest).toEqual({ ok: true, length: 2 });
  });

  it('keeps a job that makes progress, and stops one that makes none for the timeout; the next job starts a new worker', async () => {
    const queue = queueOf();
    const outcome = queue.run((id) => ({ id, text: 'a' }));
    vi.advanceTimersByTime(9_000);
    workers[0]?.reply({ id: 1, type: 'progress' });
    vi.advanceTimersByTime(9_000);
    expect(workers[0]?.terminated).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(await outcome).toEqual({ ok: false, reason: 'it took too long' });
    expect(workers[0]?.terminated).toBe(true);
    expect(stops).toBe(1);
    const next = queue.run((id) => ({ id, text: 'bb' }));
    expect(workers).toHaveLength(2);
    workers[1]?.finishLast();
    expect(await next).toEqual({ ok: true, length: 2 });
  });

  it('answers why when the worker fails, and starts a new one for the next job', async () => {
    const queue = queueOf();
    const outcome = queue.run((id) => ({ id, text: 'a' }));
    workers[0]?.crash('out of memory');
    expect(await outcome).toEqual({
      ok: false,
      reason: 'the reader stopped unexpectedly (out of memory)',
    });
    void queue.run((id) => ({ id, text: 'b' }));
    expect(workers).toHaveLength(2);
  });

  it('answers every job not done superseded when disposed, and ends the worker', async () => {
    const queue = queueOf();
    const running = queue.run((id) => ({ id, text: 'a' }));
    queue.dispose();
    expect(await running).toBe('superseded');
    expect(workers[0]?.terminated).toBe(true);
  });
});
