// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import type * as MonacoApi from 'monaco-editor';
import { InMemoryTextBuffer, type TextChange } from '../store';
import {
  dominantLineEnding,
  MonacoTextBuffer,
  replayHistory,
  SWAP_WHOLE_TEXT_FROM,
} from './MonacoTextBuffer';

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

/** A design of `lines` lines of about 40 characters each, ending in `eol`. */
function designOfLines(lines: number, eol = '\n', name = 'web'): string {
  let text = '';
  for (let line = 0; line < lines; line += 1)
    text += `- name: ${name}-${line}-abcdefghijklmnop${eol}`;
  return text;
}

describe('MonacoTextBuffer.replaceAll of a large text (the whole text swapped)', () => {
  const large = designOfLines(Math.ceil(SWAP_WHOLE_TEXT_FROM / 30));

  it('is one change and one undo step back to the text before, typing before it kept', () => {
    // given a design the user typed in
    const { buffer, changes, type } = bufferOver('a: 1\n');
    type(5, 'b: 2\n');
    // when a large text replaces it
    buffer.replaceAll(large);
    // then the text is the large one, told once as a load
    expect(large.length).toBeGreaterThanOrEqual(SWAP_WHOLE_TEXT_FROM);
    expect(buffer.getText()).toBe(large);
    expect(changes.map((change) => change.origin)).toEqual(['user', 'load']);
    expect(changes.at(-1)).toEqual({ version: buffer.getVersion(), text: large, origin: 'load' });
    // and one undo gives the typed design back, told once as an undo
    buffer.undo();
    expect(buffer.getText()).toBe('a: 1\nb: 2\n');
    expect(changes.at(-1)).toEqual({
      version: buffer.getVersion(),
      text: 'a: 1\nb: 2\n',
      origin: 'undo',
    });
    // and the typing before is still its own step
    buffer.undo();
    expect(buffer.getText()).toBe('a: 1\n');
    // and redo goes forward through both
    buffer.redo();
    buffer.redo();
    expect(buffer.getText()).toBe(large);
    expect(changes.at(-1)?.origin).toBe('redo');
    expect(buffer.canRedo()).toBe(false);
  });

  it('keeps typing after it a step of its own', () => {
    const { buffer, type } = bufferOver('a: 1\n');
    buffer.replaceAll(large);
    type(0, '# top\n');
    expect(buffer.getText()).toBe(`# top\n${large}`);
    buffer.undo();
    expect(buffer.getText()).toBe(large);
    buffer.undo();
    expect(buffer.getText()).toBe('a: 1\n');
  });

  it('tells listeners the undo state as it is after the swap, its undo and its redo', () => {
    const { buffer } = bufferOver('a: 1\n');
    const seen: [string, boolean, boolean][] = [];
    buffer.onDidChange((change) => seen.push([change.origin, buffer.canUndo(), buffer.canRedo()]));
    buffer.replaceAll(large);
    buffer.undo();
    buffer.redo();
    expect(seen).toEqual([
      ['load', true, false],
      ['undo', false, true],
      ['redo', true, false],
    ]);
  });

  it('replaced by a small text, is one undo step back to the large one', () => {
    const { buffer, changes } = bufferOver(large);
    buffer.replaceAll('a: 1\n');
    expect(buffer.getText()).toBe('a: 1\n');
    buffer.undo();
    expect(buffer.getText()).toBe(large);
    expect(changes.map((change) => change.origin)).toEqual(['load', 'undo']);
  });

  it("takes the text's line ending, and gives the previous one back on undo", () => {
    // given an empty CRLF design (no line breaks: only the model knows its line ending)
    const { buffer, model, type } = bufferOver('a: 1\r\n');
    buffer.replaceAll('');
    expect(model.getEOL()).toBe('\r\n');
    // when a large LF text with a few CRLF lines replaces it
    const mixed = `x: 1\r\n${large}`;
    buffer.replaceAll(mixed);
    // then it is LF throughout, as an edit would have made it
    expect(model.getEOL()).toBe('\n');
    expect(buffer.getText()).toBe(`x: 1\n${large}`);
    // and after undo the empty design takes CRLF line breaks again
    buffer.undo();
    expect(buffer.getText()).toBe('');
    type(0, 'a\nb');
    expect(buffer.getText()).toBe('a\r\nb');
  });

  it('keeps a CRLF text CRLF', () => {
    const { buffer } = bufferOver('a: 1\n');
    const crlf = designOfLines(Math.ceil(SWAP_WHOLE_TEXT_FROM / 30), '\r\n');
    buffer.replaceAll(crlf);
    expect(buffer.getText()).toBe(crlf);
    buffer.undo();
    expect(buffer.getText()).toBe('a: 1\n');
  });

  it('keeps a leading U+FEFF in the text', () => {
    const { buffer } = bufferOver('a: 1\n');
    buffer.replaceAll(`\uFEFF${large}`);
    expect(buffer.getText()).toBe(`\uFEFF${large}`);
    buffer.undo();
    expect(buffer.getText()).toBe('a: 1\n');
  });

  it('swaps a loaded text inside `outOfView` (the editor shows the model again later), not an undo', () => {
    // given a buffer whose editor takes the model out of view during a swap
    modelCount += 1;
    const model = monaco.editor.createModel(
      'a: 1\n',
      'yaml',
      monaco.Uri.parse(`file:///buffer-${modelCount}.yaml`),
    );
    const seen: string[] = [];
    const buffer = new MonacoTextBuffer(model, 1, {
      outOfView: (swap) => {
        seen.push(`out of view at ${model.getValue().length}`);
        swap();
        seen.push(`swapped to ${model.getValue().length}`);
      },
    });
    buffer.onDidChange((change) => seen.push(`told ${change.origin}`));
    // when a large text is loaded over a small one, a small one over it, and that undone
    buffer.replaceAll(large);
    buffer.replaceAll('b: 2\n');
    buffer.undo();
    // then both loads ran out of view, each told once after it, and the undo in view
    expect(seen).toEqual([
      'out of view at 5',
      `swapped to ${large.length}`,
      'told load',
      `out of view at ${large.length}`,
      'swapped to 5',
      'told load',
      'told undo',
    ]);
    expect(buffer.getText()).toBe(large);
  });

  it("undoes through the model's next buffer once the first is disposed (the editor remounted)", () => {
    const { buffer, model } = bufferOver('a: 1\n');
    buffer.replaceAll(large);
    buffer.dispose();
    const next = new MonacoTextBuffer(model, buffer.getVersion());
    const changes: TextChange[] = [];
    next.onDidChange((change) => changes.push(change));
    next.undo();
    expect(next.getText()).toBe('a: 1\n');
    expect(changes).toEqual([{ version: next.getVersion(), text: 'a: 1\n', origin: 'undo' }]);
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
