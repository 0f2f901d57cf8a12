import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { columnAt } from '../yaml/lines';
import type { ParsedDocument, ParsedFile } from '../yaml/types';

/** One file of an archive: its name and its text. */
export interface ArchiveEntry {
  readonly name: string;
  readonly text: string;
}

/**
 * Kinds that live outside namespaces: their files are named `kind-name.yaml`. Other kinds default
 * to the `default` namespace, as the model does.
 */
const CLUSTER_SCOPED_KINDS = new Set([
  'namespace',
  'node',
  'persistentvolume',
  'storageclass',
  'clusterrole',
  'clusterrolebinding',
  'customresourcedefinition',
  'mutatingwebhookconfiguration',
  'validatingwebhookconfiguration',
  'priorityclass',
  'ingressclass',
  'gatewayclass',
]);

const MAX_NAME_PART = 80;

/** A bare document-start line (`---`, maybe followed by spaces) at the very start of a text. */
const LEADING_MARKER = /^---[ \t]*\r?\n/;

/** Comment or blank lines at the start of a text. */
const LEADING_COMMENTS = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*/;

/**
 * One file per resource of a multi-document YAML file, each holding the resource's exact text
 * (comments included) as it stands in the source: a document's text without its `---` line, or a
 * `kind: List` item's text moved left to column 0. Files are named `kind-namespace-name.yaml` in
 * lower case (`kind-name.yaml` for cluster-scoped kinds); a document that names no resource becomes
 * `document-N.yaml`, so nothing of the text is left out. Empty documents are skipped.
 */
export function resourceFiles(file: ParsedFile): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  const used = new Set<string>();
  const add = (baseName: string, text: string) => {
    let name = `${baseName}.yaml`;
    for (let copy = 2; used.has(name); copy += 1) name = `${baseName}-${copy}.yaml`;
    used.add(name);
    entries.push({ name, text: text.endsWith('\n') ? text : `${text}\n` });
  };
  for (const parsed of file.documents) {
    const contents = parsed.document.contents;
    if (contents === null || !hasContent(parsed.text)) continue;
    const items = listItems(parsed);
    if (items !== undefined) {
      items.forEach((item, index) => {
        add(
          fileBaseName(item) ?? `document-${parsed.index + 1}-item-${index + 1}`,
          itemText(parsed, item),
        );
      });
      continue;
    }
    const named = isMap(contents) ? fileBaseName(contents) : undefined;
    add(named ?? `document-${parsed.index + 1}`, documentText(parsed.text));
  }
  return entries;
}

/** A zip of the entries (deflated), dated `modified`. */
export function zipEntries(entries: readonly ArchiveEntry[], modified: Date): Uint8Array {
  // A null-prototype object: no entry name can reach a prototype, whatever it is.
  const files: Zippable = Object.create(null) as Zippable;
  for (const entry of entries) files[entry.name] = [strToU8(entry.text), { mtime: modified }];
  return zipSync(files, { level: 6 });
}

/** True when the text holds more than blank lines, comments and document markers. */
function hasContent(text: string): boolean {
  return text
    .split('\n')
    .some((line) => !/^\s*(?:#.*)?$/.test(line) && !/^(?:---|\.\.\.)\s*(?:#.*)?$/.test(line));
}

/** The document's text without the `---` line that opens it (comments above it stay). */
function documentText(text: string): string {
  const comments = LEADING_COMMENTS.exec(text)?.[0] ?? '';
  const rest = text.slice(comments.length);
  const marker = LEADING_MARKER.exec(rest);
  return marker === null ? text : comments + rest.slice(marker[0].length);
}

/** The items of a `kind: *List` document, when each is a block or flow map with a source range. */
function listItems(parsed: ParsedDocument): YAMLMap[] | undefined {
  const contents = parsed.document.contents;
  if (!isMap(contents)) return undefined;
  const kind = scalarString(contents.get('kind', true));
  const items = contents.get('items', true);
  if (kind === undefined || !kind.endsWith('List') || !isSeq(items)) return undefined;
  const maps: YAMLMap[] = [];
  for (const item of items.items) {
    if (!isMap(item) || item.range === undefined || item.range === null) return undefined;
    maps.push(item);
  }
  return maps;
}

/** A list item's own text, moved left so that it starts at column 0 like a document. */
function itemText(parsed: ParsedDocument, item: YAMLMap): string {
  const range = item.range;
  if (range === undefined || range === null) return '';
  const text = parsed.text;
  const start = range[0];
  const indent = columnAt(text, start);
  const lines = text.slice(start, range[1]).replace(/\s+$/, '').split('\n');
  return lines
    .map((line, index) => {
      if (index === 0) return line;
      const leading = /^ */.exec(line)?.[0].length ?? 0;
      return line.slice(Math.min(leading, indent));
    })
    .join('\n');
}

/** `kind-namespace-name` of a resource map, or undefined when it has no kind or no name. */
function fileBaseName(map: YAMLMap): string | undefined {
  const kind = scalarString(map.get('kind', true));
  const metadata = map.get('metadata', true);
  const name = isMap(metadata) ? scalarString(metadata.get('name', true)) : undefined;
  if (kind === undefined || name === undefined) return undefined;
  const namespace = isMap(metadata) ? scalarString(metadata.get('namespace', true)) : undefined;
  const kindPart = namePart(kind);
  if (CLUSTER_SCOPED_KINDS.has(kindPart)) return `${kindPart}-${namePart(name)}`;
  return `${kindPart}-${namePart(namespace ?? 'default')}-${namePart(name)}`;
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node as Node)) return undefined;
  const value = (node as { value: unknown }).value;
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * A safe file-name part: lower case, only `a-z 0-9 . -` (so no `/`, `\` or `..` path can be
 * formed), without dots or dashes at either end, at most 80 characters.
 */
function namePart(text: string): string {
  const safe = text
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .slice(0, MAX_NAME_PART)
    .replace(/^[.-]+|[.-]+$/g, '');
  return safe === '' ? 'unnamed' : safe;
}
