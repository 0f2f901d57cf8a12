import { describe, expect, it } from 'vitest';
import type { TopologyNode } from '../../engine';
import { DESIGNS, topologyOf } from '../testing/designs';
import {
  estimateNodeSize,
  HEADER_HEIGHT,
  NODE_BORDER,
  ROW_HEIGHT,
  rowOffsets,
  SECTION_CAPTION_HEIGHT,
} from './geometry';
import { kindTitle, MAX_LIST_ROWS, nodeSections } from './nodeContent';

const bookinfo = topologyOf(DESIGNS.bookinfoMesh);

function node(id: string): TopologyNode {
  const found = bookinfo.byId.get(id);
  if (found === undefined) throw new Error(`no node ${id}`);
  return found;
}

describe('nodeSections', () => {
  it('given a Gateway, then each server is a row with its own handle, protocol, port, hosts and TLS', () => {
    const [servers] = nodeSections(node('Gateway/bookinfo/bookinfo-gateway'));
    expect(servers?.title).toBe('Servers');
    expect(
      servers?.rows.map((row) => [
        row.accessibleName,
        row.partId,
        row.leadingChips?.map((chip) => chip.text),
        row.primary,
        row.secondary,
        row.trailingChips?.map((chip) => chip.text),
      ]),
    ).toEqual([
      // A plain HTTP server that redirects shows the redirect, not the PASSTHROUGH Istio infers.
      [
        'server 1',
        'Gateway/bookinfo/bookinfo-gateway#server/0',
        ['HTTP'],
        '80',
        'bookinfo.example.com',
        ['→ HTTPS'],
      ],
      [
        'server 2',
        'Gateway/bookinfo/bookinfo-gateway#server/1',
        ['HTTPS'],
        '443',
        'bookinfo.example.com',
        ['SIMPLE'],
      ],
    ]);
    expect(servers?.rows.every((row) => row.source && !row.target)).toBe(true);
  });

  it('given a VirtualService, then its hosts and its rules in order, named as the topology names them', () => {
    const [hosts, rules] = nodeSections(node('VirtualService/bookinfo/reviews'));
    expect(hosts?.rows.map((row) => row.primary)).toEqual(['reviews']);
    expect(rules?.aside).toBe('mesh only');
    expect(rules?.rows.map((row) => [row.ordinal, row.accessibleName, row.partId])).toEqual([
      [0, 'jason', 'VirtualService/bookinfo/reviews#http/0'],
      [1, 'canary', 'VirtualService/bookinfo/reviews#http/1'],
    ]);
    const [, unnamed] = nodeSections(node('VirtualService/bookinfo/ratings'));
    expect(unnamed?.rows[0]?.accessibleName).toBe('rule 0');
  });

  it('given a Service and a DestinationRule, then ports arrive on the left and subsets go both ways', () => {
    const [ports] = nodeSections(node('Service/bookinfo/reviews'));
    expect(
      ports?.rows.map((row) => [row.accessibleName, row.primary, row.target, row.source]),
    ).toEqual([['port http', '9080', true, undefined]]);
    const [host, subsets] = nodeSections(node('DestinationRule/bookinfo/reviews'));
    expect(host?.rows[0]?.primary).toBe('reviews');
    expect(
      subsets?.rows.map((row) => [row.accessibleName, row.secondary, row.source, row.target]),
    ).toEqual([
      ['subset v1', 'version=v1', true, true],
      ['subset v2', 'version=v2', true, true],
      ['subset v3', 'version=v3', true, true],
    ]);
  });

  it('given a ServiceEntry and a workload, then hosts, ports, location and labels', () => {
    const [hosts, ports] = nodeSections(node('ServiceEntry/bookinfo/googleapis'));
    expect(hosts?.aside).toBe('MESH_EXTERNAL · DNS');
    expect(hosts?.rows.map((row) => row.primary)).toEqual(['www.googleapis.com']);
    expect(ports?.rows.map((row) => [row.leadingChips?.[0]?.text, row.primary])).toEqual([
      ['TLS', '443'],
    ]);
    const [labels] = nodeSections(node('Deployment/bookinfo/productpage-v1'));
    expect(labels?.aside).toBe('2 replicas');
    expect(labels?.rows.map((row) => row.primary)).toEqual(['app=productpage', 'version=v1']);
  });

  it('given many hosts, then a few are listed and the rest counted', () => {
    const hosts = Array.from({ length: 7 }, (_, index) => `h${index}.example.com`);
    const topology = topologyOf(
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: many\n  namespace: default\nspec:\n  hosts:\n${hosts.map((host) => `  - ${host}`).join('\n')}\n`,
    );
    const [list] = nodeSections(topology.nodes[0] as TopologyNode);
    expect(list?.rows).toHaveLength(MAX_LIST_ROWS);
    expect(list?.rows.at(-1)?.primary).toBe(`+${7 - (MAX_LIST_ROWS - 1)} more`);
  });

  it('given a Gateway with no LoadBalancer in the design, then Istio’s default ingress is drawn as assumed', () => {
    const topology = topologyOf(DESIGNS.seedIngress.split('---').slice(1).join('---'));
    const implicit = topology.nodes.find((candidate) => candidate.implicit);
    expect(implicit?.type).toBe('loadBalancer');
    expect(kindTitle(implicit as TopologyNode)).toBe('LoadBalancer Service');
    const sections = nodeSections(implicit as TopologyNode);
    expect(sections.at(-1)?.title).toBe('Assumed');
    expect(sections.at(-1)?.rows[0]?.primary).toContain('not in the YAML');
  });
});

describe('geometry', () => {
  it('given a node, then its height follows from its rows and each part row’s handle is at the row’s middle', () => {
    const reviews = node('VirtualService/bookinfo/reviews');
    // Header, then Hosts (1 row) and Rules (2 rows).
    expect(estimateNodeSize(reviews).height).toBe(
      HEADER_HEIGHT + 2 * NODE_BORDER + 2 * (1 + SECTION_CAPTION_HEIGHT + 6) + 3 * ROW_HEIGHT,
    );
    const offsets = rowOffsets(reviews);
    // Each section starts with its 1px line, then its caption.
    const rulesTop =
      NODE_BORDER +
      HEADER_HEIGHT +
      (1 + SECTION_CAPTION_HEIGHT + ROW_HEIGHT + 6) +
      (1 + SECTION_CAPTION_HEIGHT);
    expect(offsets.get('VirtualService/bookinfo/reviews#http/0')).toBe(rulesTop + ROW_HEIGHT / 2);
    expect(offsets.get('VirtualService/bookinfo/reviews#http/1')).toBe(rulesTop + ROW_HEIGHT * 1.5);
  });
});
