// The derive worker: parses, models, lays out the topology of and analyses large design texts with
// the engine away from the page's thread, keeping the last Design so that an edit parses only the
// documents it changed; it posts progress, then what the page needs as plain data (deriveProtocol).
import { createDeriveSession, type DeriveReply, type DeriveRequest } from './deriveProtocol';

/** The parts of a dedicated worker's global scope used here (the app's types are the DOM's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<DeriveRequest>) => void) | null;
  postMessage(message: DeriveReply): void;
}

const scope = self as unknown as WorkerScope;
const session = createDeriveSession((reply) => scope.postMessage(reply));

scope.onmessage = (event) => session.handle(event.data);
