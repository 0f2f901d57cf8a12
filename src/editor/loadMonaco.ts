import type * as MonacoApi from 'monaco-editor';
import { configureMonacoYaml, type MonacoYaml } from 'monaco-yaml';
import * as monacoModule from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import YamlWorker from './yaml.worker.ts?worker';
import { designSchemas } from './schemas/editorSchemas';

/** The Monaco API (editor core and features, YAML highlighting; no other languages). */
export type Monaco = typeof MonacoApi;

/** Monaco, loaded once; this module is only reached through a dynamic import. */
export const monaco: Monaco = monacoModule as Monaco;

// Workers are bundled by Vite and served from our own origin: nothing comes from a CDN.
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

/** monaco-yaml, configured with the Istio and Kubernetes schemas for the design's file name. */
export const monacoYaml: MonacoYaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  // The schema has no address worth linking to: it is generated into the bundle.
  hoverSchemaSource: false,
  completion: true,
  validate: true,
  isKubernetes: true,
  schemas: designSchemas,
});
