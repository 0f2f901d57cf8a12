import { Document, Scalar, isCollection, isMap, isScalar, isSeq, visit } from 'yaml';
import type { CST, Node, ToStringOptions } from 'yaml';
import { columnAt } from '../../yaml/lines';

/**
 * How the surrounding YAML is written, so that new text looks like its neighbours: the indentation
 * step, whether block sequences under a key are indented (`ports:\n  - a`) or not (`ports:\n- a`,
 * kubectl's style), which quote the author prefers, and whether flow collections have inner
 * padding (`{ a: 1 }` or `{a: 1}`).
 */
export interface YamlStyle {
  readonly indent: number;
  readonly indentSequences: boolean;
  readonly singleQuote: boolean;
  readonly flowPadding: boolean;
  /** JSON written as YAML: keys and strings double-quoted, new documents on one line in flow style. */
  readonly json: boolean;
}

/** What a file without evidence gets: two spaces, indented sequences, double quotes, padding. */
export const DEFAULT_STYLE: YamlStyle = {
  indent: 2,
  indentSequences: true,
  singleQuote: false,
  flowPadding: true,
  json: false,
};

/** Style evidence found in one document; `undefined` where the document has none. */
export interface StyleEvidence {
  indent?: number;
  indentSequences?: boolean;
  singleQuotes: number;
  doubleQuotes: number;
  quotedKeys: number;
  plainKeys: number;
  flowPadding?: boolean;
}

/** Reads the style evidence of one parsed document; `text` is the text its ranges refer to. */
export function readStyleEvidence(document: Document.Parsed, text: string): StyleEvidence {
  const evidence: StyleEvidence = { singleQuotes: 0, doubleQuotes: 0, quotedKeys: 0, plainKeys: 0 };
  visit(document, {
    Scalar(_, scalar) {
      if (scalar.type === 'QUOTE_SINGLE') evidence.singleQuotes += 1;
      if (scalar.type === 'QUOTE_DOUBLE') evidence.doubleQuotes += 1;
    },
    Pair(_, pair) {
      if (isScalar(pair.key)) {
        if (pair.key.type === 'QUOTE_DOUBLE') evidence.quotedKeys += 1;
        else evidence.plainKeys += 1;
      }
      if (!isScalar(pair.key) || !pair.key.range || !isCollection(pair.value)) return;
      const value = pair.value;
      if (value.flow || !value.range) return;
      const keyColumn = columnAt(text, pair.key.range[0]);
      const valueColumn = columnAt(text, value.range[0]);
      if (isMap(value) && evidence.indent === undefined && valueColumn > keyColumn) {
        evidence.indent = valueColumn - keyColumn;
      }
      if (isSeq(value) && evidence.indentSequences === undefined) {
        const dash = firstDashOffset(value.srcToken);
        if (dash !== undefined) evidence.indentSequences = columnAt(text, dash) > keyColumn;
      }
    },
    Seq(_, sequence) {
      if (sequence.flow && sequence.items.length > 0) recordFlowPadding(sequence);
    },
    Map(_, map) {
      if (map.flow && map.items.length > 0) recordFlowPadding(map);
    },
  });
  return evidence;

  function recordFlowPadding(node: Node): void {
    if (evidence.flowPadding !== undefined || !node.range) return;
    const next = text.charAt(node.range[0] + 1);
    if (next !== '\n' && next !== '\r') evidence.flowPadding = next === ' ';
  }
}

/** Combines evidence, the first document's (the one being edited) winning over the others. */
export function styleFromEvidence(evidence: readonly StyleEvidence[]): YamlStyle {
  const first = <K extends 'indent' | 'indentSequences' | 'flowPadding'>(
    key: K,
  ): StyleEvidence[K] => evidence.find((item) => item[key] !== undefined)?.[key];
  const singleQuotes = evidence.reduce((sum, item) => sum + item.singleQuotes, 0);
  const doubleQuotes = evidence.reduce((sum, item) => sum + item.doubleQuotes, 0);
  const quotedKeys = evidence.reduce((sum, item) => sum + item.quotedKeys, 0);
  const plainKeys = evidence.reduce((sum, item) => sum + item.plainKeys, 0);
  return {
    indent: first('indent') ?? DEFAULT_STYLE.indent,
    indentSequences: first('indentSequences') ?? DEFAULT_STYLE.indentSequences,
    singleQuote: singleQuotes > doubleQuotes,
    flowPadding: first('flowPadding') ?? DEFAULT_STYLE.flowPadding,
    json: quotedKeys > plainKeys,
  };
}

/** Offset of the first `-` of a block sequence's source token, if it has one. */
export function firstDashOffset(token: unknown): number | undefined {
  if (!isBlockSequenceToken(token)) return undefined;
  return token.items[0]?.start.find((part) => part.type === 'seq-item-ind')?.offset;
}

/** Narrows a node's `srcToken` to a block sequence token. */
export function isBlockSequenceToken(token: unknown): token is CST.BlockSequence {
  return (
    typeof token === 'object' &&
    token !== null &&
    (token as { type?: unknown }).type === 'block-seq'
  );
}

function toStringOptions(style: YamlStyle, flow: boolean): ToStringOptions {
  return {
    lineWidth: 0,
    indent: style.indent,
    indentSeq: style.indentSequences,
    // null lets a scalar keep an explicit single-quoted type; false would forbid single quotes.
    singleQuote: style.singleQuote ? true : null,
    flowCollectionPadding: style.flowPadding,
    ...(style.json
      ? { defaultKeyType: 'QUOTE_DOUBLE', defaultStringType: 'QUOTE_DOUBLE', singleQuote: false }
      : {}),
    collectionStyle: flow ? 'flow' : 'any',
  };
}

/**
 * Stringifies `value` as YAML 1.1 so that strings such as `yes`, `on` or `1:20`, which Kubernetes'
 * YAML 1.1 reader would take for booleans or numbers, come out quoted.
 */
function stringify(value: unknown, style: YamlStyle, flow: boolean): string {
  const document = new Document(value, { version: '1.1' });
  return document.toString(toStringOptions(style, flow)).replace(/\n$/, '');
}

/**
 * The text that follows `key:` in a block map for `value`: ` 80`, ` [a, b]`, or a line break and
 * the block lines, indented relative to the key's column (to be shifted to it by the caller).
 */
export function renderBlockValue(value: unknown, style: YamlStyle, anchor?: string): string {
  const document = new Document({ _: value }, { version: '1.1' });
  if (anchor !== undefined) {
    const node = document.get('_', true);
    if (isCollection(node) || isScalar(node)) node.anchor = anchor;
  }
  return document.toString(toStringOptions(style, false)).replace(/\n$/, '').replace(/^_:/, '');
}

/** A block map entry `key: value` (more lines for a block value), relative to the key's column. */
export function renderBlockPair(key: string, value: unknown, style: YamlStyle): string {
  return stringify({ [key]: value }, style, false);
}

/** A block sequence item `- value`, relative to the dash's column. */
export function renderBlockItem(value: unknown, style: YamlStyle): string {
  return stringify([value], style, false);
}

/** What follows a dash for `value`: ` value` or ` key: value` and more lines of the item. */
export function renderBlockItemValue(value: unknown, style: YamlStyle, anchor?: string): string {
  const document = new Document([value], { version: '1.1' });
  if (anchor !== undefined) {
    const node = document.get(0, true);
    if (isCollection(node) || isScalar(node)) node.anchor = anchor;
  }
  return document.toString(toStringOptions(style, false)).replace(/\n$/, '').replace(/^-/, '');
}

/** `value` in flow style, for a place inside a flow collection. */
export function renderFlowValue(value: unknown, style: YamlStyle): string {
  return stripBrackets(stringify([value], style, true), style);
}

/** `key: value` in flow style, for a place inside a flow map. */
export function renderFlowPair(key: string, value: unknown, style: YamlStyle): string {
  return stripBrackets(stringify({ [key]: value }, style, true), style);
}

function stripBrackets(rendered: string, style: YamlStyle): string {
  const padding = style.flowPadding ? 1 : 0;
  return rendered.slice(1 + padding, rendered.length - 1 - padding);
}

/**
 * A scalar written in the quoting of the one it replaces (`type`) when that can represent it; the
 * `yaml` package falls back to another quoting when it cannot (a plain `80` for the string "80"
 * becomes `"80"`). `inFlow` keeps flow indicators such as `,` quoted.
 */
export function renderScalarAs(
  value: string | number | boolean | null,
  type: Scalar.Type | undefined,
  style: YamlStyle,
  inFlow: boolean,
): string {
  const scalar = new Scalar(value);
  if (typeof value === 'string' && type !== undefined && !type.startsWith('BLOCK')) {
    scalar.type = type;
  }
  if (!inFlow) return stringify(scalar, style, false);
  const unpadded = { ...style, flowPadding: false };
  return stripBrackets(stringify([scalar], unpadded, true), unpadded);
}

/** A whole document for `value` (ending with a line break), in flow style in a JSON file. */
export function renderDocument(value: unknown, style: YamlStyle): string {
  return `${stringify(value, style, style.json)}\n`;
}

/**
 * The quoting shared by every string among `siblings` (the values of a map, the items of a list),
 * when they all use the same quotes; new strings next to them are written the same way.
 */
export function sharedQuoting(siblings: readonly unknown[]): Scalar.Type | undefined {
  let shared: Scalar.Type | undefined;
  for (const sibling of siblings) {
    if (!isScalar(sibling) || typeof sibling.value !== 'string') continue;
    const type = sibling.type;
    if (type !== 'QUOTE_DOUBLE' && type !== 'QUOTE_SINGLE') return undefined;
    if (shared !== undefined && shared !== type) return undefined;
    shared = type;
  }
  return shared;
}

/** `value` as a scalar node of `type` when it is a string and a type is given. */
export function withQuoting(value: unknown, type: Scalar.Type | undefined): unknown {
  if (typeof value !== 'string' || type === undefined) return value;
  const scalar = new Scalar(value);
  scalar.type = type;
  return scalar;
}

/**
 * `value` as a node whose collections are flow wherever the corresponding part of `sibling` (a
 * neighbouring list item) is: a new subset next to `- {name: v1, labels: {...}}` is written the
 * same way. Values without a collection sibling are returned unchanged.
 */
export function mirrorFlowStyle(value: unknown, sibling: unknown): unknown {
  if (value === null || typeof value !== 'object' || !isCollection(sibling)) return value;
  const node = new Document(null, { version: '1.1' }).createNode(value);
  copyFlow(node, sibling);
  return node;
}

function copyFlow(node: unknown, sibling: unknown): void {
  if (!isCollection(node) || !isCollection(sibling)) return;
  if (sibling.flow) {
    node.flow = true;
    return;
  }
  if (isMap(node) && isMap(sibling)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const match = sibling.items.find(
        (candidate) => isScalar(candidate.key) && candidate.key.value === key,
      );
      if (match) copyFlow(pair.value, match.value);
    }
  } else if (isSeq(node) && isSeq(sibling)) {
    const [model] = sibling.items;
    for (const item of node.items) copyFlow(item, model);
  }
}

/** True when `value` is written inline after `key:` (a scalar or an empty collection). */
export function rendersInline(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length === 0;
  return true;
}

/** True for values that are YAML scalars. */
export function isScalarValue(value: unknown): value is string | number | boolean | null {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}
