// The syntax worker: parses large design texts with the engine away from the page's thread, so that
// a 5 MB paste never freezes the page; it answers each text's syntax diagnostics as plain data.
import type { ParsedFile } from '../engine';
import {
  answerSyntaxCheck,
  type SyntaxCheckReply,
  type SyntaxCheckRequest,
} from './syntaxProtocol';

/** The parts of a dedicated worker's global scope used here (the app's types are the DOM's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<SyntaxCheckRequest>) => void) | null;
  postMessage(message: SyntaxCheckReply): void;
}

const scope = self as unknown as WorkerScope;
let previous: ParsedFile | undefined;

scope.onmessage = (event) => {
  const { reply, parsed } = answerSyntaxCheck(event.data, previous);
  previous = event.data.keep ? parsed : undefined;
  scope.postMessage(reply);
};
