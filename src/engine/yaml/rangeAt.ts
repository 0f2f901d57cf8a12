import { isAlias, isCollection, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { SourceRange } from '../diagnostics';
import type { YamlPath } from '../model/types';
import { resolveAlias } from './aliases';
import { lineEndAt, trimEndOffset } from './lines';
import { toSourceRange } from './lineIndex';
import type { ParsedFile } from './types';

/** What part of the node at a path a range covers. */
export type RangeTarget = 'node' | 'head';

/** Options of `rangeAt`. */
export interface RangeOptions {
  /**
   * `node` (default): the whole value. `head`: one line that names it: a scalar's value, else the
   * key and the rest of its line (`hosts: [a, b]`, or `http:` above a block list), else the first
   * line of the value. Diagnostics use `head` so a marker never spans a whole block.
   */
  readonly target?: RangeTarget;
}

/** The result of walking a YAML path through a document. */
export interface PathLookup {
  /** The deepest node reached (undefined when the path stopped at a key without a value). */
  readonly node: Node | undefined;
  /** The key of the pair holding `node`, when it is a map value. */
  readonly key: Node | undefined;
  /** How many path segments were resolved; `path.length` when the whole path exists. */
  readonly depth: number;
}

const MAX_MERGE_DEPTH = 4;

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.source === '<<');
}

function keyMatches(key: unknown, segment: string | number): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  if (typeof value === 'string') return value === String(segment);
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value) === String(segment);
  }
  return false;
}

function resolved(document: Document, node: unknown): Node | undefined {
  if (isAlias(node)) return resolveAlias(document, node);
  return (node ?? undefined) as Node | undefined;
}

function findPair(
  document: Document,
  map: Node,
  segment: string | number,
  depth: number,
): Pair<unknown, unknown> | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (keyMatches(pair.key, segment)) return pair;
  }
  if (depth >= MAX_MERGE_DEPTH) return undefined;
  // `<<: *base` (or a list of aliases) supplies keys the map does not write itself.
  for (const pair of map.items) {
    if (!isMergeKey(pair.key)) continue;
    const source = resolved(document, pair.value);
    const sources = isSeq(source) ? source.items.map((item) => resolved(document, item)) : [source];
    for (const candidate of sources) {
      if (candidate === undefined) continue;
      const found = findPair(document, candidate, segment, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Walks `path` from the document's root, following aliases and merge keys. Stops at the first
 * segment that does not exist, so `depth` tells how much of the path was found.
 */
export function lookupPath(document: Document, path: YamlPath): PathLookup {
  let node = (document.contents ?? undefined) as Node | undefined;
  let key: Node | undefined;
  let depth = 0;
  for (const segment of path) {
    const current = resolved(document, node);
    if (current === undefined) break;
    if (isMap(current)) {
      const pair = findPair(document, current, segment, 0);
      if (pair === undefined) break;
      key = (pair.key ?? undefined) as Node | undefined;
      node = (pair.value ?? undefined) as Node | undefined;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment];
      if (item === undefined) break;
      key = undefined;
      node = (item ?? undefined) as Node | undefined;
    } else {
      break;
    }
    depth += 1;
  }
  return { node, key, depth };
}

/** `[start, end)` trimmed of trailing white space (block values end after their last newline). */
function trimEnd(text: string, start: number, end: number): [number, number] {
  return [start, trimEndOffset(text, start, end)];
}

/**
 * The range of a node (with the key of the pair that holds it, if any) relative to its document's
 * text, as `target` asks. Without a node (or for `key:` with nothing after it) the key's range;
 * with neither, the first line from `fallbackStart`.
 */
export function nodeRange(
  text: string,
  node: Node | undefined,
  key: Node | undefined,
  target: RangeTarget = 'node',
  fallbackStart = 0,
): [number, number] {
  const keyRange = key?.range ?? undefined;
  // `key:` with nothing after it holds an empty null scalar: point at the key instead.
  const isEmptyValue = isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
  const valueRange = isEmptyValue ? undefined : (node?.range ?? undefined);
  if (valueRange === undefined) {
    if (keyRange !== undefined) return trimEnd(text, keyRange[0], keyRange[1]);
    const start = Math.max(0, fallbackStart);
    return [start, lineEndAt(text, start)];
  }
  if (target === 'node' || !isCollection(node)) {
    return trimEnd(text, valueRange[0], valueRange[1]);
  }
  const start = keyRange?.[0] ?? valueRange[0];
  return trimEnd(text, start, Math.min(lineEndAt(text, start), Math.max(valueRange[1], start)));
}

/**
 * The range of the node at `path` relative to the document's own text (as the `yaml` package's
 * ranges are). A missing path gives the range of the nearest existing ancestor's key (or value).
 */
export function localRangeAt(
  document: Document,
  text: string,
  path: YamlPath,
  options: RangeOptions = {},
): [number, number] {
  const { node, key } = lookupPath(document, path);
  return nodeRange(text, node, key, options.target ?? 'node', document.range?.[0] ?? 0);
}

/**
 * The SourceRange of a YAML path in one document of a parsed file (paths as the `yaml` package's
 * `getIn` takes them, e.g. `['spec', 'http', 0, 'route']`). A missing field points at the nearest
 * existing ancestor (its key when it has one). Undefined only when the document does not exist.
 */
export function rangeAt(
  file: ParsedFile,
  documentIndex: number,
  path: YamlPath,
  options: RangeOptions = {},
): SourceRange | undefined {
  const parsed = file.documents[documentIndex];
  if (parsed === undefined) return undefined;
  const [start, end] = localRangeAt(parsed.tree, parsed.text, path, options);
  return toSourceRange(file.name, file.lineStarts, parsed.offset + start, parsed.offset + end);
}
