/** Deepest flow nesting (`[` / `{`) accepted before the `yaml` parser is called. */
export const MAX_FLOW_DEPTH = 100;
/** Widest block indentation (in columns, counting `- `, `? ` and `: ` indicators) accepted. */
export const MAX_BLOCK_INDENT = 400;

const SPACE = 32;
const TAB = 9;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
const HASH = 35;
const OPEN_SQUARE = 91;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const CLOSE_CURLY = 125;
const COMMA = 44;
const DASH = 45;
const QUESTION = 63;
const COLON = 58;

/** Where a text nests too deeply, and how. */
export interface NestingViolation {
  /** Offset (in the scanned text) where the limit was crossed. */
  readonly offset: number;
  readonly message: string;
}

function isBlank(char: number): boolean {
  return char === SPACE || char === TAB;
}

/**
 * True when a quoted scalar or a flow collection may start at `position`: at the line start or
 * after a blank, and inside a flow collection also after `[`, `{`, `,` or `:`. Elsewhere a quote or
 * bracket is part of a plain scalar (`don't`, `b[0]`).
 */
function atTokenStart(text: string, position: number, lineStart: number, inFlow: boolean): boolean {
  if (position === lineStart) return true;
  const previous = text.charCodeAt(position - 1);
  if (isBlank(previous)) return true;
  return (
    inFlow &&
    (previous === OPEN_SQUARE ||
      previous === OPEN_CURLY ||
      previous === COMMA ||
      previous === COLON)
  );
}

/**
 * A cheap pre-scan for nesting deep enough to exhaust the parser's stack. The `yaml` package
 * reports such input as RESOURCE_EXHAUSTION, but a recovered stack overflow has been seen to abort a
 * later parse in the same Node process (docs/analyzers.md §3.1), so Sailplan refuses the document
 * before parsing it. The scan is approximate on purpose: quotes are tracked only where a scalar can
 * start, block scalars are scanned like any other text. Real manifests stay far below both limits.
 */
export function findExcessiveNesting(text: string): NestingViolation | undefined {
  let flowDepth = 0;
  let quote = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    let position = lineStart;
    if (quote === 0 && flowDepth === 0) {
      while (position < lineEnd && isBlank(text.charCodeAt(position))) position += 1;
      let indicator = text.charCodeAt(position);
      while (
        (indicator === DASH || indicator === QUESTION || indicator === COLON) &&
        isBlank(text.charCodeAt(position + 1))
      ) {
        position += 2;
        while (position < lineEnd && isBlank(text.charCodeAt(position))) position += 1;
        indicator = text.charCodeAt(position);
      }
      if (position - lineStart > MAX_BLOCK_INDENT) {
        return {
          offset: position,
          message: `Nesting is too deep: block indentation beyond ${MAX_BLOCK_INDENT} columns`,
        };
      }
    }
    for (; position < lineEnd; position += 1) {
      const char = text.charCodeAt(position);
      if (quote === DOUBLE_QUOTE) {
        if (char === BACKSLASH) position += 1;
        else if (char === DOUBLE_QUOTE) quote = 0;
        continue;
      }
      if (quote === SINGLE_QUOTE) {
        if (char === SINGLE_QUOTE) quote = 0;
        continue;
      }
      if (char === HASH && (position === lineStart || isBlank(text.charCodeAt(position - 1)))) {
        break;
      }
      if (char === DOUBLE_QUOTE || char === SINGLE_QUOTE) {
        if (atTokenStart(text, position, lineStart, flowDepth > 0)) quote = char;
        continue;
      }
      if (char === OPEN_SQUARE || char === OPEN_CURLY) {
        // Inside a flow collection every bracket nests (a plain scalar may not contain one there).
        if (flowDepth > 0 || atTokenStart(text, position, lineStart, false)) {
          flowDepth += 1;
          if (flowDepth > MAX_FLOW_DEPTH) {
            return {
              offset: position,
              message: `Nesting is too deep: more than ${MAX_FLOW_DEPTH} levels of [ or {`,
            };
          }
        }
        continue;
      }
      if ((char === CLOSE_SQUARE || char === CLOSE_CURLY) && flowDepth > 0) flowDepth -= 1;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}
