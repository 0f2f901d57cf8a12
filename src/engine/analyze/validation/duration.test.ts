import { describe, expect, it } from 'vitest';
import { parseDurationNanoseconds, validateDuration } from './duration';

describe('durations', () => {
  it.each([
    ['10s', 10e9],
    ['1.5s', 1.5e9],
    ['100ms', 100e6],
    ['1m30s', 90e9],
    ['2h', 7200e9],
    ['0', 0],
  ])('given %j, when parsed, then it is %d ns', (text, nanoseconds) => {
    expect(parseDurationNanoseconds(text)).toBe(nanoseconds);
  });

  it.each(['', 's', '10', '1x', '1.s.'])(
    'given %j, when parsed, then it does not parse',
    (text) => {
      expect(parseDurationNanoseconds(text)).toBeUndefined();
    },
  );

  it('given durations, when validated, then at least 1ms and whole milliseconds are required', () => {
    expect(validateDuration('1ms')).toBeUndefined();
    expect(validateDuration('0s')).toBe('duration must be greater than 1ms');
    expect(validateDuration('1500us')).toBe('only durations to ms precision are supported');
    expect(validateDuration('soon')).toBe('time: invalid duration "soon"');
  });
});
