import { ArrowDown, ArrowUp, ChevronLeft, Trash2 } from 'lucide-react';
import {
  destinationPercents,
  ruleDisplayName,
  type L4MatchAttributes,
  type VirtualServiceResource,
} from '../../../engine';
import { useSailplanStoreApi } from '../../../store';
import { InlineAddForm, StringListField } from '../collectionFields';
import { Card, IconButton, Note, NumberField, numberProblem, Section } from '../fields';
import { SUGGESTIONS } from '../Suggestions';
import type { ResourceEditing } from '../useResourceEditing';
import { listEditing, ProblemList, setNumber } from './common';
import { DestinationFields } from './DestinationFields';
import { PORT_RANGE } from './GatewayInspector';
import { RemoveDestinationButton } from './RemoveDestinationButton';
import { WeightField } from './RuleInspector';
import { SourceConditionFields } from './SourceConditionFields';
import { sniHostProblem, subnetProblem } from '../validators';

/** True when a condition uses more than its port and SNI hosts: its fold starts open. */
function hasMoreConditions(match: L4MatchAttributes): boolean {
  return (
    match.destinationSubnets !== undefined ||
    match.sourceLabels !== undefined ||
    match.sourceNamespace !== undefined ||
    match.gateways !== undefined
  );
}

/**
 * A tcp or tls rule: its conditions (port, SNI hosts, destination subnets, source labels and
 * namespace, gateways; L4MatchAttributes, TLSMatchAttributes) and its weighted destinations
 * (routing-semantics §2.11).
 */
export function L4RuleInspector({
  virtualService,
  section,
  ruleIndex,
  editing,
}: {
  readonly virtualService: VirtualServiceResource;
  readonly section: 'tcp' | 'tls';
  readonly ruleIndex: number;
  readonly editing: ResourceEditing;
}) {
  const store = useSailplanStoreApi();
  const rules = virtualService.spec[section] ?? [];
  const rule = rules[ruleIndex];
  if (rule === undefined) return <p className="inspector-empty">This rule no longer exists.</p>;
  const name = ruleDisplayName(section, ruleIndex, undefined);
  // The rule moves and stays selected at its new place (first match wins).
  const moveRule = (to: number) =>
    editing.act(
      { type: 'rule.move', virtualService: virtualService.key, section, from: ruleIndex, to },
      { follow: true },
    );
  const path = ['spec', section, ruleIndex] as const;
  const routes = rule.route ?? [];
  const percents = destinationPercents(routes.map((route) => route.weight));
  const matches = rule.match ?? [];
  return (
    <>
      <div className="inspector-title">
        <button
          type="button"
          className="inspector-back"
          onClick={() => store.getState().select({ id: virtualService.key, origin: 'panel' })}
        >
          <ChevronLeft size={14} aria-hidden="true" />
          <span className="visually-hidden">Back to </span>
          <span className="inspector-back-text">
            VirtualService {virtualService.namespace}/{virtualService.name}
          </span>
        </button>
      </div>
      <div className="inspector-rule-header">
        <span className="inspector-kind kind-virtualservice">Rule</span>
        <span className="inspector-title-name">{name}</span>
        <span className="inspector-rule-position">
          {ruleIndex + 1} of {rules.length}
        </span>
        <span className="toolbar-spacer" />
        <IconButton
          label={`Move ${name} up`}
          disabled={ruleIndex === 0}
          onClick={() => moveRule(ruleIndex - 1)}
        >
          <ArrowUp size={14} aria-hidden="true" />
        </IconButton>
        <IconButton
          label={`Move ${name} down`}
          disabled={ruleIndex === rules.length - 1}
          onClick={() => moveRule(ruleIndex + 1)}
        >
          <ArrowDown size={14} aria-hidden="true" />
        </IconButton>
        <IconButton
          label={`Delete ${name}…`}
          tone="danger"
          onClick={() =>
            store.getState().requestDelete(`${virtualService.key}#${section}/${ruleIndex}`)
          }
        >
          <Trash2 size={14} aria-hidden="true" />
        </IconButton>
      </div>
      <ProblemList diagnostics={editing.diagnostics(path)} base={path} />
      <Section title="Match" count={matches.length} stateKey="l4-match">
        {matches.length === 0 ? <Note>No conditions: every connection.</Note> : null}
        {matches.map((match, index) => {
          const matchPath = [...path, 'match', index] as const;
          return (
            <Card
              key={index}
              title={`Condition ${index + 1}`}
              namePrefix={`Condition ${index + 1} `}
              actions={
                <IconButton
                  label={`Remove condition ${index + 1}`}
                  tone="danger"
                  onClick={() =>
                    editing.act({
                      type: 'list.remove',
                      key: virtualService.key,
                      path: [...path, 'match'],
                      index,
                    })
                  }
                >
                  <Trash2 size={14} aria-hidden="true" />
                </IconButton>
              }
            >
              <NumberField
                label="Port"
                value={match.port}
                {...PORT_RANGE}
                diagnostics={editing.diagnostics([...matchPath, 'port'])}
                onCommit={setNumber(editing, [...matchPath, 'port'])}
              />
              {section === 'tls' ? (
                <StringListField
                  legend="SNI hosts"
                  itemLabel="SNI host"
                  items={'sniHosts' in match && Array.isArray(match.sniHosts) ? match.sniHosts : []}
                  placeholder="SNI host"
                  help="Must be among the VirtualService's hosts; *.example.com matches its subdomains."
                  validate={sniHostProblem}
                  {...listEditing(editing, [...matchPath, 'sniHosts'])}
                />
              ) : null}
              <details className="inspector-more" open={hasMoreConditions(match)}>
                <summary>More conditions</summary>
                <StringListField
                  legend="Destination subnets"
                  itemLabel="Destination subnet"
                  items={match.destinationSubnets ?? []}
                  placeholder="10.0.0.0/8"
                  help="The address the connection is made to: an IP address or a CIDR block."
                  validate={subnetProblem}
                  {...listEditing(editing, [...matchPath, 'destinationSubnets'])}
                />
                <SourceConditionFields
                  editing={editing}
                  path={matchPath}
                  match={match}
                  labelsHelp="The client pods' labels. With gateways listed, they apply only if mesh is among them."
                  namespaceHelp="The client pods' namespace."
                />
              </details>
            </Card>
          );
        })}
        {section === 'tls' ? (
          <InlineAddForm
            label="New condition SNI host"
            addLabel="Add condition"
            placeholder="SNI host, e.g. orders.db.example.com"
            onAdd={(text) =>
              sniHostProblem(text) ??
              editing.insert([...path, 'match'], { sniHosts: [text.trim()] })
            }
          />
        ) : (
          <InlineAddForm
            label="New condition port"
            addLabel="Add condition"
            placeholder="port, e.g. 5432"
            numeric
            onAdd={(text) =>
              numberProblem(text, { ...PORT_RANGE, optional: false }) ??
              editing.insert([...path, 'match'], { port: Number(text.trim()) })
            }
          />
        )}
      </Section>
      <Section title="Destinations" count={routes.length} stateKey="l4-destinations">
        {routes.map((route, index) => (
          <Card
            key={index}
            title={`Destination ${index + 1}`}
            namePrefix={`Destination ${index + 1} `}
            actions={
              <RemoveDestinationButton
                virtualService={virtualService}
                section={section}
                ruleIndex={ruleIndex}
                index={index}
                count={routes.length}
                editing={editing}
              />
            }
          >
            <DestinationFields
              destination={route.destination}
              path={[...path, 'route', index, 'destination']}
              editing={editing}
              namespace={virtualService.namespace}
            />
            <WeightField
              weight={route.weight}
              percent={percents[index] ?? 0}
              single={routes.length === 1}
              diagnostics={editing.diagnostics([...path, 'route', index, 'weight'])}
              onCommit={(weight) =>
                weight === undefined
                  ? editing.remove([...path, 'route', index, 'weight'])
                  : editing.edit({
                      type: 'route.setWeight',
                      virtualService: virtualService.key,
                      section,
                      rule: ruleIndex,
                      destination: index,
                      weight,
                    })
              }
            />
          </Card>
        ))}
        <InlineAddForm
          label="New destination host"
          addLabel="Add destination"
          placeholder="host of a new destination"
          suggestions={SUGGESTIONS.hosts}
          onAdd={(host) =>
            editing.edit({
              type: 'route.addDestination',
              virtualService: virtualService.key,
              section,
              rule: ruleIndex,
              destination: { host },
            })
          }
        />
      </Section>
    </>
  );
}
