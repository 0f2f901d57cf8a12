import type { Labels, RuleAction, TopologyNode } from '../../engine';

/** A small tag in a row: a protocol, a TLS mode, an action. */
export interface RowChip {
  readonly text: string;
  /** How it is coloured: `accent` for protocols, `warning` for what needs attention. */
  readonly tone: 'neutral' | 'accent' | 'success' | 'warning';
  /** Spelled out for assistive technology and the tooltip. */
  readonly title?: string;
}

/** One fixed-height row of a node: a part with its own handles, or a line of information. */
export interface NodeRow {
  /** Stable React key within the node. */
  readonly key: string;
  /** The part id (`key#http/0`) when the row is a part: selectable, with handles. */
  readonly partId?: string;
  /** The part's accessible name (`rule 0`, the rule's name, `server 0`...). */
  readonly accessibleName?: string;
  /** Where the part's handles are: traffic leaves on the right, arrives on the left. */
  readonly source?: boolean;
  readonly target?: boolean;
  /** The rule order, drawn as a small ordinal. */
  readonly ordinal?: number;
  readonly leadingChips?: readonly RowChip[];
  readonly primary: string;
  readonly secondary?: string;
  readonly trailingChips?: readonly RowChip[];
  readonly tone?: 'normal' | 'note' | 'warning';
  /** The whole text, for the tooltip when the row is cut short. */
  readonly title?: string;
}

/** A titled group of rows (`Servers`, `Rules`, `Ports`...). */
export interface NodeSection {
  readonly title: string;
  /** A short remark beside the title (`2 replicas`, `MESH_EXTERNAL · DNS`). */
  readonly aside?: string;
  readonly rows: readonly NodeRow[];
}

/** How many host or label lines a node lists before it says how many more there are. */
export const MAX_LIST_ROWS = 4;

/** What the header says a node is. */
export function kindTitle(node: TopologyNode): string {
  switch (node.type) {
    case 'loadBalancer':
      return 'LoadBalancer Service';
    case 'workload':
      return node.workloadKind;
    case 'missing':
      return node.missingKind === 'host' ? 'Missing host' : `Missing ${node.missingKind}`;
    case 'gateway':
    case 'virtualService':
    case 'service':
    case 'destinationRule':
    case 'serviceEntry':
      return node.kind;
    default:
      return assertNever(node);
  }
}

/**
 * What an unnamed server is called: counted from 1, as the inspector and the edits' messages
 * count (`Server 1`, `Rule 1`); the index stays in ids.
 */
export function serverName(server: { readonly name?: string; readonly index: number }): string {
  return server.name ?? `server ${server.index + 1}`;
}

/** What a subset is called: its name, else its place counted from 1. */
export function subsetName(subset: { readonly name?: string; readonly index: number }): string {
  return subset.name ?? String(subset.index + 1);
}

function listRows(prefix: string, items: readonly string[]): NodeRow[] {
  const shown = items.length > MAX_LIST_ROWS ? items.slice(0, MAX_LIST_ROWS - 1) : items;
  const rows: NodeRow[] = shown.map((item, index) => ({
    key: `${prefix}/${index}`,
    primary: item,
    title: item,
  }));
  if (shown.length < items.length) {
    const rest = items.slice(shown.length);
    rows.push({
      key: `${prefix}/more`,
      primary: `+${rest.length} more`,
      tone: 'note',
      title: rest.join('\n'),
    });
  }
  return rows;
}

function labelText(labels: Labels): string[] {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`);
}

const ACTION_CHIPS: Record<RuleAction, RowChip | undefined> = {
  route: undefined,
  redirect: { text: 'redirect', tone: 'accent', title: 'Redirects the request' },
  directResponse: { text: 'direct', tone: 'accent', title: 'Answers directly (directResponse)' },
  delegate: { text: 'delegate', tone: 'accent', title: 'Delegates to another VirtualService' },
  none: {
    text: 'no action',
    tone: 'warning',
    title: 'The rule has no route, redirect or delegate',
  },
};

function portText(port: number | undefined, target: number | string | undefined): string {
  const from = port === undefined ? '?' : String(port);
  return target === undefined || target === port ? from : `${from} → ${target}`;
}

/** The sections and rows a node shows, in order: the renderer and the size estimate share them. */
export function nodeSections(node: TopologyNode): readonly NodeSection[] {
  switch (node.type) {
    case 'loadBalancer': {
      const sections: NodeSection[] = [
        {
          title: 'Ports',
          rows: node.ports.map((port) => ({
            key: port.id,
            leadingChips: [{ text: port.protocol, tone: 'accent' }],
            primary: portText(port.port, port.targetPort),
            ...(port.name === undefined ? {} : { secondary: port.name }),
          })),
        },
      ];
      if (node.implicit) {
        sections.push({
          title: 'Assumed',
          rows: [
            {
              key: 'implicit',
              primary: 'Istio’s default ingress, not in the YAML',
              tone: 'note',
              title:
                'Sailplan assumes the LoadBalancer Service an Istio install creates for its ingress gateway; it is not in the YAML.',
            },
          ],
        });
      }
      return sections;
    }
    case 'gateway':
      return [
        {
          title: 'Servers',
          rows: node.servers.map((server) => {
            const trailing: RowChip[] = [];
            // Istio reads a `tls` block without a mode as PASSTHROUGH, but on a plain HTTP server
            // (one that only redirects to HTTPS) a TLS mode would mislead.
            const terminatesTls = ['HTTPS', 'TLS'].includes((server.protocol ?? '').toUpperCase());
            if (server.tlsMode !== undefined && terminatesTls) {
              trailing.push({
                text: server.tlsMode,
                tone: 'success',
                title: `TLS ${server.tlsMode}`,
              });
            }
            if (server.httpsRedirect) {
              trailing.push({ text: '→ HTTPS', tone: 'accent', title: 'Redirects to HTTPS' });
            }
            const hosts = server.hosts.join(', ');
            return {
              key: server.id,
              partId: server.id,
              accessibleName: serverName(server),
              source: true,
              leadingChips: [{ text: server.protocol ?? '?', tone: 'accent' }],
              primary: server.port === undefined ? '?' : String(server.port),
              secondary: hosts === '' ? 'no hosts' : hosts,
              trailingChips: trailing,
              title: `${server.protocol ?? '?'} ${server.port ?? '?'} · hosts ${hosts || 'none'}${
                server.tlsMode === undefined || !terminatesTls ? '' : ` · TLS ${server.tlsMode}`
              }${server.httpsRedirect ? ' · redirects to HTTPS' : ''}`,
            };
          }),
        },
      ];
    case 'virtualService':
      return [
        node.delegate
          ? {
              title: 'Hosts',
              rows: [{ key: 'delegate', primary: 'none: a delegate', tone: 'note' as const }],
            }
          : { title: 'Hosts', rows: listRows('host', node.hosts) },
        {
          title: 'Rules',
          ...(node.gateways.length === 0 ? { aside: 'mesh only' } : {}),
          rows:
            node.rules.length === 0
              ? [{ key: 'no-rules', primary: 'no rules', tone: 'warning' as const }]
              : node.rules.map((rule) => {
                  const action = ACTION_CHIPS[rule.action];
                  const section =
                    rule.section === 'http'
                      ? []
                      : [{ text: rule.section.toUpperCase(), tone: 'neutral' as const }];
                  return {
                    key: rule.id,
                    partId: rule.id,
                    accessibleName: rule.displayName,
                    source: true,
                    ordinal: rule.index,
                    primary: rule.displayName,
                    title: rule.displayName,
                    leadingChips: section,
                    trailingChips: action === undefined ? [] : [action],
                  };
                }),
        },
      ];
    case 'service':
      return [
        {
          title: 'Ports',
          ...(node.serviceType === 'ClusterIP' ? {} : { aside: node.serviceType }),
          rows:
            node.ports.length === 0
              ? [{ key: 'no-ports', primary: 'no ports', tone: 'warning' as const }]
              : node.ports.map((port) => ({
                  key: port.id,
                  partId: port.id,
                  accessibleName: `port ${port.name ?? port.port ?? port.index + 1}`,
                  target: true,
                  leadingChips: [{ text: port.protocol, tone: 'accent' as const }],
                  primary: portText(port.port, port.targetPort),
                  ...(port.name === undefined ? {} : { secondary: port.name }),
                })),
        },
      ];
    case 'destinationRule':
      return [
        {
          title: 'Host',
          rows: [{ key: 'host', primary: node.host || '(none)', title: node.resolvedHost }],
        },
        {
          title: 'Subsets',
          rows:
            node.subsets.length === 0
              ? [{ key: 'no-subsets', primary: 'no subsets', tone: 'note' as const }]
              : node.subsets.map((subset) => {
                  const labels = labelText(subset.labels).join(', ');
                  return {
                    key: subset.id,
                    partId: subset.id,
                    accessibleName: `subset ${subsetName(subset)}`,
                    source: true,
                    target: true,
                    primary: subset.name ?? `subset ${subsetName(subset)}`,
                    secondary: labels,
                    title: labels,
                  };
                }),
        },
      ];
    case 'serviceEntry': {
      const aside = [node.location, node.resolution].filter(Boolean).join(' · ');
      return [
        { title: 'Hosts', ...(aside === '' ? {} : { aside }), rows: listRows('host', node.hosts) },
        {
          title: 'Ports',
          rows:
            node.ports.length === 0
              ? [{ key: 'no-ports', primary: 'no ports', tone: 'note' as const }]
              : node.ports.map((port, index) => ({
                  key: `port/${index}`,
                  leadingChips: [{ text: port.protocol ?? '?', tone: 'accent' as const }],
                  primary: port.number === undefined ? '?' : String(port.number),
                  ...(port.name === undefined ? {} : { secondary: port.name }),
                })),
        },
      ];
    }
    case 'workload': {
      const labels = labelText(node.podLabels);
      return [
        {
          title: 'Pod labels',
          ...(node.replicas === undefined
            ? {}
            : { aside: `${node.replicas} ${node.replicas === 1 ? 'replica' : 'replicas'}` }),
          rows:
            labels.length === 0
              ? [{ key: 'no-labels', primary: 'no labels', tone: 'warning' as const }]
              : listRows('label', labels),
        },
      ];
    }
    case 'missing':
      return [
        {
          title: 'Not in the design',
          rows: [
            {
              key: 'missing',
              primary: node.reference,
              tone: 'warning',
              title: `${node.reference} is referenced, but the design has no such ${
                node.missingKind === 'host' ? 'Service or ServiceEntry' : node.missingKind
              }`,
            },
          ],
        },
      ];
    default:
      return assertNever(node);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected topology node ${JSON.stringify(value)}`);
}
