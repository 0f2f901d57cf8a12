import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, YAMLMap, YAMLSeq } from 'yaml';
import { resolveAlias } from '../yaml/aliases';
import { nodeRange } from '../yaml/rangeAt';
import type { YamlPath } from './types';

/**
 * The expected type of a field, as a small schema: enough to check what the YAML holds before the
 * model hands it on typed. Objects list their known fields; unknown fields are left in the text and
 * out of the model (unless `rest: 'loose'` keeps them, sanitised).
 */
export type Shape =
  | { readonly type: 'string' }
  | { readonly type: 'number' }
  | { readonly type: 'integer' }
  | { readonly type: 'boolean' }
  | { readonly type: 'intOrString' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | {
      readonly type: 'object';
      readonly fields: Readonly<Record<string, Shape>>;
      readonly rest?: 'loose';
    }
  | { readonly type: 'list'; readonly items: Shape }
  | { readonly type: 'map'; readonly values: Shape }
  | { readonly type: 'loose' };

/** A problem found while checking a value against its shape. */
export interface ShapeProblem {
  readonly kind: 'type' | 'forbiddenKey';
  /** Path of the offending value (or key), relative to where the check started. */
  readonly path: YamlPath;
  /** Human text: `spec.hosts must be a list of strings`. */
  readonly message: string;
  /** Range of the offending value relative to the document's text (a one-line head). */
  readonly start: number;
  readonly end: number;
}

/** Keys that can never be a field and that would reach an object's prototype if assigned. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Builders for shapes, so schemas read like the API reference. */
export const shapes = {
  string: { type: 'string' },
  number: { type: 'number' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  intOrString: { type: 'intOrString' },
  loose: { type: 'loose' },
  enumOf: (values: readonly string[]): Shape => ({ type: 'enum', values }),
  object: (fields: Readonly<Record<string, Shape>>, rest?: 'loose'): Shape =>
    rest === undefined ? { type: 'object', fields } : { type: 'object', fields, rest },
  list: (items: Shape): Shape => ({ type: 'list', items }),
  map: (values: Shape): Shape => ({ type: 'map', values }),
} as const satisfies Record<string, Shape | ((...args: never[]) => Shape)>;

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `spec.http[0].headers["x-user"]`: a YAML path written the way people read it. */
export function formatPath(path: YamlPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

function plural(shape: Shape): string {
  switch (shape.type) {
    case 'string':
      return 'strings';
    case 'number':
      return 'numbers';
    case 'integer':
      return 'integers';
    case 'boolean':
      return 'true/false values';
    case 'intOrString':
      return 'integers or strings';
    case 'enum':
      return `values among ${shape.values.join(', ')}`;
    case 'object':
    case 'loose':
    case 'map':
      return 'maps';
    case 'list':
      return 'lists';
    default: {
      const unreachable: never = shape;
      return unreachable;
    }
  }
}

/** What a value of this shape must be, completing "… must be ___". */
export function describeShape(shape: Shape): string {
  switch (shape.type) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'integer':
      return 'an integer';
    case 'boolean':
      return 'true or false';
    case 'intOrString':
      return 'an integer or a string';
    case 'enum':
      return `one of ${shape.values.join(', ')}`;
    case 'object':
    case 'loose':
      return 'a map';
    case 'list':
      return `a list of ${plural(shape.items)}`;
    case 'map':
      return `a map of ${plural(shape.values)}`;
    default: {
      const unreachable: never = shape;
      return unreachable;
    }
  }
}

/** True when a (resolved) list item node is of the item shape's kind. */
function itemHasKind(item: unknown, shape: Shape): boolean {
  if (!isScalar(item)) {
    if (isMap(item))
      return shape.type === 'object' || shape.type === 'loose' || shape.type === 'map';
    return isSeq(item) && shape.type === 'list';
  }
  return scalarFits(item.value, shape);
}

/** True when a scalar value has the shape's (scalar) type. */
function scalarFits(value: unknown, shape: Shape): boolean {
  switch (shape.type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'intOrString':
      return Number.isInteger(value) || typeof value === 'string';
    case 'enum':
      return typeof value === 'string' && shape.values.includes(value);
    case 'object':
    case 'loose':
    case 'map':
    case 'list':
      return false;
    default: {
      const unreachable: never = shape;
      return unreachable;
    }
  }
}

/** Thrown when a document makes the checker follow too many aliases; the document is refused. */
export class AliasLimitError extends Error {}

/** Most aliases one document's shape checks may follow (each follow re-reads the anchored node). */
export const MAX_ALIAS_RESOLUTIONS = 1000;

/** A key of a YAML map, its key node, and its value node (merge keys already applied). */
export interface MapEntry {
  readonly key: string;
  readonly keyNode: Node;
  readonly value: unknown;
}

function keyText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return '';
  return undefined;
}

/**
 * Checks YAML nodes against shapes and builds the typed values, straight from the `yaml` Document
 * (no `toJS` pass): only modelled fields are visited, and a problem's range is its node's. Follows
 * aliases (counted against a per-document budget) and `<<` merge keys as kubectl does.
 */
export class ShapeChecker {
  readonly problems: ShapeProblem[] = [];
  private readonly path: (string | number)[] = [];
  private readonly document: Document;
  private readonly text: string;
  private readonly aliasBudget: { remaining: number };

  constructor(document: Document, text: string, aliasBudget: { remaining: number }) {
    this.document = document;
    this.text = text;
    this.aliasBudget = aliasBudget;
  }

  /** The node an alias points at (following chains); other values as they are. */
  resolve(node: unknown): unknown {
    let current = node;
    while (isAlias(current)) {
      this.aliasBudget.remaining -= 1;
      if (this.aliasBudget.remaining < 0) throw new AliasLimitError('too many aliases');
      current = resolveAlias(this.document, current);
    }
    return current;
  }

  /** The entries of a map node, with `<<` merges filling keys the map does not set itself. */
  entries(map: YAMLMap): MapEntry[] {
    const result: MapEntry[] = [];
    this.forEachEntry(map, (key, keyNode, value) => {
      result.push({ key, keyNode, value });
    });
    return result;
  }

  /**
   * Visits the entries of a map node without building them: the map's own keys in order, then keys
   * that `<<` merges add (earlier sources first). Skips keys that are not scalars.
   */
  forEachEntry(map: YAMLMap, visit: (key: string, keyNode: Node, value: unknown) => void): void {
    let merges: unknown[] | undefined;
    for (const pair of map.items) {
      const keyNode = pair.key;
      if (!isScalar(keyNode)) continue;
      const raw = keyNode.value;
      if (typeof raw === 'symbol') {
        (merges ??= []).push(pair.value);
        continue;
      }
      const key = typeof raw === 'string' ? raw : keyText(raw);
      if (key !== undefined) visit(key, keyNode, pair.value);
    }
    if (merges === undefined) return;
    const seen = new Set<string>();
    for (const pair of map.items) {
      if (isScalar(pair.key) && typeof pair.key.value !== 'symbol') {
        const key = keyText(pair.key.value);
        if (key !== undefined) seen.add(key);
      }
    }
    for (const merge of merges) {
      const source = this.resolve(merge);
      const sources = isSeq(source) ? source.items.map((item) => this.resolve(item)) : [source];
      for (const candidate of sources) {
        if (!isMap(candidate)) continue;
        this.forEachEntry(candidate, (key, keyNode, value) => {
          if (seen.has(key)) return;
          seen.add(key);
          visit(key, keyNode, value);
        });
      }
    }
  }

  /** Checks one field's value (found under `key`); returns the typed value or undefined. */
  field(entry: MapEntry | undefined, shape: Shape): unknown {
    if (entry === undefined) return undefined;
    return this.keyed(entry.key, entry.keyNode, entry.value, shape);
  }

  private keyed(key: string, keyNode: Node, value: unknown, shape: Shape): unknown {
    this.path.push(key);
    const checked = this.check(value, keyNode, shape);
    this.path.pop();
    return checked;
  }

  private check(node: unknown, keyNode: Node | undefined, shape: Shape): unknown {
    const resolved = this.resolve(node);
    if (resolved === null || resolved === undefined) return undefined;
    if (isScalar(resolved)) {
      const value = resolved.value;
      if (value === null || value === undefined) return undefined;
      return scalarFits(value, shape) ? value : this.reject(shape, resolved, keyNode);
    }
    switch (shape.type) {
      case 'object':
        return isMap(resolved)
          ? this.checkObject(resolved, shape)
          : this.reject(shape, resolved, keyNode);
      case 'list':
        return isSeq(resolved)
          ? this.checkList(resolved, shape, keyNode)
          : this.reject(shape, resolved, keyNode);
      case 'map':
        return isMap(resolved)
          ? this.checkMap(resolved, shape.values)
          : this.reject(shape, resolved, keyNode);
      case 'loose':
        return isMap(resolved) ? this.loose(resolved) : this.reject(shape, resolved, keyNode);
      case 'string':
      case 'number':
      case 'integer':
      case 'boolean':
      case 'intOrString':
      case 'enum':
        return this.reject(shape, resolved, keyNode);
      default: {
        const unreachable: never = shape;
        return unreachable;
      }
    }
  }

  private reject(
    shape: Shape,
    node: unknown,
    keyNode: Node | undefined,
    itemIndex?: number,
  ): undefined {
    const [start, end] = nodeRange(this.text, node as Node, keyNode, 'head');
    this.problems.push({
      kind: 'type',
      path: itemIndex === undefined ? [...this.path] : [...this.path, itemIndex],
      message: `${formatPath(this.path)} must be ${describeShape(shape)}`,
      start,
      end,
    });
    return undefined;
  }

  private forbidden(key: string, keyNode: Node): void {
    const [start, end] = nodeRange(this.text, keyNode, undefined, 'head');
    this.problems.push({
      kind: 'forbiddenKey',
      path: [...this.path, key],
      message: `${formatPath(this.path)}: the key ${key} is never a valid field and is ignored`,
      start,
      end,
    });
  }

  private checkObject(map: YAMLMap, shape: Extract<Shape, { type: 'object' }>): unknown {
    const result: Record<string, unknown> = {};
    const fields = shape.fields;
    this.forEachEntry(map, (key, keyNode, value) => {
      if (Object.hasOwn(fields, key)) {
        const checked = this.keyed(key, keyNode, value, fields[key] as Shape);
        if (checked !== undefined) result[key] = checked;
      } else if (FORBIDDEN_KEYS.includes(key)) {
        this.forbidden(key, keyNode);
      } else if (shape.rest === 'loose') {
        this.path.push(key);
        const resolved = this.resolve(value);
        const copied = isMap(resolved) ? this.loose(resolved) : this.plain(resolved);
        this.path.pop();
        if (copied !== undefined) result[key] = copied;
      }
    });
    return result;
  }

  private checkList(
    seq: YAMLSeq,
    shape: Extract<Shape, { type: 'list' }>,
    keyNode: Node | undefined,
  ): unknown {
    const result: unknown[] = [];
    for (let index = 0; index < seq.items.length; index += 1) {
      const item = this.resolve(seq.items[index]);
      // List positions are addresses (`http[2]`, part ids, edits), so an item of the wrong kind
      // drops the whole list rather than shifting the items after it.
      if (!itemHasKind(item, shape.items) || (isScalar(item) && item.value === null)) {
        return this.reject(shape, item ?? seq, item === undefined ? keyNode : undefined, index);
      }
      this.path.push(index);
      result.push(this.check(item, undefined, shape.items));
      this.path.pop();
    }
    return result;
  }

  private checkMap(map: YAMLMap, values: Shape): unknown {
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    this.forEachEntry(map, (key, keyNode, value) => {
      if (key === '__proto__') {
        this.forbidden(key, keyNode);
        return;
      }
      const checked = this.keyed(key, keyNode, value, values);
      if (checked !== undefined) result[key] = checked;
    });
    return result;
  }

  /** A loosely typed map, copied into prototype-free objects without forbidden keys. */
  private loose(map: YAMLMap): Record<string, unknown> {
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    this.forEachEntry(map, (key, keyNode, value) => {
      if (FORBIDDEN_KEYS.includes(key)) {
        this.forbidden(key, keyNode);
        return;
      }
      this.path.push(key);
      const resolved = this.resolve(value);
      const copied = isMap(resolved) ? this.loose(resolved) : this.plain(resolved);
      this.path.pop();
      if (copied !== undefined) result[key] = copied;
    });
    return result;
  }

  private plain(node: unknown): unknown {
    if (isScalar(node)) return node.value ?? undefined;
    if (isSeq(node)) {
      return node.items.map((item, index) => {
        this.path.push(index);
        const resolved = this.resolve(item);
        const copied = isMap(resolved) ? this.loose(resolved) : this.plain(resolved);
        this.path.pop();
        return copied;
      });
    }
    return undefined;
  }
}
