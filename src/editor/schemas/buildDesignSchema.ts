import type { JSONSchema } from 'monaco-yaml';
import { crdResourceSchemas, designSchema } from './crdToJsonSchema';
import { KUBERNETES_RESOURCE_SCHEMAS } from './kubernetesSchemas';

/**
 * The design file's JSON schema: Istio's kinds from their CRDs (`crdsYaml`, the text of
 * schemas/istio-networking-crds.yaml) and Sailplan's focused Kubernetes schemas, chosen per YAML
 * document by apiVersion and kind. Run at build time by the Vite plugin, never by hand.
 */
export function buildDesignSchema(crdsYaml: string): JSONSchema {
  return designSchema([...crdResourceSchemas(crdsYaml), ...KUBERNETES_RESOURCE_SCHEMAS]);
}
