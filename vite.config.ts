import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { initialSizePlugin } from './scripts/initialSizePlugin';
import { designSchemaPlugin } from './scripts/designSchemaPlugin';
import { contentSecurityPolicyPlugin } from './scripts/contentSecurityPolicyPlugin';
import { re2OnDemandPlugin } from './scripts/re2OnDemand';
import { analysisOnDemandPlugin } from './scripts/analysisOnDemand';

export default defineConfig({
  // Relative asset URLs: dist/ works from any static host under any base path.
  base: './',
  plugins: [
    react(),
    re2OnDemandPlugin(),
    analysisOnDemandPlugin(),
    designSchemaPlugin(),
    initialSizePlugin(250),
    contentSecurityPolicyPlugin(),
  ],
  optimizeDeps: {
    include: ['monaco-yaml/yaml.worker.js'],
  },
  worker: {
    format: 'es',
  },
  build: {
    target: 'es2022',
    // Monaco's own chunk is large by nature and loaded lazily; the initial size is reported above.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      treeshake: {
        // The engine is pure (no module runs anything when imported: see docs/ARCHITECTURE.md), so
        // a module only lazy code uses (the zip, the share codec, the inspector's planning) goes to
        // the lazy chunk that uses it instead of the entry, which imports the engine's barrel.
        moduleSideEffects: [{ test: /\/src\/engine\//, sideEffects: false }],
      },
    },
  },
});
