import type { JSONSchema } from 'monaco-yaml';
import { parseAllDocuments } from 'yaml';

/**
 * A node of a CustomResourceDefinition's `openAPIV3Schema`: OpenAPI v3's schema object as
 * Kubernetes restricts it (structural), with its `x-kubernetes-*` extensions.
 */
export type OpenApiSchema = { readonly [keyword: string]: unknown };

/** The JSON schema of one resource kind, for the apiVersions that share it. */
export interface ResourceSchema {
  readonly kind: string;
  readonly apiVersions: readonly string[];
  readonly schema: JSONSchema;
}

/**
 * OpenAPI formats with a JSON Schema meaning that yaml-language-server checks. The others
 * (`int32`, `int64`, `double`, `float`, `byte`) only describe the wire encoding and are dropped.
 */
const KEPT_FORMATS = new Set(['date-time', 'date', 'time', 'email', 'hostname', 'uri']);

/** Keywords JSON Schema shares with OpenAPI v3 whose value is a schema or a list of schemas. */
const SUBSCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;

/** Keywords copied as they are. */
const PLAIN_KEYWORDS = [
  'description',
  'enum',
  'default',
  'required',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
] as const;

function isRecord(value: unknown): value is OpenApiSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Converts an OpenAPI v3 schema from a CRD into a JSON Schema (draft-07) that yaml-language-server
 * accepts, keeping the descriptions for hover:
 * - `nullable: true` adds `null` to the type, since JSON Schema has no `nullable`;
 * - `x-kubernetes-int-or-string` becomes integer-or-string (unless an `anyOf` already says so);
 * - an object with `properties` rejects other fields (`additionalProperties: false`), as the API
 *   server prunes or, with strict validation, refuses unknown fields; unless it has
 *   `x-kubernetes-preserve-unknown-fields` or its own `additionalProperties`;
 * - other `x-kubernetes-*` extensions (CEL validations, list types) and wire formats are dropped:
 *   the editor cannot evaluate CEL, and Sailplan's own analysis reports those rules.
 */
export function openApiToJsonSchema(node: OpenApiSchema): JSONSchema {
  const schema: JSONSchema = {};
  const target = schema as Record<string, unknown>;
  for (const keyword of PLAIN_KEYWORDS) {
    if (node[keyword] !== undefined) target[keyword] = node[keyword];
  }

  const type = typeof node.type === 'string' ? node.type : undefined;
  if (type !== undefined) schema.type = node.nullable === true ? [type, 'null'] : type;
  if (typeof node.format === 'string' && KEPT_FORMATS.has(node.format)) {
    schema.format = node.format;
  }

  if (isRecord(node.properties)) {
    schema.properties = Object.fromEntries(
      Object.entries(node.properties).map(([name, property]) => [
        name,
        isRecord(property) ? openApiToJsonSchema(property) : {},
      ]),
    );
  }
  if (isRecord(node.additionalProperties)) {
    schema.additionalProperties = openApiToJsonSchema(node.additionalProperties);
  } else if (typeof node.additionalProperties === 'boolean') {
    schema.additionalProperties = node.additionalProperties;
  } else if (
    schema.properties !== undefined &&
    node['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    schema.additionalProperties = false;
  }

  if (isRecord(node.items)) schema.items = openApiToJsonSchema(node.items);
  if (isRecord(node.not)) schema.not = openApiToJsonSchema(node.not);
  for (const keyword of SUBSCHEMA_LIST_KEYWORDS) {
    const list = node[keyword];
    if (Array.isArray(list)) {
      schema[keyword] = list.filter(isRecord).map((item) => openApiToJsonSchema(item));
    }
  }

  if (node['x-kubernetes-int-or-string'] === true && schema.anyOf === undefined) {
    schema.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  return schema;
}

/** `metadata`, as every resource has it: the fields a design uses, others allowed. */
export const OBJECT_META_SCHEMA: JSONSchema = {
  type: 'object',
  description:
    'Identifies the resource: its name, its namespace, and the labels and annotations attached to it.',
  required: ['name'],
  properties: {
    name: {
      type: 'string',
      description:
        'The resource name, unique among resources of its kind in its namespace. Other resources refer to it by this name.',
    },
    namespace: {
      type: 'string',
      description:
        'The namespace the resource lives in. Left out, it is `default` (or the namespace kubectl applies to).',
    },
    labels: {
      type: 'object',
      description:
        'Key-value pairs that selectors match (a Service or a Gateway selects the pods whose labels match).',
      additionalProperties: { type: 'string' },
    },
    annotations: {
      type: 'object',
      description:
        'Key-value pairs for tools and controllers, such as `networking.istio.io/exportTo`. Not used for selection.',
      additionalProperties: { type: 'string' },
    },
    creationTimestamp: {
      type: ['string', 'null'],
      description:
        'When the API server created the resource; set by the cluster. Istio orders conflicting resources by it, oldest first.',
    },
  },
};

/**
 * The resource schema for a kind: `apiVersion`, `kind`, `metadata` and the CRD's own `spec` and
 * `status`; no other top-level fields.
 */
export function resourceSchema(
  kind: string,
  apiVersions: readonly string[],
  openApi: OpenApiSchema,
): JSONSchema {
  const converted = openApiToJsonSchema(openApi);
  return {
    ...converted,
    type: 'object',
    required: [...new Set(['apiVersion', 'kind', 'metadata', ...(converted.required ?? [])])],
    properties: {
      apiVersion: {
        type: 'string',
        description: `The API group and version of this schema: ${apiVersions.join(', ')}.`,
        enum: [...apiVersions],
      },
      kind: { type: 'string', description: `The resource kind: ${kind}.`, const: kind },
      metadata: OBJECT_META_SCHEMA,
      ...converted.properties,
    },
    additionalProperties: false,
  };
}

/**
 * The JSON schemas of every CRD in a YAML stream of CustomResourceDefinitions, one per kind and
 * distinct schema: versions whose schemas are equal share one entry.
 */
export function crdResourceSchemas(crdsYaml: string): ResourceSchema[] {
  const schemas: ResourceSchema[] = [];
  for (const document of parseAllDocuments(crdsYaml)) {
    const crd: unknown = document.toJS();
    if (!isRecord(crd) || crd.kind !== 'CustomResourceDefinition' || !isRecord(crd.spec)) continue;
    const { group, names, versions } = crd.spec;
    if (typeof group !== 'string' || !isRecord(names) || typeof names.kind !== 'string') continue;
    if (!Array.isArray(versions)) continue;
    const kind = names.kind;
    const byShape = new Map<string, { apiVersions: string[]; openApi: OpenApiSchema }>();
    for (const version of versions) {
      if (!isRecord(version) || typeof version.name !== 'string' || version.served === false) {
        continue;
      }
      const openApi = isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined;
      if (!isRecord(openApi)) continue;
      const shape = JSON.stringify(openApi);
      const entry = byShape.get(shape) ?? { apiVersions: [], openApi };
      entry.apiVersions.push(`${group}/${version.name}`);
      byShape.set(shape, entry);
    }
    for (const { apiVersions, openApi } of byShape.values()) {
      schemas.push({ kind, apiVersions, schema: resourceSchema(kind, apiVersions, openApi) });
    }
  }
  return schemas;
}

/**
 * A definition name for a resource schema, `Gateway.networking.istio.io.v1`: no `/`, which a JSON
 * pointer (`#/definitions/...`) would read as a step.
 */
function definitionName(resource: ResourceSchema): string {
  return `${resource.kind}.${(resource.apiVersions[0] ?? '').replaceAll('/', '.')}`;
}

/**
 * The schema of a design file: any YAML document, checked against its kind's schema when its
 * `apiVersion` and `kind` name one (yaml-language-server applies the schema to each document of a
 * multi-document file, and `if`/`then` picks the kind per document). Documents of other kinds pass.
 */
export function designSchema(resources: readonly ResourceSchema[]): JSONSchema {
  const kinds = [...new Set(resources.map((resource) => resource.kind))];
  const apiVersions = [...new Set(resources.flatMap((resource) => resource.apiVersions))];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Sailplan design',
    description: 'Kubernetes and Istio resources, one per YAML document.',
    type: 'object',
    properties: {
      apiVersion: {
        type: 'string',
        description:
          'The API group and version of the resource (`v1` for a Service, `apps/v1` for a Deployment, `networking.istio.io/v1` for Istio).',
        examples: apiVersions,
      },
      kind: {
        type: 'string',
        description: 'The kind of resource this document describes.',
        examples: kinds,
      },
    },
    // A title per kind: hovers and schema errors name the kind they come from.
    definitions: Object.fromEntries(
      resources.map((resource) => [
        definitionName(resource),
        { title: `${resource.kind} (${resource.apiVersions[0] ?? ''})`, ...resource.schema },
      ]),
    ),
    allOf: resources.map((resource) => ({
      if: {
        type: 'object',
        required: ['apiVersion', 'kind'],
        properties: {
          apiVersion: { enum: [...resource.apiVersions] },
          kind: { const: resource.kind },
        },
      },
      then: { $ref: `#/definitions/${definitionName(resource)}` },
    })),
  };
}
