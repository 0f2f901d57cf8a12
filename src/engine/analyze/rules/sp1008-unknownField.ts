import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import { formatPath } from '../../model';
import { resolveAlias } from '../../yaml/aliases';
import { lookupPath } from '../../yaml/rangeAt';
import { KNOWN_SPEC_FIELDS } from '../knownFields.generated';
import { ANY_KEY } from '../knownFieldsFromCrds';
import type { KnownFields } from '../knownFieldsFromCrds';
import type { Finding, ResourceRule } from '../types';

/** Most aliases one resource's walk follows: aliases can multiply a small text's nodes. */
const MAX_ALIASES = 1000;
/** How deep `<<` merges are followed, as `locate` follows them. */
const MAX_MERGE_DEPTH = 4;
/** A suggestion is at most this many edits away (and under half the written name's length). */
const MAX_SUGGESTION_DISTANCE = 2;

/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
 * swaps of two neighbours), or `limit + 1` once it is sure to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** The known sibling closest to a misspelt field, when one is close enough to be meant. */
function suggestion(written: string, known: KnownFields): string | undefined {
  let best: string | undefined;
  let bestDistance = MAX_SUGGESTION_DISTANCE + 1;
  for (const field of Object.keys(known)) {
    const distance = editDistance(written, field, bestDistance - 1);
    if (distance < bestDistance && distance * 2 < written.length) {
      best = field;
      bestDistance = distance;
    }
  }
  return best;
}

function keyText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Walks a spec's YAML nodes once, down the known-field tree only (a map with free keys or a
 * value Istio keeps as it is ends the walk), and calls `unknown` for each field the tree lacks.
 */
class UnknownFieldWalker {
  private readonly path: (string | number)[] = ['spec'];
  private aliasesLeft = MAX_ALIASES;
  private readonly document: Document;
  private readonly unknown: (path: readonly (string | number)[], known: KnownFields) => void;

  constructor(
    document: Document,
    unknown: (path: readonly (string | number)[], known: KnownFields) => void,
  ) {
    this.document = document;
    this.unknown = unknown;
  }

  value(node: unknown, known: KnownFields): void {
    let resolved = node;
    while (isAlias(resolved)) {
      this.aliasesLeft -= 1;
      if (this.aliasesLeft < 0) return;
      resolved = resolveAlias(this.document, resolved);
    }
    if (isSeq(resolved)) {
      resolved.items.forEach((item, index) => {
        this.path.push(index);
        this.value(item, known);
        this.path.pop();
      });
    } else if (isMap(resolved)) {
      this.map(resolved, known, 0);
    }
  }

  private map(map: YAMLMap, known: KnownFields, mergeDepth: number): void {
    const anyKey = Object.hasOwn(known, ANY_KEY) ? known[ANY_KEY] : undefined;
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue;
      if (typeof pair.key.value === 'symbol' || pair.key.source === '<<') {
        if (mergeDepth < MAX_MERGE_DEPTH) this.merged(pair.value, known, mergeDepth + 1);
        continue;
      }
      const name = keyText(pair.key.value);
      if (name === undefined) continue;
      this.path.push(name);
      if (anyKey !== undefined) {
        if (anyKey !== 0) this.value(pair.value, anyKey);
      } else if (!Object.hasOwn(known, name)) {
        this.unknown(this.path, known);
      } else {
        const fields = known[name];
        if (fields !== undefined && fields !== 0) this.value(pair.value, fields);
      }
      this.path.pop();
    }
  }

  /** The maps a `<<` merge key brings in: their fields count as the map's own. */
  private merged(node: unknown, known: KnownFields, mergeDepth: number): void {
    let resolved = node;
    while (isAlias(resolved)) {
      this.aliasesLeft -= 1;
      if (this.aliasesLeft < 0) return;
      resolved = resolveAlias(this.document, resolved);
    }
    if (isMap(resolved)) this.map(resolved, known, mergeDepth);
    else if (isSeq(resolved)) {
      for (const item of resolved.items) this.merged(item, known, mergeDepth);
    }
  }
}

/**
 * SP1008: a field Istio's API does not have under a Gateway's, VirtualService's, DestinationRule's
 * or ServiceEntry's `spec` (`gatways`, `uri: {prefx: /a}`, `wieght: 5`). The API server prunes it
 * without a word, so the resource behaves as if it were not written. The known fields are those of
 * Istio's CRD schemas (knownFields.generated.ts).
 */
export const unknownFieldRule: ResourceRule = {
  scope: 'resource',
  id: 'sp1008-unknownField',
  codes: ['SP1008'],
  check(resource, report, source) {
    const known = KNOWN_SPEC_FIELDS[resource.kind];
    if (known === undefined) return;
    const document = source.document(resource);
    if (document === undefined) return;
    const spec = lookupPath(document, [...resource.origin.path, 'spec']);
    if (spec.depth !== resource.origin.path.length + 1) return;
    new UnknownFieldWalker(document, (path, siblings) => {
      const field = String(path[path.length - 1]);
      const meant = suggestion(field, siblings);
      const finding: Finding = {
        code: 'SP1008',
        level: 'warning',
        message: `Unknown field ${JSON.stringify(field)} in ${formatPath(path.slice(0, -1))}: Istio drops it${meant === undefined ? '' : ` (did you mean ${JSON.stringify(meant)}?)`}`,
        resource: resource.key,
        path: [...path],
      };
      report(finding);
    }).value(spec.node, known);
  },
};
