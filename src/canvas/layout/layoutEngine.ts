import type { LayoutMessage, LayoutReply } from './layoutProtocol';
import type { LayoutPositions, LayoutRequest } from './layoutRequest';

/** Lays out a request somewhere: in a Web Worker in the browser. */
export interface LayoutEngine {
  layout(request: LayoutRequest): Promise<LayoutPositions>;
  dispose(): void;
}

/** The layout in a Web Worker, so that the page stays responsive while ELK works. */
export function createWorkerLayoutEngine(): LayoutEngine {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (positions: LayoutPositions) => void; reject: (error: Error) => void }
  >();

  const start = (): Worker => {
    if (worker !== undefined) return worker;
    const created = new Worker(new URL('./layout.worker.ts', import.meta.url), {
      type: 'module',
      name: 'sailplan-layout',
    });
    created.onmessage = (event: MessageEvent<LayoutReply>) => {
      const reply = event.data;
      const waiting = pending.get(reply.id);
      if (waiting === undefined) return;
      pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.positions);
    };
    created.onerror = (event) => {
      for (const waiting of pending.values()) waiting.reject(new Error(event.message));
      pending.clear();
    };
    worker = created;
    return created;
  };

  return {
    layout(request) {
      const target = start();
      nextId += 1;
      const id = nextId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const message: LayoutMessage = { id, request };
        // Posted once the task that asked is over: that task is drawing the design the layout is
        // for, and on two cores a worker started now takes half the time it needs (issue 9: a
        // 5.5 MB paste's drawing task took twice its CPU time in wall time). The copy of the
        // request is made then too.
        setTimeout(() => {
          if (pending.has(id)) target.postMessage(message);
        }, 0);
      });
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
      for (const waiting of pending.values()) waiting.reject(new Error('The canvas was closed'));
      pending.clear();
    },
  };
}

/**
 * The same layout in this thread, where there are no workers (component tests in jsdom): the real
 * ELK with the same options, loaded on first use.
 */
export function createInThreadLayoutEngine(): LayoutEngine {
  const loaded = Promise.all([import('elkjs/lib/elk.bundled.js'), import('./elkLayout')]).then(
    ([{ default: ELK }, { layoutWithElk }]) => {
      const elk = new ELK();
      return (request: LayoutRequest) => layoutWithElk(elk, request);
    },
  );
  return {
    layout: (request) => loaded.then((layout) => layout(request)),
    dispose: () => undefined,
  };
}

/** The engine for this environment: a worker where there are workers. */
export function createLayoutEngine(): LayoutEngine {
  return typeof Worker === 'undefined' ? createInThreadLayoutEngine() : createWorkerLayoutEngine();
}
