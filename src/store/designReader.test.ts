import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createInPlaceDeriveWorker,
  createWorkerDesignReader,
  type DeriveWorker,
  type DeriveWorkerTiming,
} from './designReader';
import {
  createDeriveSession,
  type DeriveProgress,
  type DeriveReply,
  type DeriveRequest,
} from './deriveProtocol';
import { meshOf } from './testMeshes';

/**
 * A stand-in for the browser's Worker host object (Node has none): it runs the worker's real body,
 * the derive session, when the test says the worker has got that far, so that the tests can hold
 * a read "running" for as long as they need.
 */
class ScriptedWorker implements DeriveWorker {
  onmessage: ((event: MessageEvent<DeriveReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly received: DeriveRequest[] = [];
  terminated = false;
  /** Every reply the worker posted, as sent. */
  readonly sent: DeriveReply[] = [];
  private readonly session = createDeriveSession((reply) => {
    this.sent.push(reply);
    if (!this.terminated) {
      this.onmessage?.({ data: structuredClone(reply) } as MessageEvent<DeriveReply>);
    }
  });

  postMessage(message: DeriveRequest): void {
    this.received.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Derives the oldest request not yet answered. */
  answer(): void {
    const request = this.received.shift();
    if (request !== undefined && !this.terminated) this.session.handle(request);
  }

  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

const replies = (worker: ScriptedWorker | undefined): readonly DeriveReply[] => worker?.sent ?? [];

const timing: DeriveWorkerTiming = { stall: 1_000, staleGrace: 100 };
const small = meshOf(5);
const other = meshOf(6);
const ignore = () => undefined;

describe('the design reader', () => {
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
  afterEach(() => {
    vi.useRealTimers();
  });

  it('given a text, when the worker derives it, then the reader passes on its progress and joins its answer', async () => {
    const reader = createWorkerDesignReader(start, timing);
    const progress: DeriveProgress[] = [];
    const outcome = reader.read('design.yaml', small, [], (step) => progress.push(step));
    workers[0]?.answer();
    const result = await outcome;
    if (result === 'superseded' || !result.ok) throw new Error('the read failed');
    expect(progress.at(-1)).toMatchObject({ stage: 'checking' });
    expect(result.result.resources.length).toBeGreaterThanOrEqual(20);
    expect(result.result.nodes.length).toBeGreaterThan(0);
    expect(result.result.summary.syntaxErrors).toBe(0);
  });

  it('given a newer text while one is read, then the older read is superseded and the worker, keeping its parse, reads the newer one next', async () => {
    const reader = createWorkerDesignReader(start, timing);
    const first = reader.read('design.yaml', small, [], ignore);
    const second = reader.read('design.yaml', other, [], ignore);
    await expect(first).resolves.toBe('superseded');
    workers[0]?.answer();
    workers[0]?.answer();
    const result = await second;
    if (result === 'superseded' || !result.ok) throw new Error('the read failed');
    expect(result.result.summary.check.name).toBe('design.yaml');
    expect(workers).toHaveLength(1);
  });

  it('given a read nobody waits for that runs past its grace, then the worker is restarted for the latest text', async () => {
    const reader = createWorkerDesignReader(start, timing);
    void reader.read('design.yaml', small, [], ignore);
    const latest = reader.read('design.yaml', other, [], ignore);
    vi.advanceTimersByTime(timing.staleGrace);
    expect(workers[0]?.terminated).toBe(true);
    expect(workers[1]?.received.map((request) => request.text)).toEqual([other]);
    workers[1]?.answer();
    await expect(latest).resolves.toMatchObject({ ok: true });
  });

  it('given a worker that makes no progress, then the read is refused after the stall time and the next read starts a new worker', async () => {
    const reader = createWorkerDesignReader(start, timing);
    const stuck = reader.read('design.yaml', small, [], ignore);
    vi.advanceTimersByTime(timing.stall);
    await expect(stuck).resolves.toEqual({
      ok: false,
      reason: 'reading it made no progress for 1 s and was stopped',
    });
    expect(workers[0]?.terminated).toBe(true);
    const next = reader.read('design.yaml', small, [], ignore);
    workers[1]?.answer();
    await expect(next).resolves.toMatchObject({ ok: true });
  });

  it('given a worker that crashes, then the read says so and the next read starts a new worker', async () => {
    const reader = createWorkerDesignReader(start, timing);
    const crashed = reader.read('design.yaml', small, [], ignore);
    workers[0]?.crash('out of memory');
    await expect(crashed).resolves.toEqual({
      ok: false,
      reason: 'the reader stopped unexpectedly (out of memory)',
    });
    const next = reader.read('design.yaml', small, [], ignore);
    expect(workers).toHaveLength(2);
    workers[1]?.answer();
    await expect(next).resolves.toMatchObject({ ok: true });
  });

  it('given an edit of one VirtualService, when the worker reads the new text, then it refers to the unchanged items and the page keeps their objects', async () => {
    const reader = createWorkerDesignReader(start, timing);
    const readAndAnswer = async (text: string) => {
      const outcome = reader.read('design.yaml', text, [], ignore);
      workers[0]?.answer();
      const result = await outcome;
      if (result === 'superseded' || !result.ok) throw new Error('the read failed');
      return result.result;
    };
    const edited = small.replace(
      'weight: 90\n    - destination: {host: app-2, subset: v2}\n      weight: 10',
      'weight: 80\n    - destination: {host: app-2, subset: v2}\n      weight: 20',
    );
    expect(edited).not.toBe(small);
    const first = await readAndAnswer(small);
    const second = await readAndAnswer(edited);
    expect(workers[0]?.received).toEqual([]);
    const sent = replies(workers[0]).filter((reply) => reply.type === 'part');
    expect(sent.some((reply) => reply.from !== undefined)).toBe(true);

    // The same result as a fresh worker reads.
    const fresh = createWorkerDesignReader(start, timing);
    const outcome = fresh.read('design.yaml', edited, [], ignore);
    workers[1]?.answer();
    const expected = await outcome;
    if (expected === 'superseded' || !expected.ok) throw new Error('the read failed');
    expect({ ...second, summary: { ...second.summary, reparsed: 0 } }).toEqual({
      ...expected.result,
      summary: { ...expected.result.summary, reparsed: 0 },
    });
    expect(second.summary.reparsed).toBe(1);

    const changed = 'VirtualService/team-2/app-2';
    for (const resource of second.resources) {
      const before = first.resources.find((candidate) => candidate.key === resource.key);
      if (resource.key === changed) expect(resource).not.toBe(before);
      else expect(resource).toBe(before);
    }
    const byId = new Map(first.nodes.map((node) => [node.id, node]));
    for (const node of second.nodes) {
      if (!node.id.includes(changed)) expect(node).toBe(byId.get(node.id));
    }
    const edgeIds = new Map(first.edges.map((edge) => [edge.id, edge]));
    const changedEdges = second.edges.filter((edge) => edgeIds.get(edge.id) !== edge);
    expect(changedEdges.length).toBeGreaterThan(0);
    expect(changedEdges.length).toBeLessThan(5);
  });

  it('given a worker restarted after a crash, then its first read refers to nothing the page held', async () => {
    const reader = createWorkerDesignReader(start, timing);
    const first = reader.read('design.yaml', small, [], ignore);
    workers[0]?.answer();
    await first;
    const crashed = reader.read('design.yaml', other, [], ignore);
    expect(workers[0]?.received[0]?.base).toBe(1);
    workers[0]?.crash('out of memory');
    await crashed;
    const next = reader.read('design.yaml', small, [], ignore);
    expect(workers[1]?.received[0]?.base).toBeUndefined();
    workers[1]?.answer();
    await expect(next).resolves.toMatchObject({ ok: true });
    expect(
      replies(workers[1]).some((reply) => reply.type === 'part' && reply.from !== undefined),
    ).toBe(false);
  });

  it('given the in-place worker (no Worker in Node), then it answers in tasks of its own, as a worker does', async () => {
    vi.useRealTimers();
    const reader = createWorkerDesignReader(createInPlaceDeriveWorker, timing);
    const progress: DeriveProgress[] = [];
    const outcome = reader.read('design.yaml', small, [], (step) => progress.push(step));
    expect(progress).toEqual([]);
    await expect(outcome).resolves.toMatchObject({ ok: true });
    expect(progress.length).toBeGreaterThan(0);
    reader.dispose();
  });
});
