import { describe, expect, it } from 'vitest';
import {
  FULL_TEXT_OPTIONS,
  FULL_TEXT_YAML_OPTIONS,
  isLargeText,
  LARGE_TEXT_LENGTH,
  LARGE_TEXT_LINES,
  LARGE_TEXT_NOTE,
  LARGE_TEXT_OPTIONS,
  LARGE_TEXT_YAML_OPTIONS,
} from './largeText';

describe('a large text in the editor', () => {
  it('given a text from the line or the length limit, then it is large', () => {
    expect(isLargeText({ lines: LARGE_TEXT_LINES - 1, length: 1000 }, false)).toBe(false);
    expect(isLargeText({ lines: LARGE_TEXT_LINES, length: 1000 }, false)).toBe(true);
    // One long line (a flow-style design) is large by its length.
    expect(isLargeText({ lines: 1, length: LARGE_TEXT_LENGTH }, false)).toBe(true);
  });

  it('given a large text that shrinks a little under the limit, then it stays large until a tenth under', () => {
    expect(isLargeText({ lines: LARGE_TEXT_LINES - 1, length: 1000 }, true)).toBe(true);
    expect(isLargeText({ lines: LARGE_TEXT_LINES * 0.9, length: 1000 }, true)).toBe(true);
    expect(isLargeText({ lines: LARGE_TEXT_LINES * 0.9 - 1, length: 1000 }, true)).toBe(false);
  });

  it('turns off exactly the options it turns back on, and says which', () => {
    expect(Object.keys(LARGE_TEXT_OPTIONS).sort()).toEqual(Object.keys(FULL_TEXT_OPTIONS).sort());
    expect(LARGE_TEXT_OPTIONS).toMatchObject({
      folding: false,
      stickyScroll: { enabled: false },
      links: false,
    });
    expect(LARGE_TEXT_NOTE).toContain('over 100,000 lines or 2 MB');
    expect(LARGE_TEXT_NOTE).toMatch(/folding, sticky scroll, links/);
    expect(Object.keys(LARGE_TEXT_YAML_OPTIONS)).toEqual(Object.keys(FULL_TEXT_YAML_OPTIONS));
    expect(LARGE_TEXT_YAML_OPTIONS).toEqual({ validate: false });
    expect(LARGE_TEXT_NOTE).toMatch(/schema checks are off/);
  });
});
