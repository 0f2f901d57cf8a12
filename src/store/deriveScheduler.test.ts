import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeriveScheduler } from './deriveScheduler';

describe('the derive scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once, a delay after the last of a burst of typed changes', () => {
    // given a scheduler with a 50 ms delay
    const runs: number[] = [];
    const scheduler = createDeriveScheduler(() => runs.push(Date.now()), {
      delay: 50,
      maxWait: 250,
    });
    const start = Date.now();
    // when three keys arrive 20 ms apart
    scheduler.schedule();
    vi.advanceTimersByTime(20);
    scheduler.schedule();
    vi.advanceTimersByTime(20);
    scheduler.schedule();
    // then nothing runs until 50 ms after the last key, and then exactly once
    vi.advanceTimersByTime(49);
    expect(runs).toEqual([]);
    expect(scheduler.isPending()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([start + 90]);
    expect(scheduler.isPending()).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(runs).toHaveLength(1);
  });

  it('runs at the latest the maximum wait after the first change while keys keep coming', () => {
    // given a scheduler with a 50 ms delay and a 250 ms maximum wait
    const runs: number[] = [];
    const scheduler = createDeriveScheduler(() => runs.push(Date.now()), {
      delay: 50,
      maxWait: 250,
    });
    const start = Date.now();
    // when a key repeats every 30 ms for 400 ms (the last at 390 ms)
    for (let elapsed = 0; elapsed < 400; elapsed += 30) {
      scheduler.schedule();
      vi.advanceTimersByTime(30);
    }
    vi.advanceTimersByTime(100);
    // then it ran 250 ms into the burst, and once more after the burst ended
    expect(runs[0]).toBe(start + 250);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toBe(start + 390 + 50);
  });

  it('runs a waiting derive on flush, and nothing when none waits', () => {
    // given a scheduled derive
    let runs = 0;
    const scheduler = createDeriveScheduler(() => (runs += 1), { delay: 50, maxWait: 250 });
    scheduler.flush();
    expect(runs).toBe(0);
    scheduler.schedule();
    // when it is flushed
    scheduler.flush();
    // then it ran now, and the timer does not run it again
    expect(runs).toBe(1);
    vi.advanceTimersByTime(100);
    expect(runs).toBe(1);
  });

  it('drops a waiting derive on cancel, and runs at once with no delay', () => {
    // given a scheduled derive that is cancelled
    let runs = 0;
    const scheduler = createDeriveScheduler(() => (runs += 1), { delay: 50, maxWait: 250 });
    scheduler.schedule();
    scheduler.cancel();
    vi.advanceTimersByTime(100);
    expect(runs).toBe(0);
    // when the delay is 0, scheduling runs immediately
    const immediate = createDeriveScheduler(() => (runs += 1), { delay: 0, maxWait: 0 });
    immediate.schedule();
    expect(runs).toBe(1);
  });
});
