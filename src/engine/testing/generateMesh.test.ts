import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/analyze';
import { buildTopology } from '../graph/buildTopology';
import { designOf } from './designOf';
import { MESH_SIZES, generateMesh } from './generateMesh';

describe('generateMesh', () => {
  it('given the same seed, then the text is the same; another seed gives another text', () => {
    expect(generateMesh({ resources: 100, seed: 7 }).text).toBe(
      generateMesh({ resources: 100, seed: 7 }).text,
    );
    expect(generateMesh({ resources: 100, seed: 8 }).text).not.toBe(
      generateMesh({ resources: 100, seed: 7 }).text,
    );
  });

  it.each(MESH_SIZES.filter((size) => size <= 1000))(
    'given %i resources, then the design models cleanly with about that many resources',
    (size) => {
      const mesh = generateMesh({ resources: size, seed: 1 });
      const { model } = designOf(mesh.text);
      expect(model.diagnostics).toEqual([]);
      expect(model.resources.length).toBe(mesh.resourceCount);
      expect(mesh.resourceCount).toBeGreaterThanOrEqual(size * 0.9);
      expect(mesh.resourceCount).toBeLessThanOrEqual(size * 1.2 + 5);
      for (const kind of [
        'Gateway',
        'VirtualService',
        'Service',
        'DestinationRule',
        'ServiceEntry',
        'Deployment',
      ]) {
        expect(mesh.counts[kind] ?? 0).toBeGreaterThan(0);
      }
      const ruleCounts = model.virtualServices.map(
        (virtualService) => virtualService.spec.http?.length ?? 0,
      );
      expect(Math.min(...ruleCounts)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...ruleCounts)).toBeLessThanOrEqual(20);
    },
    60_000,
  );

  it('given 1000 resources, then the text is about 1 MB and no reference dangles', () => {
    const mesh = generateMesh({ resources: 1000, seed: 1 });
    expect(mesh.text.length).toBeGreaterThan(700_000);
    expect(mesh.text.length).toBeLessThan(1_500_000);
    const topology = buildTopology(designOf(mesh.text).model);
    const bindings = topology.edges.filter((edge) => edge.type === 'binding');
    expect(bindings.length).toBeGreaterThan(0);
    expect(bindings.every((edge) => !edge.dangling)).toBe(true);
    expect(topology.edges.filter((edge) => edge.dangling)).toEqual([]);
  }, 60_000);

  it('given 1000 resources, then the analyzer finds nothing to report', () => {
    const mesh = generateMesh({ resources: 1000, seed: 1 });
    const findings = analyze(designOf(mesh.text)).map(
      (diagnostic) => `${diagnostic.code} ${diagnostic.resource ?? ''}: ${diagnostic.message}`,
    );
    expect(findings).toEqual([]);
  }, 60_000);
});
