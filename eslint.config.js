import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The layering of docs/ARCHITECTURE.md, as lint rules: a wrong import fails `npm test`.
const uiLibraries = [
  'react',
  'react-dom',
  'react/*',
  'react-dom/*',
  'monaco-editor',
  'monaco-editor/*',
  'monaco-yaml',
  'monaco-yaml/*',
  '@monaco-editor/react',
  '@xyflow/react',
  '@xyflow/*',
  'zustand',
  'zustand/*',
];
const layerPaths = (layers) =>
  layers.map((layer) => ({
    group: [`**/${layer}`, `**/${layer}/**`, `src/${layer}/**`],
    message: `This layer may not import src/${layer} (see docs/ARCHITECTURE.md).`,
  }));
const engineDeepImport = {
  group: ['**/engine/*', '**/engine/**', '!**/engine/index', '!**/engine/index.ts'],
  message: 'Import the engine through src/engine/index.ts only.',
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'playwright-report',
      'test-results',
      'bench/results',
      'tests/hostile',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiLibraries, message: 'src/engine is pure TypeScript: no UI libraries.' },
            ...layerPaths(['store', 'canvas', 'editor', 'ui', 'app', 'cli']),
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [engineDeepImport, ...layerPaths(['canvas', 'editor', 'ui', 'app', 'cli'])],
        },
      ],
    },
  },
  {
    files: ['src/canvas/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [engineDeepImport, ...layerPaths(['editor', 'ui', 'app', 'cli'])] },
      ],
    },
  },
  {
    files: ['src/editor/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [engineDeepImport, ...layerPaths(['canvas', 'ui', 'app', 'cli'])] },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [engineDeepImport, ...layerPaths(['app', 'cli'])] },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            engineDeepImport,
            { group: uiLibraries, message: 'The CLI runs the engine only.' },
            ...layerPaths(['store', 'canvas', 'editor', 'ui', 'app']),
          ],
        },
      ],
    },
  },
);
