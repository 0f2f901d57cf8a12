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

/** True for a plain mapping as `toJS` builds it (not a list, not a byte array from `!!binary`). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** An own property of a parsed mapping; never an inherited one such as `constructor`. */
export function ownField(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

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

/** True when a list item is of the item shape's kind (a scalar of its type, a map, a list). */
function itemHasKind(item: unknown, shape: Shape): boolean {
  switch (shape.type) {
    case 'string':
      return typeof item === 'string';
    case 'number':
      return typeof item === 'number' && Number.isFinite(item);
    case 'integer':
      return Number.isInteger(item);
    case 'boolean':
      return typeof item === 'boolean';
    case 'intOrString':
      return Number.isInteger(item) || typeof item === 'string';
    case 'enum':
      return typeof item === 'string' && shape.values.includes(item);
    case 'object':
    case 'loose':
    case 'map':
      return isPlainObject(item);
    case 'list':
      return Array.isArray(item);
    default: {
      const unreachable: never = shape;
      return unreachable;
    }
  }
}

/** Checks values against shapes, collecting problems with paths relative to a base path. */
export class ShapeChecker {
  readonly problems: ShapeProblem[] = [];

  /** Checks `value` found at `path`; returns the typed copy, or undefined when it is dropped. */
  check(value: unknown, shape: Shape, path: YamlPath): unknown {
    if (value === null || value === undefined) return undefined;
    switch (shape.type) {
      case 'string':
        return typeof value === 'string' ? value : this.reject(shape, path);
      case 'number':
        return typeof value === 'number' && Number.isFinite(value)
          ? value
          : this.reject(shape, path);
      case 'integer':
        return Number.isInteger(value) ? value : this.reject(shape, path);
      case 'boolean':
        return typeof value === 'boolean' ? value : this.reject(shape, path);
      case 'intOrString':
        return Number.isInteger(value) || typeof value === 'string'
          ? value
          : this.reject(shape, path);
      case 'enum':
        return typeof value === 'string' && shape.values.includes(value)
          ? value
          : this.reject(shape, path);
      case 'object':
        return this.checkObject(value, shape, path);
      case 'list':
        return this.checkList(value, shape.items, shape, path);
      case 'map':
        return this.checkMap(value, shape.values, shape, path);
      case 'loose':
        return isPlainObject(value) ? this.sanitise(value, path) : this.reject(shape, path);
      default: {
        const unreachable: never = shape;
        return unreachable;
      }
    }
  }

  private reject(shape: Shape, path: YamlPath, at: YamlPath = path): undefined {
    this.problems.push({
      kind: 'type',
      path: at,
      message: `${formatPath(path)} must be ${describeShape(shape)}`,
    });
    return undefined;
  }

  private forbidden(path: YamlPath, key: string): void {
    this.problems.push({
      kind: 'forbiddenKey',
      path: [...path, key],
      message: `${formatPath(path)}: the key ${key} is never a valid field and is ignored`,
    });
  }

  private checkObject(
    value: unknown,
    shape: Extract<Shape, { type: 'object' }>,
    path: YamlPath,
  ): unknown {
    if (!isPlainObject(value)) return this.reject(shape, path);
    const result: Record<string, unknown> = {};
    for (const key of FORBIDDEN_KEYS) {
      if (Object.hasOwn(value, key)) this.forbidden(path, key);
    }
    for (const [field, fieldShape] of Object.entries(shape.fields)) {
      if (!Object.hasOwn(value, field)) continue;
      const checked = this.check(value[field], fieldShape, [...path, field]);
      if (checked !== undefined) result[field] = checked;
    }
    if (shape.rest === 'loose') {
      for (const key of Object.keys(value)) {
        if (Object.hasOwn(shape.fields, key) || FORBIDDEN_KEYS.includes(key)) continue;
        const copied = this.sanitiseValue(value[key], [...path, key]);
        if (copied !== undefined) result[key] = copied;
      }
    }
    return result;
  }

  private checkList(value: unknown, items: Shape, shape: Shape, path: YamlPath): unknown {
    if (!Array.isArray(value)) return this.reject(shape, path);
    const result: unknown[] = [];
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const itemPath = [...path, index];
      // List positions are addresses (`http[2]`, part ids, edits), so an item of the wrong kind
      // drops the whole list rather than shifting the items after it.
      const wrongKind = !itemHasKind(item, items);
      if (wrongKind) return this.reject(shape, path, itemPath);
      result.push(this.check(item, items, itemPath));
    }
    return result;
  }

  private checkMap(value: unknown, values: Shape, shape: Shape, path: YamlPath): unknown {
    if (!isPlainObject(value)) return this.reject(shape, path);
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      if (key === '__proto__') {
        this.forbidden(path, key);
        continue;
      }
      const checked = this.check(value[key], values, [...path, key]);
      if (checked !== undefined) result[key] = checked;
    }
    return result;
  }

  private sanitise(value: Record<string, unknown>, path: YamlPath): Record<string, unknown> {
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.includes(key)) {
        this.forbidden(path, key);
        continue;
      }
      const copied = this.sanitiseValue(value[key], [...path, key]);
      if (copied !== undefined) result[key] = copied;
    }
    return result;
  }

  private sanitiseValue(value: unknown, path: YamlPath): unknown {
    if (Array.isArray(value)) {
      return value.map((item: unknown, index) => this.sanitiseValue(item, [...path, index]));
    }
    if (isPlainObject(value)) return this.sanitise(value, path);
    return value;
  }
}
