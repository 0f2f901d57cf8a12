import { Lexer } from 'yaml';

/** Deepest flow nesting (`[` / `{`) accepted before the `yaml` parser is called. */
export const MAX_FLOW_DEPTH = 100;
/** Widest block indentation (in columns, counting `- `, `? ` and `: ` indicators) accepted. */
export const MAX_BLOCK_INDENT = 400;

const SPACE = 32;
const TAB = 9;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const OPEN_SQUARE = 91;
const OPEN_CURLY = 123;
const DASH = 45;
const QUESTION = 63;
const COLON = 58;
const HASH = 35;

// The lexer's control tokens (yaml's CST.DOCUMENT, CST.FLOW_END, CST.SCALAR): they stand for no
// source text. A SCALAR marker is followed by the scalar's source as the next token.
const DOCUMENT_TOKEN = '\u0002';
const FLOW_END_TOKEN = '\u0018';
const SCALAR_TOKEN = '\u001f';

/** Where a text nests too deeply, and how. */
export interface NestingViolation {
  /** Offset (in the scanned text) where the limit was crossed. */
  readonly offset: number;
  readonly message: string;
}

function isHeadCharacter(char: number): boolean {
  return char === SPACE || char === TAB || char === DASH || char === QUESTION || char === COLON;
}

/**
 * An upper bound that needs no tokenizing: when the text has no more opening brackets than the
 * flow limit, and no line starts with more blanks and indicators than the block limit, no reading
 * of it can nest too deeply. Almost every real document passes here.
 */
function mayNestTooDeeply(text: string): boolean {
  let openings = 0;
  let head = 0;
  let inHead = true;
  for (let position = 0; position < text.length; position += 1) {
    const char = text.charCodeAt(position);
    if (char === LINE_FEED) {
      head = 0;
      inHead = true;
      continue;
    }
    if (inHead) {
      if (isHeadCharacter(char)) {
        head += 1;
        if (head > MAX_BLOCK_INDENT) return true;
      } else {
        inHead = false;
      }
    }
    if (char === OPEN_SQUARE || char === OPEN_CURLY) {
      openings += 1;
      if (openings > MAX_FLOW_DEPTH) return true;
    }
  }
  return false;
}

function isSpaceToken(token: string): boolean {
  const first = token.charCodeAt(0);
  return first === SPACE || first === TAB;
}

function isIndicatorToken(token: string): boolean {
  return token === '-' || token === '?' || token === ':';
}

/**
 * The exact measure, on the `yaml` package's own lexer (iterative, so safe at any depth): the
 * same tokens the parser will see, so quotes, comments, plain scalars, anchors and tags can never
 * make the guard read the text differently from the parser.
 */
function scanTokens(text: string): NestingViolation | undefined {
  let offset = 0;
  let flowDepth = 0;
  let scalarFollows = false;
  /** Offset where the current line's head (blanks and indicators outside flow) started. */
  let headStart: number | undefined = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === DOCUMENT_TOKEN) continue;
    if (token === SCALAR_TOKEN) {
      scalarFollows = true;
      continue;
    }
    if (token === FLOW_END_TOKEN) {
      // The lexer ended every open flow collection at a line indented too little.
      flowDepth = 0;
      continue;
    }
    const start = offset;
    offset += token.length;
    const previous = text.charCodeAt(start - 1);
    if (start === 0 || previous === LINE_FEED || previous === CARRIAGE_RETURN) {
      headStart = flowDepth === 0 ? start : undefined;
    }
    if (scalarFollows) {
      scalarFollows = false;
    } else if (headStart !== undefined && (isSpaceToken(token) || isIndicatorToken(token))) {
      continue;
    }
    if (headStart !== undefined) {
      // A comment nests nothing, however far it is indented.
      if (start - headStart > MAX_BLOCK_INDENT && token.charCodeAt(0) !== HASH) {
        return {
          offset: start,
          message: `Nesting is too deep: block indentation beyond ${MAX_BLOCK_INDENT} columns`,
        };
      }
      headStart = undefined;
    }
    if (token === '[' || token === '{') {
      flowDepth += 1;
      if (flowDepth > MAX_FLOW_DEPTH) {
        return {
          offset: start,
          message: `Nesting is too deep: more than ${MAX_FLOW_DEPTH} levels of [ or {`,
        };
      }
    } else if ((token === ']' || token === '}') && flowDepth > 0) {
      flowDepth -= 1;
    }
  }
  return undefined;
}

/**
 * A pre-scan for nesting deep enough to exhaust the parser's stack. The `yaml` package reports such
 * input as RESOURCE_EXHAUSTION, but a recovered stack overflow has been seen to abort a later parse
 * in the same Node process (docs/analyzers.md §3.1), so Sailplan refuses the document before
 * parsing it. A cheap character count clears ordinary text; anything else is measured on the
 * parser's own tokens (an earlier character scanner could be fooled: `&a[[[`, `[k:'x, [[[`).
 */
export function findExcessiveNesting(text: string): NestingViolation | undefined {
  return mayNestTooDeeply(text) ? scanTokens(text) : undefined;
}
