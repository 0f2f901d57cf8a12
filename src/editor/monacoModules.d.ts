// Monaco's ESM entry points ship without their own declarations; they export the `monaco-editor` API.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';

// The design's JSON schema, generated at build time by scripts/designSchemaPlugin.ts.
declare module 'virtual:sailplan/design-schema' {
  import type { JSONSchema } from 'monaco-yaml';
  const schema: JSONSchema;
  export default schema;
}
