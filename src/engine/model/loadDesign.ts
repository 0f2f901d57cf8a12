import type { SourceRange } from '../diagnostics';
import { parseFile } from '../yaml/parseFile';
import { rangeAt } from '../yaml/rangeAt';
import type { RangeOptions } from '../yaml/rangeAt';
import type { ParsedDocument, ParsedFile, SourceFile } from '../yaml/types';
import { buildModel } from './buildModel';
import type { Model, ResourceKey, YamlPath } from './types';

/** A design: its parsed files and the model built from them. */
export interface Design {
  readonly files: readonly ParsedFile[];
  readonly model: Model;
}

/**
 * Parses the sources and builds their model. With `previous` (the last version's design), files
 * are re-parsed per changed document and unchanged resources keep their identity.
 */
export function loadDesign(sources: readonly SourceFile[], previous?: Design): Design {
  const earlier = new Map<string, ParsedFile>();
  for (const file of previous?.files ?? []) earlier.set(file.name, file);
  const files = sources.map((source) => parseFile(source, earlier.get(source.name)));
  return { files, model: buildModel(files, previous?.model) };
}

/** The spec path of a part id suffix (`http/0`, `server/1`, ...), as the topology names parts. */
const PART_PATHS: Readonly<Record<string, string>> = {
  server: 'servers',
  http: 'http',
  tcp: 'tcp',
  tls: 'tls',
  subset: 'subsets',
  port: 'ports',
};

/**
 * The YAML path (from the resource) of a topology part id's suffix, e.g. `http/2` ->
 * `['spec', 'http', 2]`; undefined when it names no part.
 */
export function partPath(part: string): YamlPath | undefined {
  const match = /^([a-z]+)\/(\d+)$/.exec(part);
  if (match === null) return undefined;
  const field = PART_PATHS[match[1] ?? ''];
  return field === undefined ? undefined : ['spec', field, Number(match[2])];
}

/** The parsed document that holds the resource `key`; undefined when the design has none. */
export function documentOfResource(design: Design, key: ResourceKey): ParsedDocument | undefined {
  const resource = design.model.byKey.get(key);
  if (resource === undefined) return undefined;
  const file = design.files.find((candidate) => candidate.name === resource.origin.file);
  return file?.documents[resource.origin.documentIndex];
}

/**
 * The source range of a YAML path inside a resource (`locate(design, 'VirtualService/default/web',
 * ['spec', 'http', 0])`). `key` may also be a topology part id (`VirtualService/default/web#http/0`);
 * the path then continues from the part. A missing path falls back to its nearest existing ancestor;
 * undefined when the resource is not in the design.
 */
export function locate(
  design: Design,
  key: ResourceKey,
  path: YamlPath = [],
  options: RangeOptions = {},
): SourceRange | undefined {
  const hash = key.indexOf('#');
  const resourceKey = hash === -1 ? key : key.slice(0, hash);
  const prefix = hash === -1 ? [] : partPath(key.slice(hash + 1));
  if (prefix === undefined) return undefined;
  const resource = design.model.byKey.get(resourceKey);
  if (resource === undefined) return undefined;
  const file = design.files.find((candidate) => candidate.name === resource.origin.file);
  if (file === undefined) return undefined;
  return rangeAt(
    file,
    resource.origin.documentIndex,
    [...resource.origin.path, ...prefix, ...path],
    options,
  );
}
