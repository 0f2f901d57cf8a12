import { describe, expect, it, vi } from 'vitest';
import { regexFullMatch } from '../simulate/regex';
import { hasRe2, loadRe2 } from './re2';

// As in the app's build (scripts/re2OnDemand.ts): the engine starts without RE2.
vi.mock('./defaultRe2', () => ({ defaultRe2: undefined }));

describe('RE2 loaded on demand, as in the app', () => {
  it('given RE2 not loaded yet, then a regex is an error, never an answer; once loaded, it is evaluated', async () => {
    expect(hasRe2()).toBe(false);
    expect(() => regexFullMatch('/users/[0-9]+', '/users/42')).toThrow(/RE2 is not loaded/);
    // when RE2 has loaded
    await loadRe2();
    // then the same pattern is evaluated, and the earlier refusal was not remembered as a result
    expect(hasRe2()).toBe(true);
    expect(regexFullMatch('/users/[0-9]+', '/users/42')).toBe(true);
  });
});
