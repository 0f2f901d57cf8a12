// What the page and the syntax worker say to each other, and what the worker does with it. Kept
// apart from the checker, which starts the worker: a worker's code must not start itself.
import { parseFile, toSyntaxCheck, type ParsedFile, type SyntaxCheck } from '../engine';

/** What the page asks the syntax worker: the text to check, and whether to keep its parse. */
export interface SyntaxCheckRequest {
  readonly id: number;
  readonly name: string;
  readonly text: string;
  /**
   * Keep the parse for the next request, so that only the documents that changed are parsed
   * again (typing in a large design). Off for text that will not be drawn: its parse would hold
   * hundreds of megabytes for nothing.
   */
  readonly keep: boolean;
}

/** What the syntax worker answers. */
export interface SyntaxCheckReply {
  readonly id: number;
  readonly check: SyntaxCheck;
}

/** Answers a request with the engine: the worker's body, also run in place where there are no workers. */
export function answerSyntaxCheck(
  request: SyntaxCheckRequest,
  previous: ParsedFile | undefined,
): { readonly reply: SyntaxCheckReply; readonly parsed: ParsedFile } {
  const earlier = previous?.name === request.name ? previous : undefined;
  const parsed = parseFile({ name: request.name, text: request.text }, earlier);
  return { reply: { id: request.id, check: toSyntaxCheck(parsed) }, parsed };
}
