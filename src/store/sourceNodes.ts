import {
  lineIndexAt,
  locate,
  type ParsedFile,
  type SourceRange,
  type TopologyNode,
} from '../engine';
import type { Derived } from './derive';

/** The ids of a node's parts (servers, rules, subsets, ports), as the canvas draws them. */
function partIdsOf(node: TopologyNode): readonly string[] {
  switch (node.type) {
    case 'loadBalancer':
    case 'service':
      return node.ports.map((port) => port.id);
    case 'gateway':
      return node.servers.map((server) => server.id);
    case 'virtualService':
      return node.rules.map((rule) => rule.id);
    case 'destinationRule':
      return node.subsets.map((subset) => subset.id);
    case 'serviceEntry':
    case 'workload':
    case 'missing':
      return [];
    default: {
      const unreachable: never = node;
      return unreachable;
    }
  }
}

/**
 * True when `offset` is on one of the lines `range` spans. Lines rather than offsets, because a
 * list item's range starts after its `- `, and the cursor on that dash is still on the item.
 */
function spansLineOf(range: SourceRange, line: number): boolean {
  return range.line <= line && line <= range.endLine;
}

function containsOffset(range: SourceRange, offset: number): boolean {
  return range.start <= offset && offset <= range.end;
}

/**
 * The range among `candidates` that holds `offset`: on its lines, and inside its offsets when
 * several share the line (flow style, `servers: [{...}, {...}]`).
 */
function pickAt<T extends { readonly range: SourceRange }>(
  candidates: readonly T[],
  offset: number,
  line: number,
): T | undefined {
  const onLine = candidates.filter((candidate) => spansLineOf(candidate.range, line));
  return onLine.find((candidate) => containsOffset(candidate.range, offset)) ?? onLine[0];
}

/** The document of `file` whose text holds `offset` (documents start at their `---` line). */
function documentIndexAt(file: ParsedFile, offset: number): number | undefined {
  const { documents } = file;
  let found: number | undefined;
  for (const document of documents) {
    if (document.offset > offset) break;
    found = document.index;
  }
  return found;
}

/**
 * The canvas node id of what the text at `offset` of `file` describes: the most specific part
 * (a Gateway server, a VirtualService rule, a DestinationRule subset, a Service port) when the
 * offset is inside one, else the resource (anywhere in its document, comments included); undefined
 * between resources or in a document Sailplan does not model. Used to select, from the editor's
 * cursor, the node the user is reading.
 */
export function nodeIdAtOffset(
  derived: Derived,
  offset: number,
  file: string | undefined = derived.design.files[0]?.name,
): string | undefined {
  const parsed = derived.design.files.find((candidate) => candidate.name === file);
  if (parsed === undefined) return undefined;
  const documentIndex = documentIndexAt(parsed, offset);
  if (documentIndex === undefined) return undefined;
  const line = lineIndexAt(parsed.lineStarts, offset) + 1;

  const inDocument = derived.design.model.resources.filter(
    (resource) =>
      resource.origin.file === parsed.name && resource.origin.documentIndex === documentIndex,
  );
  // One resource per document, unless the document is a `kind: List` of items.
  const located = inDocument.flatMap((resource) => {
    const range = locate(derived.design, resource.key);
    return range === undefined ? [] : [{ key: resource.key, range }];
  });
  const resource =
    inDocument.length === 1 && inDocument[0]?.origin.path.length === 0
      ? inDocument[0]
      : derived.design.model.byKey.get(pickAt(located, offset, line)?.key ?? '');
  if (resource === undefined) return undefined;

  const node = derived.topology.byId.get(resource.key);
  if (node === undefined) return resource.key;
  const parts = partIdsOf(node).flatMap((id) => {
    const range = locate(derived.design, id);
    return range === undefined ? [] : [{ id, range }];
  });
  return pickAt(parts, offset, line)?.id ?? resource.key;
}

/**
 * The source range of a selected node, part or edge id: the resource's document, the part's list
 * item, or for an edge the text that makes it (a route's destination, a mirror, else the reference
 * at its source). Undefined for what the YAML does not hold (placeholders, Istio's implicit
 * ingress).
 */
export function selectionRange(derived: Derived, id: string): SourceRange | undefined {
  const edge = derived.topology.edges.find((candidate) => candidate.id === id);
  if (edge === undefined) return locate(derived.design, id);
  const source = edge.sourcePart ?? edge.source;
  switch (edge.type) {
    case 'route':
      return locate(derived.design, source, ['route', edge.destinationIndex]);
    case 'mirror':
      return locate(derived.design, source, ['mirror']);
    default:
      return locate(derived.design, source);
  }
}
