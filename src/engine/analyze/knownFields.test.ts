import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KNOWN_SPEC_FIELDS } from './knownFields.generated';
import { ANY_KEY, knownFieldsFromCrds } from './knownFieldsFromCrds';

const crds = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'schemas',
  'istio-networking-crds.yaml',
);

describe('known spec fields (SP1008)', () => {
  it('given the CRDs, when the tree is made again, then it equals the committed module (run `npx tsx scripts/generateKnownFields.ts` if not)', () => {
    expect(KNOWN_SPEC_FIELDS).toEqual(knownFieldsFromCrds(readFileSync(crds, 'utf8')));
  });

  it('given the tree, then it has the four kinds, lists stand for their items and maps of objects take any key', () => {
    expect(Object.keys(KNOWN_SPEC_FIELDS).sort()).toEqual([
      'DestinationRule',
      'Gateway',
      'ServiceEntry',
      'VirtualService',
    ]);
    const http = KNOWN_SPEC_FIELDS.VirtualService?.http;
    expect(typeof http === 'object' && http.match).toMatchObject({
      uri: { exact: 0, prefix: 0, regex: 0 },
      headers: { [ANY_KEY]: { exact: 0, prefix: 0, regex: 0 } },
      sourceLabels: 0,
    });
  });

  it('given a schema with free keys or preserved fields, when converted, then nothing below is checked', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  group: networking.istio.io
  names: {kind: Gateway}
  versions:
  - name: v1
    served: true
    schema:
      openAPIV3Schema:
        properties:
          spec:
            properties:
              selector: {type: object, additionalProperties: {type: string}}
              free: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: string}}}
              servers: {type: array, items: {properties: {hosts: {type: array, items: {type: string}}}}}
              oneOfField: {type: object, oneOf: [{properties: {a: {type: string}}}, {properties: {b: {type: string}}}]}
  - name: v1beta1
    served: true
    schema:
      openAPIV3Schema:
        properties:
          spec:
            properties:
              extra: {type: string}
`;
    expect(knownFieldsFromCrds(crd)).toEqual({
      Gateway: {
        selector: 0,
        free: 0,
        servers: { hosts: 0 },
        oneOfField: { a: 0, b: 0 },
        extra: 0,
      },
    });
  });
});
