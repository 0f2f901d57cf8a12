import { Plus, Trash2 } from 'lucide-react';
import {
  isHttpProtocol,
  parseProtocol,
  PROTOCOLS,
  SERVER_TLS_MODES,
  type GatewayResource,
  type Server,
} from '../../../engine';
import { LabelsField, StringListField } from '../collectionFields';
import {
  Card,
  CheckboxField,
  IconButton,
  Note,
  NumberField,
  Section,
  SelectField,
  TextField,
  type SelectOption,
} from '../fields';
import { PORT_CHECK, portNameProblem, serverHostProblem } from '../validators';
import type { ResourceEditing } from '../useResourceEditing';
import { labelsEditing, listEditing, setText, writtenChoice } from './common';

/** What every port field checks: Istio's ValidatePort, in its words. */
export const PORT_RANGE = PORT_CHECK;

/** Options for a protocol select, keeping a value written in another case or unknown. */
export function protocolOptions(
  written: string | undefined,
  protocols: readonly string[] = PROTOCOLS,
): SelectOption[] {
  const options: SelectOption[] = protocols.map((protocol) => ({
    value: protocol,
    label: protocol,
  }));
  if (written !== undefined && !protocols.includes(written)) {
    options.unshift({ value: written, label: written });
  }
  if (written === undefined) options.unshift({ value: '', label: '—' });
  return options;
}

// `tls` written without `mode` is PASSTHROUGH (routing-semantics §1.2): a value of its own, so
// that the select says so instead of pretending there is no TLS.
const MODE_NOT_WRITTEN = '(not written)';

const TERMINATING_MODES: ReadonlySet<string> = new Set(['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL']);

function ServerCard({
  gateway,
  server,
  index,
  editing,
  highlighted,
}: {
  readonly gateway: GatewayResource;
  readonly server: Server;
  readonly index: number;
  readonly editing: ResourceEditing;
  readonly highlighted: boolean;
}) {
  const path = ['spec', 'servers', index] as const;
  const protocol = server.port?.protocol;
  const tls = server.tls;
  // As written: the model drops a mode Istio does not have.
  const writtenMode = writtenChoice(editing, [...path, 'tls', 'mode']);
  const mode = tls === undefined ? '' : writtenMode === '' ? MODE_NOT_WRITTEN : writtenMode;
  const httpClass = isHttpProtocol(parseProtocol(protocol));
  const title = `Server ${index + 1}${server.port?.number !== undefined ? ` · ${protocol ?? ''} ${server.port.number}` : ''}`;
  return (
    <Card
      title={title}
      namePrefix={`Server ${index + 1} `}
      highlighted={highlighted}
      actions={
        <IconButton
          label={`Remove server ${index + 1}`}
          tone="danger"
          onClick={() =>
            editing.act({ type: 'server.remove', gateway: gateway.key, server: index })
          }
        >
          <Trash2 size={14} aria-hidden="true" />
        </IconButton>
      }
    >
      <NumberField
        label="Port"
        value={server.port?.number}
        {...PORT_RANGE}
        diagnostics={editing.diagnostics([...path, 'port', 'number'])}
        onCommit={(value) => editing.set([...path, 'port', 'number'], value)}
      />
      <SelectField
        label="Protocol"
        value={protocol ?? ''}
        options={protocolOptions(protocol)}
        diagnostics={editing.diagnostics([...path, 'port', 'protocol'])}
        onChange={(value) =>
          editing.edit({
            type: 'gateway.setServerProtocol',
            gateway: gateway.key,
            server: index,
            protocol: value || undefined,
          })
        }
      />
      <TextField
        label="Port name"
        value={server.port?.name}
        monospace
        diagnostics={editing.diagnostics([...path, 'port', 'name'])}
        validate={portNameProblem}
        onCommit={setText(editing, [...path, 'port', 'name'])}
      />
      <TextField
        label="Server name"
        value={server.name}
        monospace
        onCommit={setText(editing, [...path, 'name'])}
      />
      <StringListField
        legend="Hosts"
        itemLabel="Host"
        items={server.hosts ?? []}
        placeholder="shop.example.com"
        help="ns/host admits only that namespace's VirtualServices; * admits any host."
        validate={serverHostProblem}
        {...listEditing(editing, [...path, 'hosts'])}
      />
      <SelectField
        label="TLS mode"
        value={mode}
        options={[
          { value: '', label: 'No TLS' },
          ...(mode === MODE_NOT_WRITTEN
            ? [{ value: MODE_NOT_WRITTEN, label: 'PASSTHROUGH (mode not written)' }]
            : []),
          ...SERVER_TLS_MODES.map((value) => ({ value, label: value })),
        ]}
        diagnostics={editing.diagnostics([...path, 'tls', 'mode'])}
        help={
          mode === MODE_NOT_WRITTEN
            ? 'tls without mode is PASSTHROUGH: http routes and the certificate are ignored.'
            : undefined
        }
        onChange={(value) =>
          value === MODE_NOT_WRITTEN
            ? undefined
            : editing.edit({
                type: 'gateway.setServerTlsMode',
                gateway: gateway.key,
                server: index,
                mode: value || undefined,
              })
        }
      />
      {tls !== undefined && (TERMINATING_MODES.has(tls.mode ?? '') || tls.credentialName) ? (
        <TextField
          label="Credential"
          value={tls.credentialName}
          monospace
          placeholder="secret name"
          help="The Kubernetes secret with the certificate, in the gateway pod's namespace."
          diagnostics={editing.diagnostics([...path, 'tls', 'credentialName'])}
          onCommit={setText(editing, [...path, 'tls', 'credentialName'])}
        />
      ) : null}
      {httpClass || tls?.httpsRedirect === true ? (
        <CheckboxField
          label="Redirect to HTTPS"
          checked={tls?.httpsRedirect === true}
          help="Answers every request with 301 to https://, before any route is tried."
          diagnostics={editing.diagnostics([...path, 'tls', 'httpsRedirect'])}
          onChange={(enabled) =>
            editing.edit({
              type: 'gateway.setHttpsRedirect',
              gateway: gateway.key,
              server: index,
              enabled,
            })
          }
        />
      ) : null}
    </Card>
  );
}

/** A Gateway: the pods it configures, and its servers (port, protocol, hosts, TLS). */
export function GatewayInspector({
  gateway,
  editing,
  focusServer,
}: {
  readonly gateway: GatewayResource;
  readonly editing: ResourceEditing;
  readonly focusServer?: number;
}) {
  const servers = gateway.spec.servers ?? [];
  return (
    <>
      <Section title="Selector">
        <LabelsField
          legend="Gateway pods"
          hideLegend
          keyLabel="Selector label"
          labels={gateway.spec.selector}
          help="The gateway pods it configures: all these labels must match. None: every gateway."
          diagnostics={editing.diagnostics(['spec', 'selector'])}
          onChange={labelsEditing(editing, ['spec', 'selector'])}
        />
      </Section>
      <Section
        title="Servers"
        count={servers.length}
        actions={
          <IconButton
            label="Add server"
            onClick={() => editing.act({ type: 'server.add', gateway: gateway.key })}
          >
            <Plus size={14} aria-hidden="true" />
          </IconButton>
        }
      >
        {servers.length === 0 ? <Note>No servers: the Gateway listens on nothing.</Note> : null}
        {servers.map((server, index) => (
          <ServerCard
            key={index}
            gateway={gateway}
            server={server}
            index={index}
            editing={editing}
            highlighted={focusServer === index}
          />
        ))}
      </Section>
    </>
  );
}
