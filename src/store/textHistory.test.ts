import { describe, expect, it } from 'vitest';
import { applyEdits } from '../engine';
import { InMemoryTextBuffer } from './textBuffer';

describe('InMemoryTextBuffer.history', () => {
  it('gives the base text and every step, undone ones last, to rebuild the same history', () => {
    // given three gestures, the last two undone, on a small text
    const buffer = new InMemoryTextBuffer('a: 1\nb: 2\n');
    buffer.applyEdits([{ start: 3, end: 4, text: '10' }], buffer.getVersion());
    buffer.applyEdits([{ start: 9, end: 10, text: '20' }], buffer.getVersion());
    buffer.applyEdits([{ start: 12, end: 12, text: 'c: 3\n' }], buffer.getVersion());
    buffer.undo();
    buffer.undo();
    // when its history is taken
    const history = buffer.history();
    // then the base is the text before the first gesture
    expect(history.base).toBe('a: 1\nb: 2\n');
    expect(history.undone).toBe(2);
    // and the steps replayed in order give each text the buffer had, in the order it had them
    const texts = [history.base];
    for (const step of history.steps) texts.push(applyEdits(texts.at(-1) ?? '', step));
    expect(texts).toEqual([
      'a: 1\nb: 2\n',
      'a: 10\nb: 2\n',
      'a: 10\nb: 20\n',
      'a: 10\nb: 20\nc: 3\n',
    ]);
    // and the current text is the one with the undone steps left out
    expect(texts[texts.length - 1 - history.undone]).toBe(buffer.getText());
  });

  it('is the text alone when nothing was done', () => {
    expect(new InMemoryTextBuffer('x: 1\n').history()).toEqual({
      base: 'x: 1\n',
      steps: [],
      undone: 0,
    });
  });
});
