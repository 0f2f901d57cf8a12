// The import worker: reads files and parses them with the engine off the main thread, so that a
// 5 MB file never freezes the page; the page puts the text into the editor only once it is known
// to be good.
import { checkImportedFile, MAX_IMPORT_BYTES, type ImportCheck } from '../../engine';
import type { ImportInput, ImportWorkerReply, ImportWorkerRequest } from './importProtocol';

/** The parts of a dedicated worker's global scope used here (the app's types are the DOM's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ImportWorkerRequest>) => void) | null;
  postMessage(message: ImportWorkerReply): void;
}

const scope = self as unknown as WorkerScope;

/** Reads a file as UTF-8 in chunks, telling how far it got; undefined when it is not UTF-8. */
async function readText(file: File, onRead: (bytes: number) => void): Promise<string | undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = file.stream().getReader();
  const parts: string[] = [];
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      parts.push(decoder.decode(value, { stream: true }));
      onRead(read);
    }
    parts.push(decoder.decode());
  } catch {
    return undefined;
  }
  return parts.join('');
}

async function check(input: ImportInput, index: number): Promise<ImportCheck> {
  const progress = (phase: 'reading' | 'parsing', done: number, total: number) =>
    scope.postMessage({ type: 'progress', input: index, phase, done, total });
  if (input.kind === 'text')
    return checkImportedFile(input.name, input.text, (done, total) =>
      progress('parsing', done, total),
    );
  const { file } = input;
  if (file.size > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      name: file.name,
      message: `${file.name} is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`,
    };
  }
  const text = await readText(file, (bytes) => progress('reading', bytes, file.size));
  if (text === undefined) {
    return { ok: false, name: file.name, message: `${file.name} is not UTF-8 text.` };
  }
  return checkImportedFile(file.name, text, (done, total) => progress('parsing', done, total));
}

scope.onmessage = (event) => {
  void (async () => {
    const checks: ImportCheck[] = [];
    for (const [index, input] of event.data.inputs.entries())
      checks.push(await check(input, index));
    scope.postMessage({ type: 'done', checks });
  })();
};
