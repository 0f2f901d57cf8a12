/**
 * Typed reads from the loosely typed parts of the model (DestinationRule traffic policies are kept
 * as plain records). A value of the wrong type reads as absent: the model reports the shape problem.
 */

/** A plain record, or undefined. */
export type LooseRecord = Readonly<Record<string, unknown>>;

/** The record at `key`, or undefined when absent or not an object. */
export function recordAt(source: LooseRecord | undefined, key: string): LooseRecord | undefined {
  const value = source?.[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as LooseRecord)
    : undefined;
}

/** The number at `key`, or undefined. */
export function numberAt(source: LooseRecord | undefined, key: string): number | undefined {
  const value = source?.[key];
  return typeof value === 'number' ? value : undefined;
}

/** The string at `key`, or undefined. */
export function stringAt(source: LooseRecord | undefined, key: string): string | undefined {
  const value = source?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The boolean at `key`, or undefined. */
export function booleanAt(source: LooseRecord | undefined, key: string): boolean | undefined {
  const value = source?.[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** The array at `key`, or an empty array. */
export function arrayAt(source: LooseRecord | undefined, key: string): readonly unknown[] {
  const value = source?.[key];
  return Array.isArray(value) ? value : [];
}

/** True when `key` is present with any value other than undefined or null. */
export function has(source: LooseRecord | undefined, key: string): boolean {
  const value = source?.[key];
  return value !== undefined && value !== null;
}
