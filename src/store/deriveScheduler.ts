/**
 * How long the store waits after a typed change before deriving again, in ms. Short enough that the
 * canvas follows within 100 ms of the last keystroke (wait + derive + render), long enough to
 * absorb key repeat and fast bursts, where deriving after every key would make typing stutter.
 */
export const TYPING_DERIVE_DELAY_MS = 50;

/**
 * The longest a burst of typing keeps the derive waiting, in ms: while keys keep coming faster
 * than the delay, the canvas still follows a few times a second.
 */
export const TYPING_DERIVE_MAX_WAIT_MS = 250;

/** When a scheduled derive runs. */
export interface DeriveTiming {
  /** Quiet time after the last typed change. 0 derives at once. */
  readonly delay: number;
  /** Longest wait since the first typed change still waiting. */
  readonly maxWait: number;
}

/** Runs the derive for bursts of typing: trailing, with a maximum wait, and flushable. */
export interface DeriveScheduler {
  /** A typed change arrived: run after `delay` ms of quiet, at the latest `maxWait` ms after the first. */
  schedule(): void;
  /** Runs the waiting derive now, if there is one. */
  flush(): void;
  /** Drops the waiting derive (the caller derives itself). */
  cancel(): void;
  /** True while a derive waits. */
  isPending(): boolean;
}

/**
 * A scheduler that calls `run` for bursts of typed changes. It uses the global timers, so tests
 * drive it with Vitest's fake timers rather than a stand-in.
 */
export function createDeriveScheduler(run: () => void, timing: DeriveTiming): DeriveScheduler {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPendingAt: number | undefined;

  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    firstPendingAt = undefined;
  };
  const fire = () => {
    cancel();
    run();
  };

  return {
    schedule() {
      if (timing.delay <= 0) {
        fire();
        return;
      }
      const now = Date.now();
      firstPendingAt ??= now;
      const untilMaxWait = firstPendingAt + timing.maxWait - now;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, Math.min(timing.delay, untilMaxWait)));
    },
    flush() {
      if (timer !== undefined) fire();
    },
    cancel,
    isPending: () => timer !== undefined,
  };
}
