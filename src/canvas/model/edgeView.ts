import type { Topology, TopologyEdge, TopologyEdgeType, TopologyNode } from '../../engine';
import { serverName, subsetName } from './nodeContent';

/** What an edge label shows: a weight, a subset, a port mapping... */
export interface EdgeChip {
  readonly text: string;
  readonly tone: 'neutral' | 'weight' | 'subset' | 'mirror' | 'delegate' | 'warning';
}

/** Everything an edge draws and says, derived from the topology edge alone. */
// A type alias, not an interface: React Flow wants edge data assignable to Record<string, unknown>.
export type EdgeView = {
  readonly type: TopologyEdgeType;
  /** Full sentence for assistive technology; for a dangling edge it ends with the reason. */
  readonly ariaLabel: string;
  readonly chips: readonly EdgeChip[];
  readonly dangling: boolean;
  readonly reason?: string;
  /** Share of the rule's traffic (routes and mirrors), drawn as the stroke weight. */
  readonly percent?: number;
};

/** `33.3%`, `50%`: one decimal at most. */
export function formatPercent(percent: number): string {
  return `${Math.round(percent * 10) / 10}%`;
}

function nodeName(node: TopologyNode | undefined, id: string): string {
  return node?.label ?? id;
}

function partName(topology: Topology, edge: TopologyEdge): string | undefined {
  if (edge.sourcePart === undefined) return undefined;
  const source = topology.byId.get(edge.source);
  if (source?.type === 'virtualService') {
    return source.rules.find((rule) => rule.id === edge.sourcePart)?.displayName;
  }
  if (source?.type === 'gateway') {
    const server = source.servers.find((candidate) => candidate.id === edge.sourcePart);
    return server === undefined ? undefined : serverName(server);
  }
  if (source?.type === 'destinationRule') {
    const subset = source.subsets.find((candidate) => candidate.id === edge.sourcePart);
    return subset === undefined ? undefined : `subset ${subsetName(subset)}`;
  }
  return undefined;
}

/** How many destinations the rule of a route edge has: a lone destination needs no weight label. */
function destinationsOfRule(topology: Topology, edge: TopologyEdge): number {
  let count = 0;
  for (const other of topology.edges) {
    if (other.type === 'route' && other.sourcePart === edge.sourcePart) count += 1;
  }
  return count;
}

/** The label, chips and accessible name of a topology edge. */
export function describeEdge(
  topology: Topology,
  edge: TopologyEdge,
  routesPerRule?: ReadonlyMap<string, number>,
): EdgeView {
  const source = nodeName(topology.byId.get(edge.source), edge.source);
  const target = nodeName(topology.byId.get(edge.target), edge.target);
  const part = partName(topology, edge);
  const from = part === undefined ? source : `${source} ${part}`;
  const chips: EdgeChip[] = [];
  let sentence: string;
  let percent: number | undefined;

  switch (edge.type) {
    case 'loadBalancer': {
      // The load balancer's ports that reach a server (the rows show where they go).
      const ports = [...new Set(edge.mappings.map((mapping) => mapping.servicePort))];
      sentence = `${source} sends traffic to ${target}${
        ports.length === 0 ? '' : ` on ${ports.length === 1 ? 'port' : 'ports'} ${ports.join(', ')}`
      }`;
      if (ports.length > 0) chips.push({ text: `:${ports.join(' :')}`, tone: 'neutral' });
      break;
    }
    case 'binding':
      sentence = `${from} binds ${target}${
        edge.hosts.length === 0 ? '' : ` for ${edge.hosts.join(', ')}`
      }`;
      break;
    case 'route': {
      percent = edge.percent;
      const routes =
        routesPerRule?.get(edge.sourcePart ?? '') ?? destinationsOfRule(topology, edge);
      if (routes > 1 || edge.percent !== 100) {
        chips.push({ text: formatPercent(edge.percent), tone: 'weight' });
      }
      if (edge.subset !== undefined) chips.push({ text: edge.subset, tone: 'subset' });
      sentence = `${from} routes ${formatPercent(edge.percent)} to ${target}${
        edge.subset === undefined ? '' : ` subset ${edge.subset}`
      }${edge.port === undefined ? '' : ` port ${edge.port}`}`;
      break;
    }
    case 'mirror':
      percent = edge.percent;
      chips.push({ text: `mirror ${formatPercent(edge.percent)}`, tone: 'mirror' });
      if (edge.subset !== undefined) chips.push({ text: edge.subset, tone: 'subset' });
      sentence = `${from} mirrors ${formatPercent(edge.percent)} of requests to ${target}${
        edge.subset === undefined ? '' : ` subset ${edge.subset}`
      }`;
      break;
    case 'delegate':
      chips.push({ text: 'delegate', tone: 'delegate' });
      sentence = `${from} delegates to ${target}`;
      break;
    case 'selects':
      sentence = `${source} selects the pods of ${target}`;
      break;
    case 'destinationRule':
      sentence = `${source} applies to ${target}`;
      break;
    case 'subset':
      sentence = `${from} of ${source} selects the pods of ${target}`;
      break;
    default:
      return assertNever(edge);
  }

  if (edge.dangling) {
    chips.push({ text: 'problem', tone: 'warning' });
  }
  const reason = edge.dangling ? edge.reason : undefined;
  return {
    type: edge.type,
    ariaLabel: reason === undefined ? sentence : `${sentence}. Problem: ${reason}`,
    chips,
    dangling: edge.dangling,
    ...(reason === undefined ? {} : { reason }),
    ...(percent === undefined ? {} : { percent }),
  };
}

/** The number of route edges leaving each rule, counted once for all edges. */
export function countRoutesPerRule(topology: Topology): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const edge of topology.edges) {
    if (edge.type === 'route' && edge.sourcePart !== undefined) {
      counts.set(edge.sourcePart, (counts.get(edge.sourcePart) ?? 0) + 1);
    }
  }
  return counts;
}

function assertNever(value: never): never {
  throw new Error(`Unexpected topology edge ${JSON.stringify(value)}`);
}
