import { parseAllDocuments } from 'yaml';

/**
 * The fields an object of Istio's API knows, by name: each maps to the fields of its value (lists
 * stand for their items), or to 0 when the value is not checked further (a scalar, a map with free
 * keys and scalar values, `x-kubernetes-preserve-unknown-fields`). A map whose values are objects
 * has the one entry `*` (`ANY_KEY`): every key is free and its value has those fields.
 */
export type KnownFields = { readonly [field: string]: KnownFields | 0 };

/** The key of a `KnownFields` standing for any key of a map (`headers`, `labels`). */
export const ANY_KEY = '*';

/** The Istio kinds whose `spec` fields are known, from `schemas/istio-networking-crds.yaml`. */
export const KNOWN_FIELD_KINDS = [
  'Gateway',
  'VirtualService',
  'DestinationRule',
  'ServiceEntry',
] as const;

type Tree = { [field: string]: Tree | 0 };
type Schema = { readonly [keyword: string]: unknown };

function isRecord(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Two versions' fields together; a value left unchecked in either stays unchecked. */
function union(a: Tree | 0 | undefined, b: Tree | 0): Tree | 0 {
  if (a === undefined) return b;
  if (a === 0 || b === 0) return 0;
  const merged: Tree = { ...a };
  for (const [name, fields] of Object.entries(b)) merged[name] = union(merged[name], fields);
  return merged;
}

/**
 * The known fields of an OpenAPI schema node as the API server prunes with it: `properties` (and
 * those of `oneOf`/`anyOf`/`allOf` branches) are the fields; `additionalProperties` makes keys
 * free; `x-kubernetes-preserve-unknown-fields` keeps everything below.
 */
function fieldsOf(schema: unknown): Tree | 0 {
  if (!isRecord(schema) || schema['x-kubernetes-preserve-unknown-fields'] === true) return 0;
  if (isRecord(schema.items)) return fieldsOf(schema.items);
  let tree: Tree | undefined;
  const branches = [schema, ...['oneOf', 'anyOf', 'allOf'].flatMap((keyword) => schema[keyword])];
  for (const branch of branches) {
    if (!isRecord(branch) || !isRecord(branch.properties)) continue;
    tree ??= {};
    for (const [name, property] of Object.entries(branch.properties)) {
      const fields = union(tree[name], fieldsOf(property));
      tree[name] = fields;
    }
  }
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    if (tree !== undefined) return 0;
    const values = fieldsOf(schema.additionalProperties);
    return values === 0 ? 0 : { [ANY_KEY]: values };
  }
  return tree ?? 0;
}

/**
 * The known `spec` fields of Gateway, VirtualService, DestinationRule and ServiceEntry from a YAML
 * stream of Istio's CustomResourceDefinitions: the union of every served version's schema.
 */
export function knownFieldsFromCrds(crdsYaml: string): Record<string, KnownFields> {
  const byKind: Record<string, Tree> = {};
  for (const document of parseAllDocuments(crdsYaml)) {
    const crd: unknown = document.toJS();
    if (!isRecord(crd) || crd.kind !== 'CustomResourceDefinition' || !isRecord(crd.spec)) continue;
    const { names, versions } = crd.spec;
    if (!isRecord(names) || !Array.isArray(versions)) continue;
    const kind = names.kind;
    if (!(KNOWN_FIELD_KINDS as readonly unknown[]).includes(kind) || typeof kind !== 'string') {
      continue;
    }
    for (const version of versions) {
      if (!isRecord(version) || version.served === false || !isRecord(version.schema)) continue;
      const openApi = version.schema.openAPIV3Schema;
      if (!isRecord(openApi) || !isRecord(openApi.properties)) continue;
      const fields = union(byKind[kind], fieldsOf(openApi.properties.spec));
      // A spec that preserves unknown fields, or has none, leaves nothing to check.
      byKind[kind] = fields === 0 ? {} : fields;
    }
  }
  return byKind;
}
