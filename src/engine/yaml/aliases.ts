import { isAlias, visit } from 'yaml';
import type { Alias, Document, Node } from 'yaml';

const tables = new WeakMap<Document, ReadonlyMap<Alias, Node | undefined>>();

/**
 * What every alias of a document points at, found in one walk in document order: an alias names
 * the last node anchored with its name before it, as `Alias.resolve` defines it. `Alias.resolve`
 * walks the whole document on every call, so following n aliases that way took time n × the
 * document's size (20,000 aliases of one anchor: 90 s). Documents are never mutated once parsed,
 * so the table is made once per Document.
 */
function aliasTable(document: Document): ReadonlyMap<Alias, Node | undefined> {
  const known = tables.get(document);
  if (known !== undefined) return known;
  const table = new Map<Alias, Node | undefined>();
  const anchored = new Map<string, Node>();
  visit(document, {
    Node: (_key, node) => {
      if (isAlias(node)) table.set(node, anchored.get(node.source));
      else if (node.anchor !== undefined) anchored.set(node.anchor, node);
    },
  });
  tables.set(document, table);
  return table;
}

/** The node `alias` points at in `document` (itself possibly an alias), or undefined. */
export function resolveAlias(document: Document, alias: Alias): Node | undefined {
  const table = aliasTable(document);
  return table.has(alias) ? table.get(alias) : alias.resolve(document);
}

/** The aliases of a document that name no anchor defined before them, in document order. */
export function unresolvedAliases(document: Document): Alias[] {
  const unresolved: Alias[] = [];
  for (const [alias, target] of aliasTable(document)) {
    if (target === undefined) unresolved.push(alias);
  }
  return unresolved;
}
