import { isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, visit } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { formatPath } from '../../model/shape';
import type { YamlPath } from '../../model/types';
import { MAX_ALIAS_COUNT } from '../../yaml/parseFile';
import type { ParsedDocument, TextEdit } from '../../yaml/types';
import { refuse } from '../refusal';
import {
  columnAt,
  indentFollowingLines,
  isFirstOnLine,
  leadingCommentStart,
  lineEndAt,
  lineStartAt,
  nextLineStartAt,
  trimEndOffset,
  withLineBreak,
} from '../../yaml/lines';
import {
  isBlockSequenceToken,
  isScalarValue,
  mirrorFlowStyle,
  renderBlockItem,
  renderBlockItemValue,
  renderBlockPair,
  renderBlockValue,
  renderFlowPair,
  renderFlowValue,
  renderScalarAs,
  rendersInline,
  sharedQuoting,
  withQuoting,
} from './render';
import type { YamlStyle } from './render';

type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

/**
 * The canonical order of the keys of the map at a document path, or undefined when it has none:
 * a new key goes after the last written key that comes before it in that order (else before the
 * first that comes after it), so that nothing the user wrote moves.
 */
export type KeyOrder = (mapPath: YamlPath) => readonly string[] | undefined;

/** A node found at a path, and where it sits: the collection holding it and its index there. */
interface Slot {
  readonly node: Node | null;
  /** The holding collection; `null` for the document's root node. */
  readonly parent: Collection | null;
  readonly index: number;
  readonly pair?: Pair<unknown, unknown>;
  readonly parentSlot?: Slot;
  readonly path: YamlPath;
}

/** A path as messages name it (`spec.http[0].route`); the model's own format, or the document. */
function placeOf(path: YamlPath): string {
  return path.length === 0 ? 'the document' : formatPath(path);
}

function keyMatches(key: unknown, segment: string | number): boolean {
  return isScalar(key) && String(key.value) === String(segment);
}

function isEmptyValue(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeNode(node: Node | null): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'an alias';
  return 'a single value';
}

/** Builds the value to write for `rest` of a path that does not exist yet. */
function nest(rest: YamlPath, value: unknown, at: YamlPath): unknown {
  let nested = value;
  for (let index = rest.length - 1; index >= 0; index -= 1) {
    const segment = rest[index];
    if (typeof segment === 'number') {
      if (segment !== 0) {
        refuse(`${placeOf([...at, ...rest.slice(0, index + 1)])} does not exist`);
      }
      nested = [nested];
    } else if (segment !== undefined) {
      nested = { [segment]: nested };
    }
  }
  return nested;
}

/** A copy of `base` with `value` at `rest` (missing parents created as in `nest`). */
function withValueAt(base: unknown, rest: YamlPath, value: unknown, at: YamlPath): unknown {
  const [segment, ...deeper] = rest;
  if (segment === undefined) return value;
  if (Array.isArray(base) && typeof segment === 'number' && segment <= base.length) {
    const copy = [...(base as unknown[])];
    copy[segment] = withValueAt(copy[segment], deeper, value, [...at, segment]);
    return copy;
  }
  if (isPlainObject(base) && typeof segment === 'string') {
    return { ...base, [segment]: withValueAt(base[segment], deeper, value, [...at, segment]) };
  }
  return nest(rest, value, at);
}

/**
 * Plans minimal text edits against one parsed document of a file. Every operation reads the
 * original text (edits of one batch never see each other), so a planner must not make two
 * operations touch the same node; overlapping edits are a planner bug and `applyEdits` throws.
 * The one exception: writes under the same unwritten parent are merged into one new entry.
 *
 * Offsets: node ranges are relative to the document, `offset` makes them file offsets; all text
 * scanning is done on the whole file's text.
 */
export class DocumentEditor {
  private readonly recorded: TextEdit[] = [];
  /**
   * Entries this editor created where the text has none, by the path of their key: a second
   * write under the same unwritten parent (`tls.mode`, then `tls.credentialName`) is merged into
   * the first entry instead of inserting the key twice.
   */
  private readonly created = new Map<
    string,
    { readonly entry: unknown; readonly edits: readonly TextEdit[] }
  >();
  /** Depth of the collection each line insertion adds to, to order insertions at one offset. */
  private readonly insertionDepth = new Map<TextEdit, number>();
  private plainValue: unknown;
  private plainValueRead = false;

  private readonly text: string;
  private readonly parsed: ParsedDocument;
  private readonly styleOf: () => YamlStyle;
  private knownStyle: YamlStyle | undefined;
  private readonly lineBreak: '\n' | '\r\n';
  private readonly keyOrder: KeyOrder;

  /**
   * Binds the editor to a document of `text` (the whole file), written in `style` (or a thunk);
   * `keyOrder` places new keys among the ones written (at the end of maps it knows nothing of).
   */
  constructor(
    text: string,
    parsed: ParsedDocument,
    style: YamlStyle | (() => YamlStyle),
    lineBreak: '\n' | '\r\n',
    keyOrder: KeyOrder = () => undefined,
  ) {
    this.text = text;
    this.parsed = parsed;
    this.styleOf = typeof style === 'function' ? style : () => style;
    this.lineBreak = lineBreak;
    this.keyOrder = keyOrder;
  }

  /** How new text is written here; worked out on first use, as most planning never renders. */
  private get style(): YamlStyle {
    this.knownStyle ??= this.styleOf();
    return this.knownStyle;
  }

  /**
   * The edits recorded so far, in file offsets. Line insertions at one offset come deepest first:
   * an entry for a nested list must precede a new key of its parent map there, or the entry's lines
   * would land under the new key.
   */
  edits(): readonly TextEdit[] {
    const depth = (edit: TextEdit) => this.insertionDepth.get(edit) ?? 0;
    return this.recorded
      .map((edit, order) => ({ edit, order }))
      .sort((left, right) => {
        const { edit: a } = left;
        const { edit: b } = right;
        const bothInsertions = a.start === a.end && b.start === b.end && a.start === b.start;
        return (bothInsertions ? depth(b) - depth(a) : 0) || left.order - right.order;
      })
      .map(({ edit }) => edit);
  }

  /** The document's value at `path` as plain data (aliases and merge keys resolved). */
  read(path: YamlPath): unknown {
    if (!this.plainValueRead) {
      try {
        this.plainValue = this.parsed.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch {
        // toJS throws for an alias to a missing anchor or too many alias expansions.
        refuse(
          `Document ${this.parsed.index + 1} of ${this.parsed.file} cannot be read; fix it first`,
        );
      }
      this.plainValueRead = true;
    }
    let value = this.plainValue;
    for (const segment of path) {
      if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
      else if (isPlainObject(value) && Object.hasOwn(value, String(segment))) {
        value = value[String(segment)];
      } else return undefined;
    }
    return value;
  }

  /** File range `[start, end)` of the value at `path`, or undefined when it is not written. */
  rangeOf(path: YamlPath): readonly [number, number] | undefined {
    const { slot, missing } = this.walk(path);
    if (missing < path.length || slot.node === null || !slot.node.range) return undefined;
    return [this.offset(slot.node.range[0]), this.contentEnd(slot.node)];
  }

  /**
   * Writes `value` at `path`: a changed scalar replaces exactly its text; maps and lists are
   * compared entry by entry so that unchanged entries (and their comments) stay; missing parents
   * are created as one new entry at the deepest existing one, at its place in the key order.
   */
  set(path: YamlPath, value: unknown): void {
    if (value === undefined) {
      this.remove(path);
      return;
    }
    const { slot, missing } = this.walk(path);
    if (missing === path.length) {
      this.assign(slot, value);
      return;
    }
    const rest = path.slice(missing);
    const segment = rest[0];
    const node = slot.node;
    if (isMap(node)) {
      const keyPath = path.slice(0, missing + 1);
      const createdKey = JSON.stringify(keyPath);
      const earlier = this.created.get(createdKey);
      // A key that the map only has through a merge (`<<: *base`) is overridden whole, so the new
      // entry carries the merged value with the change made inside it; an entry this editor has
      // already created takes the change inside it, written once.
      const base = earlier === undefined ? this.read(keyPath) : earlier.entry;
      const entry =
        base === undefined
          ? nest(rest.slice(1), value, keyPath)
          : withValueAt(base, rest.slice(1), value, keyPath);
      if (earlier !== undefined) this.unrecord(earlier.edits);
      const before = this.recorded.length;
      this.insertPair(slot, String(segment), entry);
      this.created.set(createdKey, { entry, edits: this.recorded.slice(before) });
    } else if (isSeq(node)) {
      if (segment !== node.items.length)
        refuse(`${placeOf(path.slice(0, missing + 1))} does not exist`);
      this.insertItem(
        slot,
        node.items.length,
        nest(rest.slice(1), value, path.slice(0, missing + 1)),
      );
    } else if (isEmptyValue(node) && slot.parent !== null) {
      this.replace(slot, nest(rest, value, slot.path));
    } else {
      refuse(`${placeOf(slot.path)} is ${describeNode(node)}, so it has no ${String(segment)}`);
    }
  }

  /** Removes the entry at `path` with its leading comment; nothing when it is not there. */
  remove(path: YamlPath): void {
    const { slot, missing } = this.walk(path);
    if (missing < path.length) {
      if (this.read(path) !== undefined) {
        refuse(`${placeOf(path)} comes from a merged anchor (<<); it cannot be removed here`);
      }
      return;
    }
    if (slot.parent === null) refuse('A whole document is removed with resource.delete');
    if (isMap(slot.parent)) this.removePair(slot);
    else this.removeItem(slot);
  }

  /**
   * Inserts `value` into the list at `path` before `index` (at the end when `index` is the length
   * or undefined), creating the list when it is missing.
   */
  insert(path: YamlPath, index: number | undefined, value: unknown): void {
    const { slot, missing } = this.walk(path);
    if (missing < path.length) {
      if (index !== undefined && index !== 0) refuse(`${placeOf(path)} does not exist`);
      this.set(path, [value]);
      return;
    }
    const node = slot.node;
    if (isEmptyValue(node)) {
      this.replace(slot, [value]);
      return;
    }
    if (!isSeq(node)) refuse(`${placeOf(path)} is ${describeNode(node)}, not a list`);
    const at = index ?? node.items.length;
    if (!Number.isInteger(at) || at < 0 || at > node.items.length) {
      refuse(`${placeOf(path)} has no position ${at}`);
    }
    this.insertItem(slot, at, value);
  }

  /**
   * Removes several items of the list at `path` in one go (separate removals of neighbours would
   * compete for the blank lines between them). Removing every item leaves `[]`.
   */
  removeItems(path: YamlPath, indices: readonly number[]): void {
    const { slot, missing } = this.walk(path);
    if (missing < path.length || !isSeq(slot.node)) return;
    this.removeSequenceItems(slot, slot.node, indices);
  }

  /** Moves item `from` of the list at `path` so that it ends up at index `to`. */
  move(path: YamlPath, from: number, to: number): void {
    const { slot, missing } = this.walk(path);
    const node = slot.node;
    if (missing < path.length || !isSeq(node)) refuse(`${placeOf(path)} is not a list`);
    const count = node.items.length;
    for (const position of [from, to]) {
      if (!Number.isInteger(position) || position < 0 || position >= count) {
        refuse(`${placeOf(path)} has no item ${position}`);
      }
    }
    if (from === to) return;
    this.assertAliasOrderKept(node, from, to);
    if (node.flow) this.moveFlowItem(node, from, to);
    else this.moveBlockItem(node, from, to);
  }

  // --- Finding nodes -------------------------------------------------------------------------

  private walk(path: YamlPath): { slot: Slot; missing: number } {
    const root = this.parsed.document.contents;
    let slot: Slot = { node: isNode(root) ? root : null, parent: null, index: 0, path: [] };
    for (let depth = 0; depth < path.length; depth += 1) {
      const node = slot.node;
      const segment = path[depth] as string | number;
      if (isAlias(node)) {
        refuse(
          `${placeOf(slot.path)} is an alias of &${node.source}; edit the anchored value instead`,
        );
      }
      const childPath = path.slice(0, depth + 1);
      if (isMap(node)) {
        const index = node.items.findIndex((pair) => keyMatches(pair.key, segment));
        const pair = node.items[index];
        if (pair === undefined) return { slot, missing: depth };
        const value = isNode(pair.value) ? pair.value : null;
        slot = { node: value, parent: node, index, pair, parentSlot: slot, path: childPath };
      } else if (isSeq(node)) {
        if (typeof segment !== 'number') {
          refuse(`${placeOf(slot.path)} is a list, so it has no ${segment}`);
        }
        const item = node.items[segment];
        if (item === undefined) return { slot, missing: depth };
        const value = isNode(item) ? item : null;
        slot = { node: value, parent: node, index: segment, parentSlot: slot, path: childPath };
      } else {
        return { slot, missing: depth };
      }
    }
    return { slot, missing: path.length };
  }

  // --- Offsets ----------------------------------------------------------------------------------

  private offset(documentOffset: number): number {
    return this.parsed.offset + documentOffset;
  }

  /** End of a node's own text: its last character that is not trailing space or comment lines. */
  private contentEnd(node: Node): number {
    if (isCollection(node) && !node.flow) {
      const last = node.items[node.items.length - 1];
      if (isPair(last)) {
        if (isNode(last.value)) return this.contentEnd(last.value);
        if (isNode(last.key)) return this.contentEnd(last.key);
      } else if (isNode(last)) {
        return this.contentEnd(last);
      }
    }
    const range = node.range;
    if (!range) throw new Error('A parsed node without a range');
    return trimEndOffset(this.text, this.offset(range[0]), this.offset(range[1]));
  }

  private keyStart(pair: Pair<unknown, unknown>): number {
    if (!isNode(pair.key) || !pair.key.range) refuse('A map entry without a key cannot be edited');
    return this.offset(pair.key.range[0]);
  }

  /** Offset just after the `:` of a block map entry. */
  private colonEnd(pair: Pair<unknown, unknown>): number {
    if (!isNode(pair.key) || !pair.key.range) refuse('A map entry without a key cannot be edited');
    let position = this.offset(pair.key.range[1]);
    while (this.text[position] === ' ' || this.text[position] === '\t') position += 1;
    if (this.text[position] !== ':') refuse('An explicit `? key` entry cannot be edited here');
    return position + 1;
  }

  /** Offset of the `-` of item `index` of a block sequence. */
  private dashOffset(sequence: YAMLSeq<unknown>, index: number): number {
    const token = sequence.srcToken;
    if (isBlockSequenceToken(token)) {
      const dash = token.items[index]?.start.find((part) => part.type === 'seq-item-ind');
      if (dash) return this.offset(dash.offset);
    }
    const item = sequence.items[index];
    if (isNode(item) && item.range) {
      const dash = this.text.lastIndexOf('-', this.offset(item.range[0]));
      if (dash >= 0) return dash;
    }
    throw new Error('A block sequence item without a dash');
  }

  /** Column of a block map's keys. */
  private mapColumn(map: YAMLMap<unknown, unknown>): number {
    for (const pair of map.items) {
      const start = this.keyStart(pair);
      if (isFirstOnLine(this.text, start)) return columnAt(this.text, start);
    }
    const token = map.srcToken;
    if (token && token.type === 'block-map') return token.indent;
    if (!map.range) throw new Error('A parsed map without a range');
    return columnAt(this.text, this.offset(map.range[0]));
  }

  /** End of an item of a flow collection (after its value). */
  private flowItemEnd(collection: Collection, index: number): number {
    const item = collection.items[index];
    const node = isPair(item) ? (isNode(item.value) ? item.value : item.key) : item;
    if (!isNode(node) || !node.range) throw new Error('A flow item without a range');
    return this.offset(node.range[1]);
  }

  /** Start of an item of a flow collection: after the `[`, `{` or `,` before it and any space. */
  private flowItemStart(collection: Collection, index: number): number {
    let position: number;
    if (index === 0) {
      if (!collection.range) throw new Error('A flow collection without a range');
      position = this.offset(collection.range[0]) + 1;
    } else {
      position = this.text.indexOf(',', this.flowItemEnd(collection, index - 1)) + 1;
    }
    while (/\s/.test(this.text.charAt(position))) position += 1;
    return position;
  }

  /** Start of the line span of a block entry: its first line, or its leading comment above. */
  private blockSpanStart(entryStart: number): number {
    const column = columnAt(this.text, entryStart);
    return leadingCommentStart(
      this.text,
      lineStartAt(this.text, entryStart),
      column,
      this.parsed.offset,
    );
  }

  /** Where the first line of the next entry starts its text (its leading comment, or itself). */
  private firstTextOfSpan(entryStart: number): number {
    // Leading comment lines sit at the entry's own column.
    return this.blockSpanStart(entryStart) + columnAt(this.text, entryStart);
  }

  // --- Recording edits ---------------------------------------------------------------------------

  /** Takes back edits recorded earlier (an entry created again with more in it). */
  private unrecord(edits: readonly TextEdit[]): void {
    for (const edit of edits) {
      const index = this.recorded.indexOf(edit);
      if (index >= 0) this.recorded.splice(index, 1);
      this.insertionDepth.delete(edit);
    }
  }

  private record(start: number, end: number, text: string): void {
    this.recorded.push({ start, end, text: withLineBreak(text, this.lineBreak) });
  }

  /**
   * Inserts whole lines (`lines` has no final line break) at a line start, into the collection at
   * `depth` (its path length).
   */
  private insertLines(position: number, lines: string, depth: number): void {
    const atEndWithoutBreak = position >= this.text.length && !this.text.endsWith('\n');
    this.record(position, position, atEndWithoutBreak ? `\n${lines}` : `${lines}\n`);
    const edit = this.recorded[this.recorded.length - 1];
    if (edit) this.insertionDepth.set(edit, depth);
  }

  private blockLines(rendered: string, column: number): string {
    return ' '.repeat(column) + indentFollowingLines(rendered, column);
  }

  /** Refuses to remove or replace a node whose anchor an alias outside it still uses. */
  private assertAnchorsUnused(nodes: readonly unknown[], keptAnchor?: string): void {
    const ranges = nodes.flatMap((node): Node[] => {
      if (isPair(node)) return [node.key, node.value].filter(isNode);
      return isNode(node) ? [node] : [];
    });
    const anchors = new Set<string>();
    for (const node of ranges) {
      visit(node, {
        Node(_, inner) {
          if ((isScalar(inner) || isCollection(inner)) && inner.anchor) anchors.add(inner.anchor);
        },
      });
    }
    if (keptAnchor !== undefined) anchors.delete(keptAnchor);
    if (anchors.size === 0) return;
    const inside = (offset: number) =>
      ranges.some((node) => node.range && offset >= node.range[0] && offset < node.range[2]);
    visit(this.parsed.document, {
      Alias(_, alias) {
        if (anchors.has(alias.source) && alias.range && !inside(alias.range[0])) {
          refuse(`&${alias.source} is still used by an alias (*${alias.source}) elsewhere`);
        }
      },
    });
  }

  /** Refuses a move that would put an alias before the anchor it refers to. */
  private assertAliasOrderKept(sequence: YAMLSeq<unknown>, from: number, to: number): void {
    const moved = sequence.items.slice(from, from + 1);
    const passed =
      from < to ? sequence.items.slice(from + 1, to + 1) : sequence.items.slice(to, from);
    const [defining, using] = from < to ? [moved, passed] : [passed, moved];
    const anchors = new Set<string>();
    for (const node of defining.filter(isNode)) {
      visit(node, {
        Node(_, inner) {
          if ((isScalar(inner) || isCollection(inner)) && inner.anchor) anchors.add(inner.anchor);
        },
      });
    }
    if (anchors.size === 0) return;
    for (const node of using.filter(isNode)) {
      visit(node, {
        Alias(_, alias) {
          if (anchors.has(alias.source)) {
            refuse(`This move would put *${alias.source} before its anchor &${alias.source}`);
          }
        },
      });
    }
  }

  // --- Assigning values --------------------------------------------------------------------------

  private assign(slot: Slot, value: unknown): void {
    const node = slot.node;
    if (isScalarValue(value)) {
      if (isScalar(node) && node.value === value) return;
      if (isScalar(node) && !node.type?.startsWith('BLOCK') && slot.parent !== null) {
        const inFlow = slot.parent.flow === true;
        const rendered = renderScalarAs(value, node.type, this.style, inFlow);
        if (!rendered.includes('\n') && node.range) {
          this.record(this.offset(node.range[0]), this.offset(node.range[1]), rendered);
          return;
        }
      }
      this.replace(slot, value);
      return;
    }
    if (Array.isArray(value) && isSeq(node) && node.items.length > 0 && value.length > 0) {
      this.assignSequence(slot, node, value);
      return;
    }
    if (Array.isArray(value) && isSeq(node) && node.items.length === 0 && value.length === 0)
      return;
    if (isPlainObject(value) && isMap(node)) {
      const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
      if (node.items.length === 0 && entries.length === 0) return;
      const kept = node.items.filter((pair) => entries.some(([key]) => keyMatches(pair.key, key)));
      if (kept.length > 0) {
        this.assignMap(slot, node, entries);
        return;
      }
    }
    this.replace(slot, value);
  }

  private assignMap(
    slot: Slot,
    map: YAMLMap<unknown, unknown>,
    entries: readonly (readonly [string, unknown])[],
  ): void {
    const removed = map.items.filter((pair) => !entries.some(([key]) => keyMatches(pair.key, key)));
    const added = entries.filter(([key]) => !map.items.some((pair) => keyMatches(pair.key, key)));
    const [first, second] = map.items;
    const removesInlineStart =
      first !== undefined &&
      removed.includes(first) &&
      ((second !== undefined && removed.includes(second)) || added.length > 0) &&
      !isFirstOnLine(this.text, this.keyStart(first));
    if (removed.length > 0 && (map.flow || removesInlineStart)) {
      // Removals in a flow map, or of an inline first entry and what comes next (the next key, or
      // a new one placed before it), would overlap.
      this.replace(slot, Object.fromEntries(entries));
      return;
    }
    for (const [key, entryValue] of entries) {
      const index = map.items.findIndex((pair) => keyMatches(pair.key, key));
      const pair = map.items[index];
      if (pair === undefined) continue;
      this.assign(
        {
          node: isNode(pair.value) ? pair.value : null,
          parent: map,
          index,
          pair,
          parentSlot: slot,
          path: [...slot.path, key],
        },
        entryValue,
      );
    }
    for (const pair of removed) {
      this.removePair(
        {
          node: isNode(pair.value) ? pair.value : null,
          parent: map,
          index: map.items.indexOf(pair),
          pair,
          parentSlot: slot,
          path: [...slot.path, String(isScalar(pair.key) ? pair.key.value : '')],
        },
        true,
      );
    }
    // New keys that land in one gap are inserted there in their canonical order.
    const order = this.keyOrder(slot.path) ?? [];
    const rank = (key: string) => {
      const found = order.indexOf(key);
      return found < 0 ? order.length : found;
    };
    const sorted = [...added].sort(([left], [right]) => rank(left) - rank(right));
    for (const [key, entryValue] of sorted) this.insertPair(slot, key, entryValue, removed);
  }

  private assignSequence(slot: Slot, sequence: YAMLSeq<unknown>, value: readonly unknown[]): void {
    const count = sequence.items.length;
    if (value.length < count && sequence.flow) {
      this.replace(slot, value);
      return;
    }
    const shared = Math.min(count, value.length);
    for (let index = 0; index < shared; index += 1) {
      const item = sequence.items[index];
      this.assign(
        {
          node: isNode(item) ? item : null,
          parent: sequence,
          index,
          parentSlot: slot,
          path: [...slot.path, index],
        },
        value[index],
      );
    }
    if (value.length < count) {
      const surplus = sequence.items.map((_, index) => index).slice(value.length);
      this.removeSequenceItems(slot, sequence, surplus);
    }
    for (let index = count; index < value.length; index += 1) {
      this.insertItem(slot, count, value[index]);
    }
  }

  /** Replaces a node's whole value text (its slot after `key:` or `-`) by a rendering of `value`. */
  private replace(slot: Slot, value: unknown): void {
    const { parent, node } = slot;
    if (parent === null) refuse('A whole document cannot be replaced by an edit');
    const anchor = (isScalar(node) || isCollection(node)) && node.anchor ? node.anchor : undefined;
    // The node's own anchor is written again, so only anchors deeper inside it must be unused.
    this.assertAnchorsUnused(isCollection(node) ? node.items : [node], anchor);
    if (isCollection(node) && node.flow && !isScalarValue(value) && node.range) {
      // A flow collection stays a flow collection.
      this.record(
        this.offset(node.range[0]),
        this.offset(node.range[1]),
        renderFlowValue(value, this.style),
      );
      return;
    }
    if (parent.flow) {
      if (!node?.range) refuse(`${placeOf(slot.path)} has no value to replace`);
      this.record(
        this.offset(node.range[0]),
        this.offset(node.range[1]),
        renderFlowValue(value, this.style),
      );
      return;
    }
    if (isMap(parent)) {
      const pair = slot.pair;
      if (!pair) throw new Error('A map slot without its entry');
      const colonEnd = this.colonEnd(pair);
      const end = node === null ? colonEnd : Math.max(colonEnd, this.contentEnd(node));
      const keyColumn = columnAt(this.text, this.keyStart(pair));
      const keepsProperties =
        node !== null && !isCollection(node) && rendersInline(value) && node.range !== undefined;
      if (keepsProperties && node.range) {
        // Replacing from the value itself keeps its anchor or tag and the space before it.
        const rendered = renderBlockValue(value, this.style).replace(/^ /, '');
        this.record(this.offset(node.range[0]), end, indentFollowingLines(rendered, keyColumn));
        return;
      }
      const rendered = renderBlockValue(value, this.style, anchor);
      this.record(colonEnd, end, indentFollowingLines(rendered, keyColumn));
      return;
    }
    const dash = this.dashOffset(parent, slot.index);
    const end = node === null ? dash + 1 : Math.max(dash + 1, this.contentEnd(node));
    const rendered = renderBlockItemValue(value, this.style, anchor);
    this.record(dash + 1, end, indentFollowingLines(rendered, columnAt(this.text, dash)));
  }

  // --- Inserting ---------------------------------------------------------------------------------

  /**
   * Where a new key goes in a map: after the last written key that comes before it in the key
   * order (`previous`), else before the first written key that comes after it (`next`), else last.
   * Keys the order does not know are passed over; the written order is never changed.
   */
  private placeKey(
    slot: Slot,
    map: YAMLMap<unknown, unknown>,
    key: string,
    passedOver: readonly unknown[],
  ): { readonly previous: number } | { readonly next: number } {
    const last = { previous: map.items.length - 1 };
    const order = this.keyOrder(slot.path);
    const own = order?.indexOf(key) ?? -1;
    if (order === undefined || own < 0) return last;
    const ranks = map.items.map((pair) =>
      isScalar(pair.key) && !passedOver.includes(pair) ? order.indexOf(String(pair.key.value)) : -1,
    );
    const previous = ranks.findLastIndex((rank) => rank >= 0 && rank < own);
    if (previous >= 0) return { previous };
    const next = ranks.findIndex((rank) => rank > own);
    return next >= 0 ? { next } : last;
  }

  /** Inserts `key: newValue` at its place (see placeKey), passing over entries being removed. */
  private insertPair(
    slot: Slot,
    key: string,
    newValue: unknown,
    removed: readonly unknown[] = [],
  ): void {
    const map = slot.node;
    if (!isMap(map) || !map.range) throw new Error('insertPair needs a map');
    const value = withQuoting(newValue, sharedQuoting(map.items.map((pair) => pair.value)));
    const place = this.placeKey(slot, map, key, removed);
    if (map.flow) {
      const pairText = renderFlowPair(key, value, this.style);
      if (map.items.length === 0) {
        const padding = this.style.flowPadding ? ' ' : '';
        this.record(
          this.offset(map.range[0]) + 1,
          this.offset(map.range[1]) - 1,
          padding + pairText + padding,
        );
      } else if ('next' in place) {
        const start = this.flowItemStart(map, place.next);
        this.record(start, start, `${pairText}, `);
      } else {
        const end = this.flowItemEnd(map, place.previous);
        this.record(end, end, `, ${pairText}`);
      }
      return;
    }
    const column = this.mapColumn(map);
    const rendered = renderBlockPair(key, value, this.style);
    if ('next' in place) {
      const next = map.items[place.next];
      if (next === undefined) throw new Error('A key placed before a missing entry');
      const keyStart = this.keyStart(next);
      if (!isFirstOnLine(this.text, keyStart)) {
        // The next key follows `- ` on its line: the new key takes its place there and the next
        // one starts the following line, at the map's column.
        this.record(
          keyStart,
          keyStart,
          `${indentFollowingLines(rendered, column)}\n${' '.repeat(column)}`,
        );
        return;
      }
      // Comments above the first key of a document describe the document: they stay on top.
      const position =
        slot.parent === null && place.next === 0
          ? lineStartAt(this.text, keyStart)
          : this.blockSpanStart(keyStart);
      this.insertLines(position, this.blockLines(rendered, column), slot.path.length);
      return;
    }
    const previous = map.items[place.previous];
    const previousNode = previous ? (isNode(previous.value) ? previous.value : previous.key) : map;
    const end = isNode(previousNode) ? this.contentEnd(previousNode) : this.contentEnd(map);
    this.insertLines(
      nextLineStartAt(this.text, end),
      this.blockLines(rendered, column),
      slot.path.length,
    );
  }

  private insertItem(slot: Slot, index: number, newValue: unknown): void {
    const sequence = slot.node;
    if (!isSeq(sequence) || !sequence.range) throw new Error('insertItem needs a list');
    const sibling = sequence.items[index - 1] ?? sequence.items[index];
    const value = mirrorFlowStyle(withQuoting(newValue, sharedQuoting(sequence.items)), sibling);
    const count = sequence.items.length;
    if (sequence.flow) {
      const rendered = renderFlowValue(value, this.style);
      if (count === 0) {
        const padding = this.style.flowPadding ? ' ' : '';
        this.record(
          this.offset(sequence.range[0]) + 1,
          this.offset(sequence.range[1]) - 1,
          padding + rendered + padding,
        );
      } else if (index === 0) {
        const start = this.flowItemStart(sequence, 0);
        this.record(start, start, `${rendered}, `);
      } else {
        const end = this.flowItemEnd(sequence, index - 1);
        this.record(end, end, `, ${rendered}`);
      }
      return;
    }
    const dashColumn = columnAt(this.text, this.dashOffset(sequence, 0));
    const lines = this.blockLines(renderBlockItem(value, this.style), dashColumn);
    if (index >= count) {
      this.insertLines(
        nextLineStartAt(this.text, this.contentEnd(sequence)),
        lines,
        slot.path.length,
      );
      return;
    }
    const dash = this.dashOffset(sequence, index);
    if (!isFirstOnLine(this.text, dash)) {
      refuse(`${placeOf(slot.path)} starts on its parent's line; add the item after it instead`);
    }
    this.insertLines(this.blockSpanStart(dash), lines, slot.path.length);
  }

  // --- Removing ----------------------------------------------------------------------------------

  private removePair(slot: Slot, partOfDiff = false): void {
    const map = slot.parent;
    const pair = slot.pair;
    if (!isMap(map) || !pair) throw new Error('removePair needs a map entry');
    this.assertAnchorsUnused([isNode(pair.key) ? pair.key : null, slot.node]);
    const count = map.items.length;
    if (count === 1 && !partOfDiff) {
      const holder = slot.parentSlot;
      if (!holder || holder.parent === null) refuse('The last key of a document cannot be removed');
      this.replace(holder, {});
      return;
    }
    if (map.flow) {
      this.removeFlowItem(map, slot.index);
      return;
    }
    const keyStart = this.keyStart(pair);
    const valueEnd = slot.node === null ? this.colonEnd(pair) : this.contentEnd(slot.node);
    if (isFirstOnLine(this.text, keyStart)) {
      this.removeBlockSpan(this.blockSpanStart(keyStart), this.spanEnd(valueEnd), {
        first: slot.index === 0,
        last: slot.index === count - 1,
      });
      return;
    }
    const next = map.items[slot.index + 1];
    if (next === undefined) throw new Error('An inline first entry is also the last');
    this.record(keyStart, this.firstTextOfSpan(this.keyStart(next)), '');
  }

  private removeItem(slot: Slot): void {
    const sequence = slot.parent;
    if (!isSeq(sequence)) throw new Error('removeItem needs a list item');
    this.assertAnchorsUnused([slot.node]);
    if (sequence.items.length === 1) {
      const holder = slot.parentSlot;
      if (!holder || holder.parent === null)
        refuse('The only item of a root list cannot be removed');
      this.replace(holder, []);
      return;
    }
    if (sequence.flow) {
      this.removeFlowItem(sequence, slot.index);
      return;
    }
    const dash = this.dashOffset(sequence, slot.index);
    const end = slot.node === null ? dash + 1 : this.contentEnd(slot.node);
    if (isFirstOnLine(this.text, dash)) {
      const isLast = slot.index === sequence.items.length - 1;
      this.removeBlockSpan(this.blockSpanStart(dash), this.spanEnd(end), {
        first: slot.index === 0,
        last: isLast,
      });
      return;
    }
    if (slot.index + 1 >= sequence.items.length)
      throw new Error('An inline first item is also the last');
    this.record(dash, this.firstTextOfSpan(this.dashOffset(sequence, slot.index + 1)), '');
  }

  /** Removes the items at `indices` of a list (see removeItems). */
  private removeSequenceItems(
    slot: Slot,
    sequence: YAMLSeq<unknown>,
    indices: readonly number[],
  ): void {
    const count = sequence.items.length;
    const chosen = [...new Set(indices)]
      .filter((index) => Number.isInteger(index) && index >= 0 && index < count)
      .sort((a, b) => a - b);
    const [only] = chosen;
    if (only === undefined) return;
    if (chosen.length === 1) {
      const item = sequence.items[only];
      this.removeItem({
        node: isNode(item) ? item : null,
        parent: sequence,
        index: only,
        parentSlot: slot,
        path: [...slot.path, only],
      });
      return;
    }
    if (chosen.length === count) {
      this.replace(slot, []);
      return;
    }
    this.assertAnchorsUnused(chosen.map((index) => sequence.items[index]));
    if (sequence.flow) {
      const kept = sequence.items
        .map((_, index) => index)
        .filter((index) => !chosen.includes(index))
        .map((index) =>
          this.text.slice(this.flowItemStart(sequence, index), this.flowItemEnd(sequence, index)),
        );
      this.record(
        this.flowItemStart(sequence, 0),
        this.flowItemEnd(sequence, count - 1),
        kept.join(', '),
      );
      return;
    }
    const runs: [number, number][] = [];
    for (const index of chosen) {
      const run = runs[runs.length - 1];
      if (run !== undefined && run[1] === index - 1) run[1] = index;
      else runs.push([index, index]);
    }
    for (const [first, last] of runs) {
      const dash = this.dashOffset(sequence, first);
      if (!isFirstOnLine(this.text, dash)) refuse('This list starts on its parent line');
      const lastItem = sequence.items[last];
      const end = isNode(lastItem)
        ? this.contentEnd(lastItem)
        : this.dashOffset(sequence, last) + 1;
      this.removeBlockSpan(this.blockSpanStart(dash), this.spanEnd(end), {
        first: first === 0,
        last: last === count - 1,
      });
    }
  }

  /**
   * Removes whole lines `[start, end)` and one of the blank-line runs around them, so that a blank
   * line that separated the entry from its neighbours keeps separating them once, and a first or
   * last entry leaves no blank line behind.
   */
  private removeBlockSpan(
    start: number,
    end: number,
    position: { readonly first: boolean; readonly last: boolean },
  ): void {
    const documentStart = this.parsed.offset;
    const documentEnd = this.parsed.offset + this.parsed.text.length;
    let blankStart = start;
    while (blankStart > documentStart) {
      const previous = lineStartAt(this.text, blankStart - 1);
      if (this.text.slice(previous, blankStart).trim() !== '') break;
      blankStart = previous;
    }
    let blankEnd = end;
    while (blankEnd < documentEnd) {
      const next = nextLineStartAt(this.text, blankEnd);
      if (this.text.slice(blankEnd, next).trim() !== '') break;
      blankEnd = next;
    }
    if (position.last) this.record(blankStart, end, '');
    else if (blankStart < start || position.first) this.record(start, blankEnd, '');
    else this.record(start, end, '');
  }

  /** End of a block entry's line span: after the line break of the line its content ends on. */
  private spanEnd(contentEnd: number): number {
    return nextLineStartAt(this.text, contentEnd);
  }

  private removeFlowItem(collection: Collection, index: number): void {
    const last = collection.items.length - 1;
    if (index < last) {
      this.record(
        this.flowItemStart(collection, index),
        this.flowItemStart(collection, index + 1),
        '',
      );
    } else {
      this.record(this.flowItemEnd(collection, index - 1), this.flowItemEnd(collection, index), '');
    }
  }

  // --- Moving --------------------------------------------------------------------------------------

  private moveFlowItem(sequence: YAMLSeq<unknown>, from: number, to: number): void {
    const moved = this.text.slice(
      this.flowItemStart(sequence, from),
      this.flowItemEnd(sequence, from),
    );
    this.removeFlowItem(sequence, from);
    if (to > from) {
      const end = this.flowItemEnd(sequence, to);
      this.recorded.push({ start: end, end, text: `, ${moved}` });
    } else {
      const start = this.flowItemStart(sequence, to);
      this.recorded.push({ start, end: start, text: `${moved}, ` });
    }
  }

  private moveBlockItem(sequence: YAMLSeq<unknown>, from: number, to: number): void {
    const span = (index: number) => {
      const dash = this.dashOffset(sequence, index);
      if (!isFirstOnLine(this.text, dash))
        refuse('This list starts on its parent line; it cannot be reordered');
      const item = sequence.items[index];
      const end = isNode(item) ? this.contentEnd(item) : dash + 1;
      return { start: this.blockSpanStart(dash), lineEnd: lineEndAt(this.text, end) };
    };
    const source = span(from);
    const target = span(to);
    const movedText = this.text.slice(source.start, source.lineEnd);
    const lineBreak = this.lineBreak;
    const sourceHasBreak = source.lineEnd < this.text.length;
    if (sourceHasBreak) {
      this.recorded.push({
        start: source.start,
        end: nextLineStartAt(this.text, source.lineEnd),
        text: '',
      });
    } else {
      // The moved item ends the file without a line break: take the break before it instead.
      const before = source.start - (this.text[source.start - 2] === '\r' ? 2 : 1);
      this.recorded.push({ start: before, end: source.lineEnd, text: '' });
    }
    if (to > from) {
      this.recorded.push({
        start: target.lineEnd,
        end: target.lineEnd,
        text: lineBreak + movedText,
      });
    } else {
      this.recorded.push({ start: target.start, end: target.start, text: movedText + lineBreak });
    }
  }
}
