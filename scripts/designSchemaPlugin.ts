import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { buildDesignSchema } from '../src/editor/schemas/buildDesignSchema';

/** The module the editor imports the design's JSON schema from. */
export const DESIGN_SCHEMA_MODULE = 'virtual:sailplan/design-schema';
const resolvedId = `\0${DESIGN_SCHEMA_MODULE}`;

/**
 * Generates the editor's JSON schema at build time from Istio's CRDs (schemas/), so the schema is
 * never a hand-kept copy: a new CRD file is a new schema on the next build (or at once in dev,
 * which watches the file).
 */
export function designSchemaPlugin(): Plugin {
  const crdsPath = fileURLToPath(new URL('../schemas/istio-networking-crds.yaml', import.meta.url));
  return {
    name: 'sailplan:design-schema',
    resolveId(id) {
      return id === DESIGN_SCHEMA_MODULE ? resolvedId : undefined;
    },
    load(id) {
      if (id !== resolvedId) return undefined;
      this.addWatchFile(crdsPath);
      const schema = buildDesignSchema(readFileSync(crdsPath, 'utf8'));
      return `export default ${JSON.stringify(schema)};`;
    },
  };
}
