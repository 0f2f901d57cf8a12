import type { SchemasSettings } from 'monaco-yaml';

/** JSON schemas for the design file, chosen per YAML document by apiVersion and kind. */
export const istioSchemas: SchemasSettings[] = [];
