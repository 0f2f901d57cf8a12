/**
 * Runs work after the browser has painted the current frame: an edit's text shows in the editor
 * first, and the derive (parse, model, topology, canvas, panels) follows in the next task, so the
 * gesture that made the edit is answered within a frame however large the design is.
 *
 * The order: the edit reaches the Monaco model at once, and Monaco draws it in its next animation
 * frame callback; ours is queued after it, and from there a task is posted, which the browser runs
 * only once that frame has been painted. Where there are no animation frames (Node, the CLI's
 * tests) the work runs in the next task.
 */
export interface PaintScheduler {
  /** Runs `run` after the next paint, once however often it is asked before then. */
  schedule(): void;
  /** Runs the waiting work now, if there is one. */
  flush(): void;
  /** Drops the waiting work (the caller runs it itself). */
  cancel(): void;
  /** True while work waits. */
  isPending(): boolean;
}

/** A scheduler that calls `run` after the next paint. It uses the global timers and frames. */
export function createPaintScheduler(run: () => void): PaintScheduler {
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;

  const cancel = () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = undefined;
    timer = undefined;
    pending = false;
  };
  const fire = () => {
    cancel();
    run();
  };
  const afterFrame = () => {
    frame = undefined;
    timer = setTimeout(fire, 0);
  };

  return {
    schedule() {
      if (pending) return;
      pending = true;
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(afterFrame);
      else timer = setTimeout(fire, 0);
    },
    flush() {
      if (pending) fire();
    },
    cancel,
    isPending: () => pending,
  };
}

/**
 * Resolves after the next paint, once the work scheduled after it has run: what a test awaits
 * after a gesture to see the design derived again, as the user sees it a frame later.
 */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const afterFrame = () => setTimeout(resolve, 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(afterFrame);
    else afterFrame();
  });
}
