import {
  parseNodeId,
  ruleDisplayName,
  type Model,
  type Topology,
  type TopologyEdge,
  type VirtualServiceResource,
} from '../../../engine';
import { useSailplanStoreApi } from '../../../store';
import { Card, Note, NumberField, Section, ValueRow } from '../fields';
import { useResourceEditing } from '../useResourceEditing';
import { setNumber } from './common';
import { DestinationFields, formatPercent } from './DestinationFields';
import { DestinationHeadersFields } from './HeaderOperationsFields';
import { WeightField } from './RuleInspector';
import { PERCENT_CHECK } from '../validators';

const EDGE_TITLES: Record<TopologyEdge['type'], string> = {
  loadBalancer: 'Load balancer → Gateway',
  binding: 'Gateway → VirtualService',
  route: 'Route',
  mirror: 'Mirror',
  delegate: 'Delegation',
  selects: 'Selects pods',
  destinationRule: 'DestinationRule → host',
  subset: 'Subset → pods',
};

/** A button that selects a node or part by id, named as the canvas names it. */
function NodeLink({ id, topology }: { readonly id: string; readonly topology: Topology }) {
  const store = useSailplanStoreApi();
  const reference = parseNodeId(id);
  const node = topology.byId.get(reference?.key ?? id);
  let label = node?.label ?? id;
  if (reference?.part !== undefined && node?.type === 'virtualService') {
    const rule = node.rules.find((candidate) => candidate.id === id);
    if (rule !== undefined) label = `${rule.displayName} of ${node.label}`;
  } else if (reference?.part !== undefined && node?.type === 'gateway') {
    label = `server ${reference.part.index + 1} of ${node.label}`;
  }
  return (
    <button
      type="button"
      className="inspector-link"
      onClick={() => store.getState().select({ id, origin: 'panel' })}
    >
      {label}
    </button>
  );
}

/** A route edge: the destination of one rule, with its weight and share of the traffic. */
function RouteEdgeFields({
  edge,
  virtualService,
}: {
  readonly edge: Extract<TopologyEdge, { type: 'route' }>;
  readonly virtualService: VirtualServiceResource;
}) {
  const editing = useResourceEditing(virtualService.key);
  const ruleIndex = Number(edge.sourcePart?.split('/').pop());
  const routes = virtualService.spec[edge.section]?.[ruleIndex]?.route ?? [];
  const route = routes[edge.destinationIndex];
  if (route === undefined) return null;
  const path = ['spec', edge.section, ruleIndex, 'route', edge.destinationIndex] as const;
  return (
    <Card
      title={`Destination ${edge.destinationIndex + 1} of ${ruleDisplayName(edge.section, ruleIndex, virtualService.spec.http?.[ruleIndex]?.name)}`}
    >
      <DestinationFields
        destination={route.destination}
        path={[...path, 'destination']}
        editing={editing}
        namespace={virtualService.namespace}
      />
      <WeightField
        weight={route.weight}
        percent={edge.percent}
        single={routes.length === 1}
        diagnostics={editing.diagnostics([...path, 'weight'])}
        onCommit={(weight) =>
          weight === undefined
            ? editing.remove([...path, 'weight'])
            : editing.edit({
                type: 'route.setWeight',
                virtualService: virtualService.key,
                section: edge.section,
                rule: ruleIndex,
                destination: edge.destinationIndex,
                weight,
              })
        }
      />
      {edge.section === 'http' ? (
        <DestinationHeadersFields
          headers={virtualService.spec.http?.[ruleIndex]?.route?.[edge.destinationIndex]?.headers}
          path={[...path, 'headers']}
          editing={editing}
          index={edge.destinationIndex}
        />
      ) : null}
    </Card>
  );
}

/** A mirror edge: where copies go, and how many. */
function MirrorEdgeFields({
  edge,
  virtualService,
}: {
  readonly edge: Extract<TopologyEdge, { type: 'mirror' }>;
  readonly virtualService: VirtualServiceResource;
}) {
  const editing = useResourceEditing(virtualService.key);
  const reference = parseNodeId(edge.sourcePart ?? '');
  const ruleIndex = reference?.part?.index ?? 0;
  const rule = virtualService.spec.http?.[ruleIndex];
  const listed = /\/mirrors\/(\d+)$/.exec(edge.id);
  const rulePath = ['spec', 'http', ruleIndex] as const;
  if (listed !== null) {
    const mirrorIndex = Number(listed[1]);
    const mirror = rule?.mirrors?.[mirrorIndex];
    return (
      <Card title={`Mirror ${mirrorIndex + 1}`}>
        <DestinationFields
          destination={mirror?.destination}
          path={[...rulePath, 'mirrors', mirrorIndex, 'destination']}
          editing={editing}
          namespace={virtualService.namespace}
        />
        <NumberField
          label="Mirrored %"
          value={mirror?.percentage?.value}
          {...PERCENT_CHECK}
          placeholder="100"
          onCommit={setNumber(editing, [
            ...rulePath,
            'mirrors',
            mirrorIndex,
            'percentage',
            'value',
          ])}
        />
      </Card>
    );
  }
  return (
    <Card title="Mirror">
      <DestinationFields
        destination={rule?.mirror}
        path={[...rulePath, 'mirror']}
        editing={editing}
        namespace={virtualService.namespace}
      />
      <NumberField
        label="Mirrored %"
        value={rule?.mirrorPercentage?.value}
        {...PERCENT_CHECK}
        placeholder="100"
        onCommit={setNumber(editing, [...rulePath, 'mirrorPercentage', 'value'])}
      />
    </Card>
  );
}

/** A connection on the canvas: what it stands for, and the fields behind it. */
export function EdgeInspector({
  edge,
  model,
  topology,
}: {
  readonly edge: TopologyEdge;
  readonly model: Model;
  readonly topology: Topology;
}) {
  const source = model.byKey.get(edge.source);
  const virtualService = source?.kind === 'VirtualService' ? source : undefined;
  return (
    <>
      <div className="inspector-title">
        <div className="inspector-title-text">
          <span className="inspector-kind kind-edge">Connection</span>
          <span className="inspector-title-name">{EDGE_TITLES[edge.type]}</span>
        </div>
      </div>
      <Section title="Ends" stateKey="edge-ends">
        <ValueRow label="From">
          <NodeLink id={edge.sourcePart ?? edge.source} topology={topology} />
        </ValueRow>
        <ValueRow label="To">
          <NodeLink id={edge.target} topology={topology} />
        </ValueRow>
        {edge.type === 'route' || edge.type === 'mirror' ? (
          <ValueRow label="Share">{formatPercent(edge.percent)}</ValueRow>
        ) : null}
        {edge.type === 'binding' && edge.hosts.length > 0 ? (
          <ValueRow label="Hosts">{edge.hosts.join(', ')}</ValueRow>
        ) : null}
        {edge.type === 'loadBalancer'
          ? edge.mappings.map((mapping) => (
              <ValueRow
                key={`${mapping.servicePort}-${mapping.serverIndex}`}
                label={`Port ${mapping.servicePort}`}
              >
                → pod {mapping.targetPort}, server {mapping.serverIndex + 1} ({mapping.serverPort})
              </ValueRow>
            ))
          : null}
        {edge.dangling ? (
          <Note tone="warning">{edge.reason ?? 'This reference does not work.'}</Note>
        ) : null}
      </Section>
      {edge.type === 'route' && virtualService !== undefined ? (
        <Section title="Route" stateKey="edge-route">
          <RouteEdgeFields edge={edge} virtualService={virtualService} />
        </Section>
      ) : null}
      {edge.type === 'mirror' && virtualService !== undefined ? (
        <Section title="Mirror" stateKey="edge-mirror">
          <MirrorEdgeFields edge={edge} virtualService={virtualService} />
        </Section>
      ) : null}
    </>
  );
}
