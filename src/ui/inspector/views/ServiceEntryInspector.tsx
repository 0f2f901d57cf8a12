import { Trash2 } from 'lucide-react';
import type { ServiceEntryResource } from '../../../engine';
import { InlineAddForm, LabelsField, StringListField } from '../collectionFields';
import {
  Card,
  NamePrefix,
  IconButton,
  numberProblem,
  NumberField,
  Section,
  SelectField,
  TextField,
} from '../fields';
import { SUGGESTIONS } from '../Suggestions';
import type { ResourceEditing } from '../useResourceEditing';
import { labelsEditing, listEditing, setNumber, setText, writtenChoice } from './common';
import { PORT_RANGE, protocolOptions } from './GatewayInspector';

/** A ServiceEntry: hosts outside (or added to) the mesh registry, their ports and endpoints. */
export function ServiceEntryInspector({
  serviceEntry,
  editing,
  focusPort,
}: {
  readonly serviceEntry: ServiceEntryResource;
  readonly editing: ResourceEditing;
  readonly focusPort?: number;
}) {
  const spec = serviceEntry.spec;
  const ports = spec.ports ?? [];
  const endpoints = spec.endpoints ?? [];
  return (
    <>
      <Section title="Hosts" count={(spec.hosts ?? []).length}>
        <StringListField
          legend="Hosts"
          hideLegend
          itemLabel="Host"
          items={spec.hosts ?? []}
          placeholder="api.example.com"
          help="Route destinations must name one of these exactly."
          {...listEditing(editing, ['spec', 'hosts'])}
        />
        <StringListField
          legend="Addresses"
          itemLabel="Address"
          items={spec.addresses ?? []}
          placeholder="192.0.2.10/32"
          {...listEditing(editing, ['spec', 'addresses'])}
        />
      </Section>
      <Section title="Ports" count={ports.length}>
        {ports.map((port, index) => {
          const path = ['spec', 'ports', index] as const;
          return (
            <Card
              key={index}
              title={`Port ${port.number ?? index + 1}`}
              namePrefix={`Port ${port.number ?? index + 1} `}
              highlighted={focusPort === index}
              actions={
                <IconButton
                  label={`Remove port ${port.number ?? index + 1}`}
                  tone="danger"
                  onClick={() =>
                    editing.act({
                      type: 'list.remove',
                      key: serviceEntry.key,
                      path: ['spec', 'ports'],
                      index,
                    })
                  }
                >
                  <Trash2 size={14} aria-hidden="true" />
                </IconButton>
              }
            >
              <NumberField
                label="Number"
                value={port.number}
                {...PORT_RANGE}
                optional={false}
                diagnostics={editing.diagnostics([...path, 'number'])}
                onCommit={setNumber(editing, [...path, 'number'])}
              />
              <TextField
                label="Name"
                value={port.name}
                monospace
                diagnostics={editing.diagnostics([...path, 'name'])}
                onCommit={setText(editing, [...path, 'name'])}
              />
              <SelectField
                label="Protocol"
                value={port.protocol ?? ''}
                options={protocolOptions(port.protocol)}
                diagnostics={editing.diagnostics([...path, 'protocol'])}
                onChange={(value) => editing.set([...path, 'protocol'], value || undefined)}
              />
              <NumberField
                label="Target port"
                value={port.targetPort}
                {...PORT_RANGE}
                diagnostics={editing.diagnostics([...path, 'targetPort'])}
                onCommit={setNumber(editing, [...path, 'targetPort'])}
              />
            </Card>
          );
        })}
        <InlineAddForm
          label="New port number"
          addLabel="Add port"
          placeholder="port number, e.g. 443"
          numeric
          onAdd={(text) =>
            numberProblem(text, { ...PORT_RANGE, optional: false }) ??
            editing.insert(['spec', 'ports'], {
              number: Number(text),
              name: Number(text) === 443 ? 'https' : `http-${text}`,
              protocol: Number(text) === 443 ? 'TLS' : 'HTTP',
            })
          }
        />
      </Section>
      <Section title="Location and resolution">
        <SelectField
          label="Location"
          value={writtenChoice(editing, ['spec', 'location'])}
          options={[
            { value: '', label: 'Not set (external)' },
            { value: 'MESH_EXTERNAL', label: 'MESH_EXTERNAL' },
            { value: 'MESH_INTERNAL', label: 'MESH_INTERNAL' },
          ]}
          help="External: outside the mesh, no Istio mTLS."
          onChange={(value) => editing.set(['spec', 'location'], value || undefined)}
        />
        <SelectField
          label="Resolution"
          value={writtenChoice(editing, ['spec', 'resolution'])}
          options={[
            { value: '', label: 'Not set (NONE)' },
            ...(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS'] as const).map(
              (value) => ({ value, label: value }),
            ),
          ]}
          help="STATIC: the endpoints' IPs. DNS: the endpoints' names, or the hosts without endpoints."
          diagnostics={editing.diagnostics(['spec', 'resolution'])}
          onChange={(value) => editing.set(['spec', 'resolution'], value || undefined)}
        />
      </Section>
      <Section title="Endpoints" count={endpoints.length} defaultOpen={endpoints.length > 0}>
        {endpoints.map((endpoint, index) => {
          const path = ['spec', 'endpoints', index] as const;
          return (
            <Card
              key={index}
              title={`Endpoint ${endpoint.address ?? index + 1}`}
              actions={
                <IconButton
                  label={`Remove endpoint ${endpoint.address ?? index + 1}`}
                  tone="danger"
                  onClick={() =>
                    editing.act({
                      type: 'list.remove',
                      key: serviceEntry.key,
                      path: ['spec', 'endpoints'],
                      index,
                    })
                  }
                >
                  <Trash2 size={14} aria-hidden="true" />
                </IconButton>
              }
            >
              <NamePrefix prefix={`Endpoint ${index + 1} `}>
                <TextField
                  label="Address"
                  value={endpoint.address}
                  monospace
                  diagnostics={editing.diagnostics([...path, 'address'])}
                  onCommit={setText(editing, [...path, 'address'])}
                />
                <NumberField
                  label="Weight"
                  value={endpoint.weight}
                  min={0}
                  integer
                  onCommit={setNumber(editing, [...path, 'weight'])}
                />
                <TextField
                  label="Locality"
                  value={endpoint.locality}
                  monospace
                  placeholder="region/zone"
                  onCommit={setText(editing, [...path, 'locality'])}
                />
              </NamePrefix>
              <LabelsField
                legend="Ports by name"
                keyLabel={`Endpoint ${index + 1} port`}
                labels={
                  endpoint.ports === undefined
                    ? undefined
                    : Object.fromEntries(
                        Object.entries(endpoint.ports).map(([name, number]) => [
                          name,
                          String(number),
                        ]),
                      )
                }
                diagnostics={editing.diagnostics([...path, 'ports'])}
                onChange={(next) => {
                  const numbers: Record<string, number> = {};
                  for (const [name, text] of Object.entries(next)) {
                    const problem = numberProblem(text, { ...PORT_RANGE, optional: false });
                    if (problem !== undefined) return `${name}: ${problem}`;
                    numbers[name] = Number(text);
                  }
                  return editing.set(
                    [...path, 'ports'],
                    Object.keys(numbers).length === 0 ? undefined : numbers,
                  );
                }}
              />
              <LabelsField
                legend="Labels"
                keyLabel={`Endpoint ${index + 1} label`}
                labels={endpoint.labels}
                diagnostics={editing.diagnostics([...path, 'labels'])}
                onChange={labelsEditing(editing, [...path, 'labels'])}
              />
            </Card>
          );
        })}
        <InlineAddForm
          label="New endpoint address"
          addLabel="Add endpoint"
          placeholder="address, e.g. 192.0.2.10"
          onAdd={(address) => editing.insert(['spec', 'endpoints'], { address })}
        />
      </Section>
      <Section title="Visibility" defaultOpen={false}>
        <StringListField
          legend="Export to"
          itemLabel="Namespace"
          items={spec.exportTo ?? []}
          placeholder="*"
          suggestions={SUGGESTIONS.namespaces}
          help="* every namespace (default), . its own, ~ none."
          {...listEditing(editing, ['spec', 'exportTo'])}
        />
      </Section>
    </>
  );
}
