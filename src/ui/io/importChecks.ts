import type { ImportCheck } from '../../engine';
import type { ImportInput, ImportWorkerReply, ImportWorkerRequest } from './importProtocol';

/** How far an import has got, to show. */
export interface ImportProgressReport {
  /** 0..1 over all inputs. */
  readonly fraction: number;
  /** `Reading big.yaml: 2.1 of 5.0 MB`, `Parsing big.yaml: 1,200 of 4,343 documents`. */
  readonly detail: string;
}

/** A running import: its result, and a way to stop it. */
export interface RunningImport {
  readonly result: Promise<readonly ImportCheck[] | 'cancelled'>;
  readonly cancel: () => void;
}

/** With no message from the worker for this long, it is taken as stuck and stopped. */
const WATCHDOG_MILLISECONDS = 60_000;

const numberFormat = new Intl.NumberFormat();

function inputName(input: ImportInput): string {
  return input.kind === 'file' ? input.file.name : input.name;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/**
 * Reads and checks the inputs in a new worker (one per import, ended afterwards so a large parse
 * gives its memory back), reporting progress.
 */
export function runImportChecks(
  inputs: readonly ImportInput[],
  onProgress: (report: ImportProgressReport) => void,
): RunningImport {
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  let settle: (value: readonly ImportCheck[] | 'cancelled') => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const finish = () => {
    clearTimeout(watchdog);
    worker.terminate();
  };
  const armWatchdog = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      finish();
      fail(new Error('Reading the files took too long and was stopped.'));
    }, WATCHDOG_MILLISECONDS);
  };
  const result = new Promise<readonly ImportCheck[] | 'cancelled'>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  worker.onmessage = (event: MessageEvent<ImportWorkerReply>) => {
    const reply = event.data;
    if (reply.type === 'done') {
      finish();
      settle(reply.checks);
      return;
    }
    armWatchdog();
    const input = inputs[reply.input];
    const name = input === undefined ? '' : inputName(input);
    // Reading is quick next to parsing: it takes the first tenth of each input's share.
    const within =
      reply.phase === 'reading'
        ? (0.1 * reply.done) / Math.max(1, reply.total)
        : 0.1 + (0.9 * reply.done) / Math.max(1, reply.total);
    onProgress({
      fraction: Math.min(1, (reply.input + within) / inputs.length),
      detail:
        reply.phase === 'reading'
          ? `Reading ${name}: ${megabytes(reply.done)} of ${megabytes(reply.total)} MB`
          : `Checking ${name}: ${numberFormat.format(reply.done)} of ${numberFormat.format(reply.total)} documents`,
    });
  };
  worker.onerror = (event) => {
    finish();
    fail(new Error(event.message || 'The file reader stopped unexpectedly.'));
  };
  armWatchdog();
  const request: ImportWorkerRequest = { inputs };
  worker.postMessage(request);
  return {
    result,
    cancel: () => {
      finish();
      settle('cancelled');
    },
  };
}
