import { describe, expect, it } from 'vitest';
import type { Topology, TopologyNodeType } from '../../engine';
import {
  LABELLED_NAMESPACE_LINKS_UP_TO,
  selectNamespaceLinks,
  type NamespaceLinkSelection,
} from './namespaceLinks';
import { namespaceNodeId, summarizeNamespaces, type NamespaceLink } from './views';

function summary(namespace: string, types: readonly TopologyNodeType[] = ['service']) {
  return {
    id: namespaceNodeId(namespace),
    namespace,
    total: types.length,
    counts: types.map((type) => ({ type, count: 1 })),
    problems: 0,
  };
}

function link(from: string, to: string, count = 1): NamespaceLink {
  const source = namespaceNodeId(from);
  const target = namespaceNodeId(to);
  return { id: `namespace-link:${source}->${target}`, source, target, count };
}

function drawnIds(selection: NamespaceLinkSelection): string[] {
  return selection.drawn.map(({ link: drawn }) => `${drawn.source}->${drawn.target}`);
}

/** An ingress namespace linked to each of `teams` namespaces, and each team to the next two. */
function largeMesh(teams: number) {
  const names = Array.from({ length: teams }, (_, index) => `team-${index}`);
  const summaries = [
    summary('istio-system', ['loadBalancer', 'gateway']),
    ...names.map((name) => summary(name)),
  ];
  const links = [
    ...names.map((name, index) => link('istio-system', name, index + 1)),
    ...names.flatMap((name, index) => [
      link(name, names[(index + 1) % teams] ?? name),
      link(name, names[(index + 2) % teams] ?? name),
    ]),
  ];
  return { summaries, links };
}

describe('selectNamespaceLinks', () => {
  it('given a few links, then all are drawn with their counts and none hidden', () => {
    const links = [link('istio-system', 'shop'), link('shop', 'payments', 3)];
    const selection = selectNamespaceLinks(
      links,
      [summary('istio-system', ['gateway']), summary('shop'), summary('payments')],
      null,
    );
    expect(selection.drawn).toEqual(links.map((drawn) => ({ link: drawn, labelled: true })));
    expect(selection.hidden).toBe(0);
  });

  it('given more links than the limit and no focus, then only the links out of the ingress namespaces are drawn, and the rest counted as hidden', () => {
    const { summaries, links } = largeMesh(60);
    const selection = selectNamespaceLinks(links, summaries, null, 150);
    expect(links).toHaveLength(180);
    expect(selection.ingress).toEqual(['istio-system']);
    expect(selection.drawn).toHaveLength(60);
    expect(
      selection.drawn.every(({ link: drawn }) => drawn.source === 'namespace:istio-system'),
    ).toBe(true);
    expect(selection.hidden).toBe(120);
    // Sixty drawn links are too many labels: the counts are in the edges' names only.
    expect(selection.drawn.some(({ labelled }) => labelled)).toBe(false);
  });

  it('given a focused namespace, then its links in and out are drawn too, labelled, and the hidden count drops by as many', () => {
    const { summaries, links } = largeMesh(60);
    const selection = selectNamespaceLinks(links, summaries, namespaceNodeId('team-7'), 150);
    const focused = selection.drawn.filter(
      ({ link: drawn }) =>
        drawn.source === 'namespace:team-7' || drawn.target === 'namespace:team-7',
    );
    expect(drawnIds({ ...selection, drawn: focused }).sort()).toEqual(
      [
        'namespace:istio-system->namespace:team-7',
        'namespace:team-5->namespace:team-7',
        'namespace:team-6->namespace:team-7',
        'namespace:team-7->namespace:team-8',
        'namespace:team-7->namespace:team-9',
      ].sort(),
    );
    expect(focused.every(({ labelled }) => labelled)).toBe(true);
    expect(selection.drawn).toHaveLength(64);
    expect(selection.hidden).toBe(180 - 64);
    // The other links out of the ingress namespace stay, without labels.
    expect(
      selection.drawn
        .filter(({ labelled }) => !labelled)
        .every(({ link: drawn }) => drawn.source === 'namespace:istio-system'),
    ).toBe(true);
  });

  it('given more links out of the ingress namespaces than the limit, then the busiest of them are drawn', () => {
    const { summaries, links } = largeMesh(60);
    const selection = selectNamespaceLinks(links, summaries, null, 10);
    expect(selection.drawn.map(({ link: drawn }) => drawn.count)).toEqual([
      51, 52, 53, 54, 55, 56, 57, 58, 59, 60,
    ]);
    expect(selection.hidden).toBe(170);
  });

  it('given few drawn links above the limit, then they are all labelled', () => {
    const { summaries, links } = largeMesh(12);
    const selection = selectNamespaceLinks(links, summaries, null, 20);
    expect(selection.drawn.length).toBeLessThanOrEqual(LABELLED_NAMESPACE_LINKS_UP_TO);
    expect(selection.drawn.every(({ labelled }) => labelled)).toBe(true);
    expect(selection.hidden).toBe(24);
  });

  it('given references between two namespaces, then summarizeNamespaces gives one link per ordered pair with their count, which is what is selected from', () => {
    const node = (id: string, namespace: string, type: TopologyNodeType) => ({
      id,
      namespace,
      type,
    });
    const topology = {
      nodes: [
        node('lb', 'istio-system', 'loadBalancer'),
        node('gw', 'istio-system', 'gateway'),
        node('a1', 'team-a', 'virtualService'),
        node('a2', 'team-a', 'virtualService'),
        node('b1', 'team-b', 'service'),
        node('b2', 'team-b', 'service'),
      ],
      edges: [
        { source: 'lb', target: 'gw', type: 'loadBalancer' },
        { source: 'gw', target: 'a1', type: 'binding' },
        { source: 'a1', target: 'b1', type: 'route' },
        { source: 'a1', target: 'b2', type: 'route' },
        { source: 'a2', target: 'b2', type: 'route' },
        { source: 'b1', target: 'a2', type: 'route' },
      ],
    } as unknown as Topology;
    const { summaries, links } = summarizeNamespaces(topology, new Map());
    expect(links.map((drawn) => [drawn.source, drawn.target, drawn.count])).toEqual([
      ['namespace:istio-system', 'namespace:team-a', 1],
      ['namespace:team-a', 'namespace:team-b', 3],
      ['namespace:team-b', 'namespace:team-a', 1],
    ]);
    const selection = selectNamespaceLinks(links, summaries, null, 1);
    expect(selection.ingress).toEqual(['istio-system']);
    expect(drawnIds(selection)).toEqual(['namespace:istio-system->namespace:team-a']);
    expect(selection.hidden).toBe(2);
  });
});
