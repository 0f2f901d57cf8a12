// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import type * as MonacoApi from 'monaco-editor';
import { InMemoryTextBuffer, type TextChange } from '../store';
import { dominantLineEnding, MonacoTextBuffer, replayHistory } from './MonacoTextBuffer';

// The real Monaco text model and undo service (no editor view): loading them takes a while.
let monaco: typeof MonacoApi;
beforeAll(async () => {
  monaco = await import('monaco-editor/esm/vs/editor/editor.api.js');
}, 120_000);

let modelCount = 0;
function bufferOver(text: string) {
  modelCount += 1;
  const model = monaco.editor.createModel(
    text,
    'yaml',
    monaco.Uri.parse(`file:///buffer-${modelCount}.yaml`),
  );
  const buffer = new MonacoTextBuffer(model, 1);
  const changes: TextChange[] = [];
  buffer.onDidChange((change) => changes.push(change));
  /** Types as the editor does: an edit on the model's open undo element, no stops around it. */
  const type = (offset: number, text: string) => {
    const position = model.getPositionAt(offset);
    const range = monaco.Range.fromPositions(position, position);
    model.pushEditOperations(null, [{ range, text }], () => null);
  };
  return { model, buffer, changes, type };
}

describe('MonacoTextBuffer', () => {
  it('applies a planned edit as one undo step between typing before and after it', () => {
    // given a model where the user typed, then a gesture edited, then the user typed again
    const { buffer, changes, type } = bufferOver('name: web\nport: 80\n');
    type(9, 's');
    expect(buffer.applyEdits([{ start: 17, end: 19, text: '8080' }], buffer.getVersion())).toBe(
      true,
    );
    type(buffer.getText().length, 'x');
    expect(buffer.getText()).toBe('name: webs\nport: 8080\nx');
    expect(changes.map((change) => change.origin)).toEqual(['user', 'intent', 'user']);
    // when the user undoes twice
    buffer.undo();
    expect(buffer.getText()).toBe('name: webs\nport: 8080\n');
    buffer.undo();
    // then the second undo takes back exactly the gesture
    expect(buffer.getText()).toBe('name: webs\nport: 80\n');
    expect(changes.at(-1)).toMatchObject({ origin: 'undo', text: 'name: webs\nport: 80\n' });
    // and redo brings it back
    buffer.redo();
    expect(buffer.getText()).toBe('name: webs\nport: 8080\n');
    expect(changes.at(-1)?.origin).toBe('redo');
  });

  it('refuses an edit planned for an older version and changes nothing', () => {
    const { buffer, changes, type } = bufferOver('name: web\n');
    const planned = buffer.getVersion();
    type(0, '#\n');
    expect(buffer.applyEdits([{ start: 6, end: 9, text: 'api' }], planned)).toBe(false);
    expect(buffer.getText()).toBe('#\nname: web\n');
    expect(changes).toHaveLength(1);
  });

  it('tells listeners the undo state as it is after each change, undo and redo included', () => {
    // given a buffer whose listener reads canUndo/canRedo, as the store does
    const { buffer } = bufferOver('a: 1\n');
    const seen: [string, boolean, boolean][] = [];
    buffer.onDidChange((change) => seen.push([change.origin, buffer.canUndo(), buffer.canRedo()]));
    // when a gesture is applied, undone and redone
    buffer.applyEdits([{ start: 3, end: 4, text: '2' }], buffer.getVersion());
    buffer.undo();
    buffer.redo();
    // then each change saw the state after it
    expect(seen).toEqual([
      ['intent', true, false],
      ['undo', false, true],
      ['redo', true, false],
    ]);
  });

  it('keeps a CRLF design CRLF when a gesture inserts lines', () => {
    // given a CRLF design
    const { buffer } = bufferOver('hosts:\r\n- a\r\n');
    // when a gesture inserts an item written with LF
    const end = buffer.getText().length;
    buffer.applyEdits([{ start: end, end, text: '- b\n' }], buffer.getVersion());
    // then the new line ends in CRLF like the others
    expect(buffer.getText()).toBe('hosts:\r\n- a\r\n- b\r\n');
  });

  it('opens a CRLF file over an LF design as CRLF, in one change and one undo step', () => {
    // given an LF design
    const { buffer, changes } = bufferOver('a: 1\n');
    // when a CRLF file replaces it
    buffer.replaceAll('b: 2\r\nc: 3\r\n');
    // then its line endings are kept, and listeners hear of it once
    expect(buffer.getText()).toBe('b: 2\r\nc: 3\r\n');
    expect(changes).toEqual([
      { version: buffer.getVersion(), text: 'b: 2\r\nc: 3\r\n', origin: 'load' },
    ]);
    // and one undo restores the LF design
    buffer.undo();
    expect(buffer.getText()).toBe('a: 1\n');
  });

  it('normalises a file with mixed line endings to its dominant one (Monaco keeps one per model)', () => {
    const { buffer } = bufferOver('a: 1\n');
    buffer.replaceAll('b: 2\r\nc: 3\r\nd: 4\n');
    expect(buffer.getText()).toBe('b: 2\r\nc: 3\r\nd: 4\r\n');
  });
});

describe('replayHistory', () => {
  it('takes over the gestures made before Monaco loaded, undone ones included', () => {
    // given two gestures on the in-memory buffer, the second undone
    const earlier = new InMemoryTextBuffer('name: web\nport: 80\n');
    earlier.applyEdits([{ start: 6, end: 9, text: 'shop' }], earlier.getVersion());
    earlier.applyEdits([{ start: 17, end: 19, text: '8080' }], earlier.getVersion());
    earlier.undo();
    // when a new model takes over its history
    modelCount += 1;
    const steps = earlier.history();
    const model = monaco.editor.createModel(
      steps.base,
      'yaml',
      monaco.Uri.parse(`file:///buffer-${modelCount}.yaml`),
    );
    expect(replayHistory(model, steps)).toBe(true);
    const buffer = new MonacoTextBuffer(model, earlier.getVersion());
    // then it holds the same text, and undo and redo go on from there
    expect(buffer.getText()).toBe(earlier.getText());
    expect([buffer.canUndo(), buffer.canRedo()]).toEqual([true, true]);
    buffer.redo();
    expect(buffer.getText()).toBe('name: shop\nport: 8080\n');
    buffer.undo();
    buffer.undo();
    expect(buffer.getText()).toBe('name: web\nport: 80\n');
    expect(buffer.canUndo()).toBe(false);
  });

  it('changes nothing when the model does not hold the base text', () => {
    modelCount += 1;
    const model = monaco.editor.createModel(
      'a: 1\r\nb: 2\r\nc: 3\n',
      'yaml',
      monaco.Uri.parse(`file:///buffer-${modelCount}.yaml`),
    );
    const steps = {
      base: 'a: 1\r\nb: 2\r\nc: 3\n',
      steps: [[{ start: 0, end: 1, text: 'x' }]],
      undone: 0,
    };
    expect(replayHistory(model, steps)).toBe(false);
    expect(model.getValue()).toBe('a: 1\r\nb: 2\r\nc: 3\r\n');
  });
});

describe('dominantLineEnding', () => {
  it("follows Monaco's rule: CRLF when more than half of the line breaks have a CR", () => {
    expect(dominantLineEnding('a')).toBeUndefined();
    expect(dominantLineEnding('a\nb\n')).toBe('\n');
    expect(dominantLineEnding('a\r\nb\r\nc\n')).toBe('\r\n');
    expect(dominantLineEnding('a\r\nb\n')).toBe('\n');
  });
});
