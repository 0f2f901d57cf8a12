import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutWithElk, warmUpRequest } from './elkLayout';
import type { LayoutReply, LayoutMessage } from './layoutProtocol';

// ELK runs here, off the main thread: a 1,000-node layout takes seconds of CPU and the page must
// stay responsive meanwhile. elk.bundled runs ELK in this thread (it starts no worker of its own).
const elk = new ELK();

// The app's TypeScript lib is the DOM's, whose `self` is a Window; in a worker it is the worker's
// global scope, which has the same onmessage and a postMessage without a target origin.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutMessage>) => void) | null;
  postMessage: (message: LayoutReply) => void;
};

let warmed = false;

scope.onmessage = async (event) => {
  const { id, request } = event.data;
  const start = performance.now();
  let reply: LayoutReply;
  try {
    const positions = await layoutWithElk(elk, request);
    reply = { id, positions, milliseconds: performance.now() - start };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
  if (!warmed) {
    warmed = true;
    // Once the first design is drawn, while the user looks at it, so that a large one laid out
    // later does not run cold. Its result is not needed.
    setTimeout(() => void layoutWithElk(elk, warmUpRequest()).catch(() => undefined), 200);
  }
};
