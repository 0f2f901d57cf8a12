import { readFileSync } from 'node:fs';
import type { JSONSchema } from 'monaco-yaml';
import { describe, expect, it } from 'vitest';
import { buildDesignSchema } from './buildDesignSchema';
import { crdResourceSchemas, openApiToJsonSchema } from './crdToJsonSchema';

const crds = readFileSync(
  new URL('../../../schemas/istio-networking-crds.yaml', import.meta.url),
  'utf8',
);

/** The schema at a chain of property names (`items` steps into an array's items). */
function at(schema: JSONSchema | boolean | undefined, ...steps: string[]): JSONSchema {
  let current = schema;
  for (const step of steps) {
    if (typeof current !== 'object') throw new Error(`no schema before "${step}"`);
    current = step === '[]' ? (current.items as JSONSchema) : current.properties?.[step];
  }
  if (typeof current !== 'object') throw new Error(`no schema at ${steps.join('.')}`);
  return current;
}

describe('openApiToJsonSchema', () => {
  it("turns OpenAPI's nullable and int-or-string into JSON Schema types", () => {
    expect(openApiToJsonSchema({ type: 'boolean', nullable: true })).toEqual({
      type: ['boolean', 'null'],
    });
    expect(openApiToJsonSchema({ 'x-kubernetes-int-or-string': true })).toEqual({
      anyOf: [{ type: 'integer' }, { type: 'string' }],
    });
    // an anyOf that already says it is kept as written
    expect(
      openApiToJsonSchema({
        anyOf: [{ type: 'integer' }, { type: 'string' }],
        'x-kubernetes-int-or-string': true,
        description: 'a port',
      }),
    ).toEqual({ anyOf: [{ type: 'integer' }, { type: 'string' }], description: 'a port' });
  });

  it('closes objects with known fields, unless they preserve unknown fields or are maps', () => {
    const converted = openApiToJsonSchema({
      type: 'object',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        status: { type: 'object', properties: { ok: { type: 'boolean' } } },
        extra: {
          type: 'object',
          properties: { a: { type: 'string' } },
          'x-kubernetes-preserve-unknown-fields': true,
        },
        opaque: { type: 'object' },
      },
    });
    expect(converted.additionalProperties).toBe(false);
    expect(at(converted, 'labels').additionalProperties).toEqual({ type: 'string' });
    expect(at(converted, 'status').additionalProperties).toBe(false);
    expect(at(converted, 'extra').additionalProperties).toBeUndefined();
    expect(at(converted, 'opaque').additionalProperties).toBeUndefined();
  });

  it('drops CEL validations, list types and wire formats, and keeps what JSON Schema checks', () => {
    const converted = openApiToJsonSchema({
      type: 'array',
      description: 'Routes.',
      maxItems: 4096,
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-validations': [{ rule: 'self.size() > 0', message: 'empty' }],
      items: {
        type: 'integer',
        format: 'int32',
        minimum: 0,
        maximum: 4294967295,
      },
    });
    expect(converted).toEqual({
      type: 'array',
      description: 'Routes.',
      maxItems: 4096,
      items: { type: 'integer', minimum: 0, maximum: 4294967295 },
    });
    expect(openApiToJsonSchema({ type: 'string', format: 'date-time' })).toEqual({
      type: 'string',
      format: 'date-time',
    });
  });

  it("keeps Istio's one-of constraints", () => {
    const converted = openApiToJsonSchema({
      type: 'object',
      properties: { exact: { type: 'string' }, prefix: { type: 'string' } },
      oneOf: [
        { not: { anyOf: [{ required: ['exact'] }, { required: ['prefix'] }] } },
        { required: ['exact'] },
        { required: ['prefix'] },
      ],
    });
    expect(converted.oneOf).toEqual([
      { not: { anyOf: [{ required: ['exact'] }, { required: ['prefix'] }] } },
      { required: ['exact'] },
      { required: ['prefix'] },
    ]);
  });
});

describe("the schemas from Istio's CRDs", () => {
  const schemas = crdResourceSchemas(crds);

  it('has one schema per kind, shared by the versions whose schemas are equal', () => {
    expect(schemas.map(({ kind, apiVersions }) => ({ kind, apiVersions }))).toEqual(
      ['DestinationRule', 'Gateway', 'ServiceEntry', 'VirtualService'].map((kind) => ({
        kind,
        apiVersions: [
          'networking.istio.io/v1',
          'networking.istio.io/v1alpha3',
          'networking.istio.io/v1beta1',
        ],
      })),
    );
  });

  it("keeps the CRDs' field descriptions for hover", () => {
    const gateway = schemas.find((schema) => schema.kind === 'Gateway')?.schema;
    expect(at(gateway, 'spec', 'servers').description).toBe('A list of server specifications.');
    expect(at(gateway, 'spec', 'servers', '[]', 'port', 'number')).toMatchObject({
      type: 'integer',
      description: 'A valid non-negative integer port number.',
    });
    expect(at(gateway, 'spec', 'servers', '[]', 'tls', 'mode').enum).toContain('SIMPLE');
    const virtualService = schemas.find((schema) => schema.kind === 'VirtualService')?.schema;
    expect(at(virtualService, 'spec', 'http', '[]', 'route').description).toBe(
      'A HTTP rule can either return a direct_response, redirect or forward (default) traffic.',
    );
  });

  it('adds apiVersion, kind and metadata, and refuses unknown top-level and spec fields', () => {
    const gateway = schemas.find((schema) => schema.kind === 'Gateway')?.schema;
    expect(gateway).toMatchObject({
      type: 'object',
      required: ['apiVersion', 'kind', 'metadata'],
      additionalProperties: false,
    });
    expect(at(gateway, 'kind').const).toBe('Gateway');
    expect(at(gateway, 'apiVersion').enum).toContain('networking.istio.io/v1beta1');
    expect(at(gateway, 'metadata', 'name').type).toBe('string');
    expect(at(gateway, 'spec').additionalProperties).toBe(false);
    expect(at(gateway, 'spec', 'servers', '[]').additionalProperties).toBe(false);
  });
});

describe('the design schema', () => {
  const schema = buildDesignSchema(crds);

  it('picks the schema of each document by apiVersion and kind', () => {
    const branches = (schema.allOf ?? []) as JSONSchema[];
    const picked = branches.map((branch) => {
      const condition = branch.if as JSONSchema;
      return {
        kind: at(condition, 'kind').const,
        apiVersions: at(condition, 'apiVersion').enum,
        required: condition.required,
        then: (branch.then as JSONSchema).$ref,
      };
    });
    expect(picked).toEqual(
      expect.arrayContaining([
        {
          kind: 'VirtualService',
          apiVersions: [
            'networking.istio.io/v1',
            'networking.istio.io/v1alpha3',
            'networking.istio.io/v1beta1',
          ],
          required: ['apiVersion', 'kind'],
          then: '#/definitions/VirtualService.networking.istio.io.v1',
        },
        {
          kind: 'Service',
          apiVersions: ['v1'],
          required: ['apiVersion', 'kind'],
          then: '#/definitions/Service.v1',
        },
        {
          kind: 'StatefulSet',
          apiVersions: ['apps/v1'],
          required: ['apiVersion', 'kind'],
          then: '#/definitions/StatefulSet.apps.v1',
        },
      ]),
    );
    expect(picked).toHaveLength(8);
    // every reference names a definition
    for (const { then } of picked) {
      const name = String(then).replace('#/definitions/', '');
      expect(schema.definitions?.[name]).toBeDefined();
    }
  });

  it('lets documents of other kinds pass and offers the known kinds for completion', () => {
    expect(schema.additionalProperties).toBeUndefined();
    expect(at(schema, 'kind').examples).toEqual(
      expect.arrayContaining(['Gateway', 'Service', 'Deployment', 'DaemonSet']),
    );
  });

  it('describes the Kubernetes fields Sailplan reads and allows the others', () => {
    const service = schema.definitions?.['Service.v1'];
    expect(at(service, 'spec', 'type').enum).toEqual([
      'ClusterIP',
      'NodePort',
      'LoadBalancer',
      'ExternalName',
    ]);
    expect(at(service, 'spec', 'ports', '[]', 'targetPort').description).toMatch(/container port/);
    expect(at(service, 'spec').additionalProperties).toBeUndefined();
    const deployment = schema.definitions?.['Deployment.apps.v1'];
    expect(
      at(deployment, 'spec', 'template', 'metadata', 'labels').description,
    ).toMatch(/select pods/);
    expect(at(schema.definitions?.['DaemonSet.apps.v1'], 'spec').properties?.replicas).toBe(
      undefined,
    );
  });
});
