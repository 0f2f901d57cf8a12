import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  answerSyntaxCheck,
  type SyntaxCheckReply,
  type SyntaxCheckRequest,
} from './syntaxProtocol';
import { createWorkerSyntaxChecker, type SyntaxWorker } from './syntaxChecker';

/**
 * A stand-in for the browser's Worker host object (Node has none): it runs the worker's real body,
 * `answerSyntaxCheck`, when the test says the worker has got that far, so that the tests can hold a
 * check "running" for as long as they need.
 */
class ScriptedWorker implements SyntaxWorker {
  onmessage: ((event: MessageEvent<SyntaxCheckReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly received: SyntaxCheckRequest[] = [];
  terminated = false;

  postMessage(message: SyntaxCheckRequest): void {
    this.received.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Answers the oldest request not yet answered. */
  answer(): void {
    const request = this.received.shift();
    if (request === undefined || this.terminated) return;
    const { reply } = answerSyntaxCheck(request, undefined);
    this.onmessage?.({ data: reply } as MessageEvent<SyntaxCheckReply>);
  }

  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

const timing = { watchdog: 10_000, staleGrace: 1_000 };

describe('the syntax worker checker', () => {
  let workers: ScriptedWorker[];
  const start = () => {
    const worker = new ScriptedWorker();
    workers.push(worker);
    return worker;
  };
  beforeEach(() => {
    workers = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('given a text, then the worker answers its syntax', async () => {
    const checker = createWorkerSyntaxChecker(start, timing);
    const outcome = checker.check('design.yaml', 'a: [\n', true);
    workers[0]?.answer();
    expect(await outcome).toMatchObject({ ok: true, check: { errors: 1 } });
  });

  it('given a check that runs past the watchdog, then the worker is ended, the text refused, and the next check starts a new worker', async () => {
    const checker = createWorkerSyntaxChecker(start, timing);
    const outcome = checker.check('design.yaml', 'a: 1\n', true);
    vi.advanceTimersByTime(timing.watchdog);
    expect(await outcome).toEqual({
      ok: false,
      reason: 'reading it took longer than 10 s and was stopped',
    });
    expect(workers[0]?.terminated).toBe(true);
    const next = checker.check('design.yaml', 'b: 2\n', true);
    expect(workers).toHaveLength(2);
    workers[1]?.answer();
    expect(await next).toMatchObject({ ok: true, check: { errors: 0 } });
  });

  it('given newer texts while one is read, then the older are superseded and only the latest waits', async () => {
    const checker = createWorkerSyntaxChecker(start, timing);
    const first = checker.check('design.yaml', 'a: 1\n', true);
    const second = checker.check('design.yaml', 'b: 2\n', true);
    const third = checker.check('design.yaml', 'c: [\n', true);
    expect(await first).toBe('superseded');
    expect(await second).toBe('superseded');
    // The running check finishes in time: the same worker (and its parse) goes on to the latest.
    workers[0]?.answer();
    expect(workers[0]?.received.map((request) => request.text)).toEqual(['c: [\n']);
    workers[0]?.answer();
    expect(await third).toMatchObject({ ok: true, check: { errors: 1 } });
    expect(workers).toHaveLength(1);
  });

  it('given a superseded check that runs on past its grace, then the worker restarts for the latest text', async () => {
    const checker = createWorkerSyntaxChecker(start, timing);
    void checker.check('design.yaml', 'a: 1\n', true);
    const latest = checker.check('design.yaml', 'b: 2\n', true);
    vi.advanceTimersByTime(timing.staleGrace);
    expect(workers[0]?.terminated).toBe(true);
    expect(workers[1]?.received.map((request) => request.text)).toEqual(['b: 2\n']);
    workers[1]?.answer();
    expect(await latest).toMatchObject({ ok: true });
  });

  it('given a worker that fails, then the check says why and the next one starts a new worker', async () => {
    const checker = createWorkerSyntaxChecker(start, timing);
    const outcome = checker.check('design.yaml', 'a: 1\n', true);
    workers[0]?.crash('out of memory');
    expect(await outcome).toEqual({
      ok: false,
      reason: 'the reader stopped unexpectedly (out of memory)',
    });
    void checker.check('design.yaml', 'a: 1\n', true);
    expect(workers).toHaveLength(2);
  });
});
