import { re2 } from '../../regex/re2';
import { utf8Length } from './text';

/** Istio's limit on a regular expression's length, in bytes (Envoy's program-size proxy). */
export const MAX_REGEX_BYTES = 1024;

const RE2_SYNTAX_LINK =
  'Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)';

const compiledResults = new Map<string, string | undefined>();
const CACHE_LIMIT = 4096;

/**
 * Checks a regular expression the way the webhook does: non-empty, at most 1024 bytes, and valid
 * RE2 syntax. RE2 (via re2js), never JavaScript RegExp: JS accepts lookaround and backreferences
 * that RE2 rejects. `where` names the field, as in `"uri": ...`.
 */
export function validateRegex(expression: string, where: string): string | undefined {
  const field = JSON.stringify(where);
  if (expression === '') return `${field}: regex string match should not be empty`;
  if (utf8Length(expression) > MAX_REGEX_BYTES) {
    return `${field}: regex is too large, max length allowed is ${MAX_REGEX_BYTES}`;
  }
  const problem = compileProblem(expression);
  return problem === undefined ? undefined : `${field}: ${problem}; ${RE2_SYNTAX_LINK}`;
}

// Compiling is the costly part and runs on every keystroke, so results are memoised per pattern.
function compileProblem(expression: string): string | undefined {
  if (compiledResults.has(expression)) return compiledResults.get(expression);
  let problem: string | undefined;
  const { RE2JS, RE2JSException } = re2();
  try {
    RE2JS.compile(expression);
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    problem = error.message;
  }
  if (compiledResults.size >= CACHE_LIMIT) compiledResults.clear();
  compiledResults.set(expression, problem);
  return problem;
}
