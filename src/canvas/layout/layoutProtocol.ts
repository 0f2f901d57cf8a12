import type { LayoutPositions, LayoutRequest } from './layoutRequest';

/** What the page sends the layout worker. */
export interface LayoutMessage {
  readonly id: number;
  readonly request: LayoutRequest;
}

/** What the layout worker answers: positions, or why it failed. */
export type LayoutReply =
  | { readonly id: number; readonly positions: LayoutPositions; readonly milliseconds: number }
  | { readonly id: number; readonly error: string };
