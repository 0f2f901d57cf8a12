import { describe, expect, it } from 'vitest';
import { isDeepEqual, keepIfEqual } from './structuralSharing';

describe('isDeepEqual', () => {
  it('given equal records, arrays and label maps without a prototype, then they are equal', () => {
    const labels = Object.assign(Object.create(null) as Record<string, string>, { app: 'web' });
    expect(
      isDeepEqual({ a: [1, { b: 'x' }], labels }, { a: [1, { b: 'x' }], labels: { app: 'web' } }),
    ).toBe(true);
  });

  it('given a difference anywhere, or another shape, then they are not', () => {
    expect(isDeepEqual({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(isDeepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(isDeepEqual([1], { 0: 1 })).toBe(false);
    expect(isDeepEqual(new Map(), new Map())).toBe(false);
  });
});

describe('keepIfEqual', () => {
  it('given a deeply equal value, then the previous object is kept; else the next', () => {
    const previous = { a: [1] };
    expect(keepIfEqual(previous, { a: [1] })).toBe(previous);
    const next = { a: [2] };
    expect(keepIfEqual(previous, next)).toBe(next);
    expect(keepIfEqual(undefined, next)).toBe(next);
  });
});
