import { Trash2 } from 'lucide-react';
import { SERVICE_TYPES, type ServiceResource } from '../../../engine';
import { InlineAddForm, LabelsField } from '../collectionFields';
import {
  Card,
  IconButton,
  numberProblem,
  NumberField,
  Section,
  SelectField,
  TextField,
} from '../fields';
import type { ResourceEditing } from '../useResourceEditing';
import { labelsEditing, setNumber, setText, writtenChoice } from './common';
import { PORT_RANGE, protocolOptions } from './GatewayInspector';

/** A container port by name, or a number: what a Service's targetPort holds. */
function toTargetPort(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** A Kubernetes Service: its type, the pods it selects and its ports. */
export function ServiceInspector({
  service,
  editing,
  focusPort,
}: {
  readonly service: ServiceResource;
  readonly editing: ResourceEditing;
  readonly focusPort?: number;
}) {
  const spec = service.spec;
  const ports = spec.ports ?? [];
  const exposesNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  return (
    <>
      <Section title="Service">
        <SelectField
          label="Type"
          value={writtenChoice(editing, ['spec', 'type'])}
          options={SERVICE_TYPES.map((type) => ({ value: type, label: type }))}
          placeholder="Not set (ClusterIP)"
          help={
            spec.type === 'LoadBalancer'
              ? 'Where external traffic enters: port → targetPort on the selected pods.'
              : undefined
          }
          diagnostics={editing.diagnostics(['spec', 'type'])}
          onChange={(value) => editing.set(['spec', 'type'], value)}
        />
        {spec.type === 'ExternalName' ? (
          <TextField
            label="External name"
            value={spec.externalName}
            monospace
            onCommit={setText(editing, ['spec', 'externalName'])}
          />
        ) : null}
        <LabelsField
          legend="Selector"
          keyLabel="Selector label"
          labels={spec.selector}
          help="The pods it sends traffic to: all these labels must match."
          diagnostics={editing.diagnostics(['spec', 'selector'])}
          onChange={labelsEditing(editing, ['spec', 'selector'])}
        />
      </Section>
      <Section title="Ports" count={ports.length}>
        {ports.map((port, index) => {
          const path = ['spec', 'ports', index] as const;
          return (
            <Card
              key={index}
              title={`Port ${port.name ?? port.port ?? index + 1}`}
              namePrefix={`Port ${port.name ?? port.port ?? index + 1} `}
              highlighted={focusPort === index}
              actions={
                <IconButton
                  label={`Remove port ${port.name ?? port.port ?? index + 1}`}
                  tone="danger"
                  onClick={() =>
                    editing.act({
                      type: 'list.remove',
                      key: service.key,
                      path: ['spec', 'ports'],
                      index,
                    })
                  }
                >
                  <Trash2 size={14} aria-hidden="true" />
                </IconButton>
              }
            >
              <TextField
                label="Name"
                value={port.name}
                monospace
                help="Istio reads the protocol from its prefix (http-, grpc-, tcp-...) unless appProtocol says."
                diagnostics={editing.diagnostics([...path, 'name'])}
                onCommit={setText(editing, [...path, 'name'])}
              />
              <NumberField
                label="Port"
                value={port.port}
                {...PORT_RANGE}
                optional={false}
                diagnostics={editing.diagnostics([...path, 'port'])}
                onCommit={setNumber(editing, [...path, 'port'])}
              />
              <TextField
                label="Target port"
                value={port.targetPort === undefined ? undefined : String(port.targetPort)}
                monospace
                placeholder={port.port === undefined ? undefined : String(port.port)}
                help="A number, or a container port's name."
                validate={(text) =>
                  /^\d+$/.test(text.trim()) ? numberProblem(text, PORT_RANGE) : undefined
                }
                diagnostics={editing.diagnostics([...path, 'targetPort'])}
                onCommit={(text) => editing.set([...path, 'targetPort'], toTargetPort(text))}
              />
              <SelectField
                label="Protocol"
                value={port.protocol ?? ''}
                options={protocolOptions(port.protocol, ['TCP', 'UDP', 'SCTP'])}
                onChange={(value) => editing.set([...path, 'protocol'], value || undefined)}
              />
              <TextField
                label="App protocol"
                value={port.appProtocol}
                monospace
                placeholder="http"
                onCommit={setText(editing, [...path, 'appProtocol'])}
              />
              {exposesNodePorts ? (
                <NumberField
                  label="Node port"
                  value={port.nodePort}
                  min={30000}
                  max={32767}
                  integer
                  rangeMessage="A node port is a number from 30000 to 32767"
                  onCommit={setNumber(editing, [...path, 'nodePort'])}
                />
              ) : null}
            </Card>
          );
        })}
        <InlineAddForm
          label="New port number"
          addLabel="Add port"
          placeholder="port number, e.g. 8080"
          numeric
          onAdd={(text) =>
            numberProblem(text, { ...PORT_RANGE, optional: false }) ??
            editing.insert(['spec', 'ports'], {
              name: `http-${text}`,
              port: Number(text),
              targetPort: Number(text),
            })
          }
        />
      </Section>
    </>
  );
}
