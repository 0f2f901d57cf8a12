import type { Topology, TopologyNodeType } from '../../engine';
import type { Size } from './geometry';
import type { Point } from './projection';

/** Above this many nodes the canvas draws only what is on screen. */
export const RENDER_VISIBLE_ONLY_ABOVE = 150;

/**
 * Above this many nodes the canvas opens on the namespaces view (one node per namespace) rather
 * than the whole design, as Headlamp's map does: a thousand nodes at once help nobody.
 */
export const SIMPLIFIED_VIEW_ABOVE = 1000;

/** The id of a namespace's node in the namespaces view and of its group box. */
export function namespaceNodeId(namespace: string): string {
  return `namespace:${namespace}`;
}

/**
 * The request paths through `seeds`: everything that sends them traffic (up to the load balancer)
 * and everything they send it to (down to the workloads), with the DestinationRules of the hosts
 * on those paths. A focused view of one resource or namespace in a large design.
 */
export function requestPath(topology: Topology, seeds: Iterable<string>): Set<string> {
  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, string[]>();
  const policies = new Map<string, string[]>();
  for (const edge of topology.edges) {
    if (edge.type === 'destinationRule') {
      policies.set(edge.target, [...(policies.get(edge.target) ?? []), edge.source]);
      continue;
    }
    downstream.set(edge.source, [...(downstream.get(edge.source) ?? []), edge.target]);
    upstream.set(edge.target, [...(upstream.get(edge.target) ?? []), edge.source]);
  }
  const visible = new Set<string>();
  const walk = (start: readonly string[], next: ReadonlyMap<string, readonly string[]>) => {
    const queue = [...start];
    const seen = new Set<string>(start);
    while (queue.length > 0) {
      const id = queue.pop() as string;
      visible.add(id);
      for (const other of next.get(id) ?? []) {
        if (!seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
  };
  const seedList = [...seeds].filter((id) => topology.byId.has(id));
  // A DestinationRule as a seed stands for the hosts it applies to.
  const hostsOfPolicies = topology.edges
    .filter((edge) => edge.type === 'destinationRule' && seedList.includes(edge.source))
    .map((edge) => edge.target);
  walk([...seedList, ...hostsOfPolicies], upstream);
  walk([...seedList, ...hostsOfPolicies], downstream);
  for (const id of [...visible]) {
    for (const policy of policies.get(id) ?? []) visible.add(policy);
  }
  return visible;
}

/** A namespace drawn as one node in the namespaces view. */
export type NamespaceSummary = {
  readonly id: string;
  readonly namespace: string;
  readonly total: number;
  /** How many nodes of each type, in traffic order. */
  readonly counts: readonly { readonly type: TopologyNodeType; readonly count: number }[];
  readonly problems: number;
};

/** Traffic between two namespaces in the namespaces view. */
export interface NamespaceLink {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly count: number;
}

const TYPE_ORDER: readonly TopologyNodeType[] = [
  'loadBalancer',
  'gateway',
  'virtualService',
  'service',
  'serviceEntry',
  'destinationRule',
  'workload',
  'missing',
];

/** The name of the group for nodes outside every namespace (hosts nobody defines). */
export const NO_NAMESPACE = '(no namespace)';

/** One summary per namespace and the links between namespaces that traffic crosses. */
export function summarizeNamespaces(
  topology: Topology,
  problemsById: ReadonlyMap<string, { readonly count: number }>,
): { readonly summaries: readonly NamespaceSummary[]; readonly links: readonly NamespaceLink[] } {
  // Namespaces by number, so that counting the links of thousands of edges builds no string and
  // no object per edge (5,000 resources: 10,000 edges, a few hundred links).
  const namespaces: string[] = [];
  const numberOf = new Map<string, number>();
  const namespaceOf = new Map<string, number>();
  const counts = new Map<string, Map<TopologyNodeType, number>>();
  const problems = new Map<string, number>();
  for (const node of topology.nodes) {
    const namespace = node.namespace === '' ? NO_NAMESPACE : node.namespace;
    let number = numberOf.get(namespace);
    if (number === undefined) {
      number = namespaces.length;
      namespaces.push(namespace);
      numberOf.set(namespace, number);
    }
    namespaceOf.set(node.id, number);
    const byType = counts.get(namespace) ?? new Map<TopologyNodeType, number>();
    byType.set(node.type, (byType.get(node.type) ?? 0) + 1);
    counts.set(namespace, byType);
    problems.set(
      namespace,
      (problems.get(namespace) ?? 0) + (problemsById.get(node.id)?.count ?? 0),
    );
  }
  const summaries = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([namespace, byType]): NamespaceSummary => {
      const ordered = TYPE_ORDER.filter((type) => byType.has(type)).map((type) => ({
        type,
        count: byType.get(type) ?? 0,
      }));
      return {
        id: namespaceNodeId(namespace),
        namespace,
        total: ordered.reduce((sum, entry) => sum + entry.count, 0),
        counts: ordered,
        problems: problems.get(namespace) ?? 0,
      };
    });
  // Links by source and target number, in the order they are first crossed.
  const linkCounts = new Map<number, number>();
  for (const edge of topology.edges) {
    const from = namespaceOf.get(edge.source);
    const to = namespaceOf.get(edge.target);
    if (from === undefined || to === undefined || from === to) continue;
    const key =
      edge.type === 'destinationRule'
        ? to * namespaces.length + from
        : from * namespaces.length + to;
    linkCounts.set(key, (linkCounts.get(key) ?? 0) + 1);
  }
  const links: NamespaceLink[] = [];
  for (const [key, count] of linkCounts) {
    const source = namespaceNodeId(namespaces[Math.floor(key / namespaces.length)] ?? '');
    const target = namespaceNodeId(namespaces[key % namespaces.length] ?? '');
    links.push({ id: `namespace-link:${source}->${target}`, source, target, count });
  }
  return { summaries, links };
}

/** A namespace's box around its nodes when groups are shown. */
export interface GroupBox {
  readonly id: string;
  readonly namespace: string;
  readonly position: Point;
  readonly size: Size;
  readonly members: readonly string[];
}

/** Room around a group's nodes (the title sits in the top part). */
export const GROUP_MARGIN = { top: 40, side: 20, bottom: 20 } as const;

/** The boxes around each namespace's drawn nodes. */
export function groupBoxes(
  topology: Topology,
  positions: Readonly<Record<string, Point>>,
  sizeOf: (id: string) => Size,
  visible?: ReadonlySet<string>,
): GroupBox[] {
  const boxes: GroupBox[] = [];
  for (const namespace of topology.namespaces) {
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    const members: string[] = [];
    for (const id of namespace.nodeIds) {
      const position = positions[id];
      if (position === undefined || (visible !== undefined && !visible.has(id))) continue;
      const size = sizeOf(id);
      members.push(id);
      left = Math.min(left, position.x);
      top = Math.min(top, position.y);
      right = Math.max(right, position.x + size.width);
      bottom = Math.max(bottom, position.y + size.height);
    }
    if (members.length === 0) continue;
    boxes.push({
      id: namespaceNodeId(namespace.name),
      namespace: namespace.name,
      position: { x: left - GROUP_MARGIN.side, y: top - GROUP_MARGIN.top },
      size: {
        width: right - left + GROUP_MARGIN.side * 2,
        height: bottom - top + GROUP_MARGIN.top + GROUP_MARGIN.bottom,
      },
      members,
    });
  }
  return boxes;
}
