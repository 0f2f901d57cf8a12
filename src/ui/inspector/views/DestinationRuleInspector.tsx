import { Trash2 } from 'lucide-react';
import { serviceFqdn, type DestinationRuleResource } from '../../../engine';
import { InlineAddForm, LabelsField, StringListField } from '../collectionFields';
import { Card, IconButton, NamePrefix, Note, Section, TextField } from '../fields';
import { SUGGESTIONS } from '../Suggestions';
import { hostProblem, subsetNameProblem } from '../validators';
import type { ResourceEditing } from '../useResourceEditing';
import { labelsEditing, listEditing } from './common';
import { PortLevelSettingsFields, TrafficPolicyFields } from './TrafficPolicyFields';

/** A DestinationRule: the host it configures, its traffic policy and its subsets. */
export function DestinationRuleInspector({
  destinationRule,
  editing,
  focusSubset,
}: {
  readonly destinationRule: DestinationRuleResource;
  readonly editing: ResourceEditing;
  readonly focusSubset?: number;
}) {
  const spec = destinationRule.spec;
  const subsets = spec.subsets ?? [];
  return (
    <>
      <Section title="Destination">
        <TextField
          label="Host"
          value={spec.host}
          monospace
          suggestions={SUGGESTIONS.hosts}
          help={`A name without a dot means ${serviceFqdn('name', destinationRule.namespace, editing.design.model.clusterDomain)}.`}
          diagnostics={editing.diagnostics(['spec', 'host'])}
          validate={hostProblem}
          onCommit={(text) => {
            const host = text.trim();
            if (host === '') return 'A DestinationRule needs a host';
            return editing.edit({
              type: 'destinationRule.setHost',
              destinationRule: destinationRule.key,
              host,
            });
          }}
        />
      </Section>
      <Section title="Subsets" count={subsets.length}>
        <Note>A subset is the host’s pods that carry all its labels; routes pick one by name.</Note>
        {subsets.map((subset, index) => {
          const path = ['spec', 'subsets', index] as const;
          return (
            <Card
              key={index}
              title={`Subset ${subset.name ?? index + 1}`}
              highlighted={focusSubset === index}
              actions={
                <IconButton
                  label={`Remove subset ${subset.name ?? index + 1}`}
                  tone="danger"
                  onClick={() =>
                    editing.act({
                      type: 'subset.remove',
                      destinationRule: destinationRule.key,
                      subset: index,
                    })
                  }
                >
                  <Trash2 size={14} aria-hidden="true" />
                </IconButton>
              }
            >
              <NamePrefix prefix={`Subset ${subset.name ?? index + 1} `}>
                <TextField
                  label="Name"
                  value={subset.name}
                  monospace
                  help="Routes and mirrors naming it follow a new name."
                  diagnostics={editing.diagnostics([...path, 'name'])}
                  validate={subsetNameProblem}
                  onCommit={(text) => {
                    const name = text.trim();
                    if (name === '') return 'A subset needs a name';
                    return editing.edit({
                      type: 'subset.rename',
                      destinationRule: destinationRule.key,
                      subset: index,
                      name,
                    });
                  }}
                />
              </NamePrefix>
              <LabelsField
                legend="Pod labels"
                keyLabel={`Subset ${subset.name ?? index + 1} label`}
                labels={subset.labels}
                diagnostics={editing.diagnostics([...path, 'labels'])}
                onChange={labelsEditing(editing, [...path, 'labels'])}
              />
              <details className="inspector-more" open={subset.trafficPolicy !== undefined}>
                <summary>Traffic policy of this subset</summary>
                <TrafficPolicyFields
                  policy={subset.trafficPolicy}
                  path={[...path, 'trafficPolicy']}
                  editing={editing}
                  idPrefix={`Subset ${subset.name ?? index + 1} `}
                />
                <PortLevelSettingsFields
                  policy={subset.trafficPolicy}
                  path={[...path, 'trafficPolicy']}
                  editing={editing}
                  idPrefix={`Subset ${subset.name ?? index + 1} `}
                />
              </details>
            </Card>
          );
        })}
        <InlineAddForm
          label="New subset name"
          addLabel="Add subset"
          placeholder="new subset, e.g. v2"
          onAdd={(name) =>
            editing.edit({
              type: 'subset.add',
              destinationRule: destinationRule.key,
              name,
              labels: { version: name },
            })
          }
        />
      </Section>
      <Section title="Traffic policy" defaultOpen={spec.trafficPolicy !== undefined}>
        <TrafficPolicyFields
          policy={spec.trafficPolicy}
          path={['spec', 'trafficPolicy']}
          editing={editing}
        />
        <PortLevelSettingsFields
          policy={spec.trafficPolicy}
          path={['spec', 'trafficPolicy']}
          editing={editing}
        />
      </Section>
      <Section title="Applies to workloads" defaultOpen={spec.workloadSelector !== undefined}>
        <LabelsField
          legend="Workload labels"
          hideLegend
          keyLabel="Workload label"
          labels={spec.workloadSelector?.matchLabels}
          help="With a workload selector the rule applies only to the sidecars of the workloads in its namespace carrying all these labels, and is visible only in its own namespace (Export to is ignored). None: every sidecar that sees the rule."
          diagnostics={editing.diagnostics(['spec', 'workloadSelector'])}
          onChange={(next) =>
            // An empty selector still makes the rule namespace-local: it goes whole.
            Object.keys(next).length === 0
              ? editing.set(['spec', 'workloadSelector'], undefined)
              : editing.set(['spec', 'workloadSelector', 'matchLabels'], next)
          }
        />
      </Section>
      <Section title="Visibility" defaultOpen={false}>
        <StringListField
          legend="Export to"
          itemLabel="Namespace"
          items={spec.exportTo ?? []}
          placeholder="*"
          suggestions={SUGGESTIONS.namespaces}
          help="A gateway in istio-system does not see a rule exported only to its own namespace (.)."
          {...listEditing(editing, ['spec', 'exportTo'])}
        />
      </Section>
    </>
  );
}
