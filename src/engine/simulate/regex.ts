import type { RE2JS } from 're2js';
import { re2 } from '../regex/re2';

/**
 * RE2 regular expressions as Envoy runs them (`safe_regex`, `regex_rewrite`): linear time, never
 * JavaScript's backtracking RegExp, so a hostile pattern in a design cannot hang the browser.
 */

/** A compiled pattern, or why it does not compile. */
export type CompiledRegex =
  { readonly ok: true; readonly regex: RE2JS } | { readonly ok: false; readonly error: string };

// Istio's webhook rejects longer patterns; Envoy never sees them.
const MAX_REGEX_LENGTH = 1024;

const compiled = new Map<string, CompiledRegex>();

/** Compiles an RE2 pattern once per process (patterns repeat across requests and designs). */
export function compileRegex(pattern: string): CompiledRegex {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  let result: CompiledRegex;
  if (pattern.length > MAX_REGEX_LENGTH) {
    result = { ok: false, error: `regex is longer than ${MAX_REGEX_LENGTH} characters` };
  } else {
    // Outside the try: RE2 not loaded is the app's error, never a pattern that does not compile.
    const { RE2JS: engine } = re2();
    try {
      result = { ok: true, regex: engine.compile(pattern) };
    } catch (error) {
      result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
  compiled.set(pattern, result);
  return result;
}

/** True when `pattern` matches the whole of `input` (Envoy's regex matchers never match partly). */
export function regexFullMatch(pattern: string, input: string): boolean {
  const compiledPattern = compileRegex(pattern);
  return compiledPattern.ok && compiledPattern.regex.testExact(input);
}

/**
 * Replaces every non-overlapping match of `pattern` in `input` by `substitution`, where `\0`..`\9`
 * name capture groups and `\\` is a backslash: RE2::GlobalReplace, which Envoy's `regex_rewrite`
 * uses. An empty match right after the previous match is skipped, as RE2 does.
 */
export function regexReplaceAll(pattern: string, input: string, substitution: string): string {
  const compiledPattern = compileRegex(pattern);
  if (!compiledPattern.ok) return input;
  const matcher = compiledPattern.regex.matcher(input);
  let output = '';
  let position = 0;
  let lastMatchEnd = -1;
  while (position <= input.length && matcher.find(position)) {
    const start = matcher.start();
    const end = matcher.end();
    output += input.slice(position, start);
    if (start === end && start === lastMatchEnd) {
      // An empty match where the previous match ended is not allowed: copy one character on.
      if (start >= input.length) {
        position = start;
        break;
      }
      output += input.charAt(start);
      position = start + 1;
      continue;
    }
    output += expandSubstitution(substitution, (group) => matcher.group(group));
    position = end;
    lastMatchEnd = end;
  }
  if (position < input.length) output += input.slice(position);
  return output;
}

function expandSubstitution(substitution: string, group: (index: number) => string | null): string {
  let output = '';
  for (let index = 0; index < substitution.length; index += 1) {
    const character = substitution.charAt(index);
    if (character !== '\\' || index + 1 >= substitution.length) {
      output += character;
      continue;
    }
    const next = substitution.charAt(index + 1);
    if (next >= '0' && next <= '9') {
      output += group(Number(next)) ?? '';
      index += 1;
    } else if (next === '\\') {
      output += '\\';
      index += 1;
    } else {
      output += character;
    }
  }
  return output;
}
