import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadDesign } from '../model/loadDesign';
import { buildTopology } from './buildTopology';

// Golden topologies: the whole topology of every example and routing-vector design, as readable
// YAML committed under __golden__/. Run with UPDATE_GOLDEN=1 to rewrite them after an intended
// change, then review the diff.
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const goldenRoot = join(here, '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';

function designFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...designFiles(path));
    // Designs only: `V08.yaml`, not the expectations beside them (`V08.tests.yaml`, `.analyze.yaml`).
    else if (/^[^.]+\.ya?ml$/.test(entry.name)) found.push(path);
  }
  return found.sort();
}

function snapshot(path: string): string {
  const name = relative(root, path);
  const { model } = loadDesign([{ name, text: readFileSync(path, 'utf8') }]);
  const { nodes, edges, namespaces } = buildTopology(model);
  const diagnostics = model.diagnostics.map(
    (diagnostic) =>
      `${diagnostic.code} line ${diagnostic.range?.line ?? '?'}: ${diagnostic.message}`,
  );
  return stringify({ design: name, diagnostics, namespaces, nodes, edges }, { lineWidth: 0 });
}

function checkGolden(path: string, goldenName: string): void {
  const goldenPath = join(goldenRoot, goldenName);
  const actual = snapshot(path);
  if (update) {
    mkdirSync(dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, actual);
  }
  expect(
    existsSync(goldenPath),
    `missing ${goldenPath}: run UPDATE_GOLDEN=1 npx vitest run src/engine/graph`,
  ).toBe(true);
  expect(actual).toBe(readFileSync(goldenPath, 'utf8'));
}

const examples = designFiles(join(root, 'examples'));
const vectors = designFiles(join(root, 'tests', 'vectors'));

describe('golden topologies of examples/', () => {
  it('given the examples folder, then it holds designs', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((path) => ({ path, name: relative(root, path) })))(
    'given $name, then the topology matches its golden file',
    ({ path, name }) => {
      checkGolden(path, name.replace(/\.ya?ml$/, '.topology.yaml'));
    },
  );
});

describe.skipIf(vectors.length === 0)('golden topologies of the routing vectors', () => {
  it.each(vectors.map((path) => ({ path, name: relative(root, path) })))(
    'given $name, then the topology matches its golden file',
    ({ path, name }) => {
      checkGolden(path, name.replace(/\.ya?ml$/, '.topology.yaml'));
    },
  );
});
