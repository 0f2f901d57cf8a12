import type { ImportCheck } from '../../engine';

/** Something to import: a file the user chose or dropped, or pasted text. */
export type ImportInput =
  | { readonly kind: 'file'; readonly file: File }
  | { readonly kind: 'text'; readonly name: string; readonly text: string };

/** What the page sends the import worker. */
export interface ImportWorkerRequest {
  readonly inputs: readonly ImportInput[];
}

/** What the import worker sends back: progress while it works, then the checks, one per input. */
export type ImportWorkerReply =
  | {
      readonly type: 'progress';
      readonly input: number;
      readonly phase: 'reading' | 'parsing';
      readonly done: number;
      readonly total: number;
    }
  | { readonly type: 'done'; readonly checks: readonly ImportCheck[] };
