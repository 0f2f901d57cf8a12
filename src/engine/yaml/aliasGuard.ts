import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import { resolveAlias } from './aliases';

/** Most nodes that aliases may add to a document when it is expanded (billion-laughs guard). */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * True when expanding the document's aliases would add more than `limit` nodes (a "billion laughs"
 * document). Counts without expanding: each node's expanded size is computed once and reused, so
 * the walk is linear in the document. The `yaml` package would only notice at `toJS` time (its
 * maxAliasCount), and Sailplan's model never calls `toJS` on a whole document, so the parse flags
 * such documents itself and every consumer skips them.
 */
export function exceedsAliasExpansion(document: Document, limit = MAX_ALIAS_EXPANSION): boolean {
  const sizes = new Map<unknown, number>();
  let plainNodes = 0;
  const sizeOf = (node: unknown, depth: number): number => {
    if (node === null || node === undefined || depth > 1000) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    // A node under construction that is reached again is an alias cycle: count it once.
    sizes.set(node, 1);
    let size = 1;
    if (isAlias(node)) {
      size = sizeOf(resolveAlias(document, node), depth + 1);
    } else {
      plainNodes += 1;
      if (isMap(node) || isSeq(node)) {
        for (const item of node.items) {
          if (isPair(item)) size += sizeOf(item.key, depth + 1) + sizeOf(item.value, depth + 1);
          else size += sizeOf(item, depth + 1);
          if (size > plainNodes + limit) break;
        }
      } else if (!isScalar(node)) {
        size = 1;
      }
    }
    sizes.set(node, size);
    return size;
  };
  return sizeOf(document.contents, 0) - plainNodes > limit;
}
