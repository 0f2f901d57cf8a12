import type { SchemasSettings } from 'monaco-yaml';
import designSchema from 'virtual:sailplan/design-schema';

/**
 * The design file's schema for monaco-yaml, generated at build time from Istio's CRDs and
 * Sailplan's Kubernetes schemas (scripts/designSchemaPlugin.ts). One schema for every YAML file:
 * it picks each document's kind by apiVersion and kind.
 */
export const designSchemas: SchemasSettings[] = [
  {
    // Only a name: with schema requests off, monaco-yaml never fetches it.
    uri: 'https://sailplan.invalid/schemas/design.json',
    fileMatch: ['*.yaml', '*.yml'],
    schema: designSchema,
  },
];
