import { Trash2 } from 'lucide-react';
import type { TrafficPolicy } from '../../../engine';
import { InlineAddForm, StringListField } from '../collectionFields';
import {
  Card,
  CheckboxField,
  IconButton,
  Note,
  NumberField,
  numberProblem,
  SelectField,
  TextField,
} from '../fields';
import { durationProblem, PERCENT_CHECK, PORT_CHECK } from '../validators';
import type { ResourceEditing } from '../useResourceEditing';
import { listEditing, setNumber, setText, writtenChoice } from './common';

type Path = readonly (string | number)[];

/** The value at `path` inside a loosely typed object. */
function valueAt(source: unknown, path: Path): unknown {
  let value = source;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function numberAt(source: unknown, path: Path): number | undefined {
  const value = valueAt(source, path);
  return typeof value === 'number' ? value : undefined;
}

function stringAt(source: unknown, path: Path): string | undefined {
  const value = valueAt(source, path);
  return typeof value === 'string' ? value : undefined;
}

const SIMPLE_BALANCERS = ['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'PASSTHROUGH'] as const;
const CONSISTENT_HASH = 'consistentHash';

/**
 * A DestinationRule traffic policy (top level or a subset's): load balancer, connection pool,
 * outlier detection and upstream TLS (routing-semantics §3.1). These shape how the chosen cluster
 * behaves; only subsets change which endpoints take traffic.
 */
export function TrafficPolicyFields({
  policy,
  path,
  editing,
  idPrefix = '',
}: {
  readonly policy: TrafficPolicy | undefined;
  /** The path of the `trafficPolicy` object. */
  readonly path: Path;
  readonly editing: ResourceEditing;
  /** Put before labels when a panel shows several policies ("Subset v1 "). */
  readonly idPrefix?: string;
}) {
  const loadBalancer = policy?.loadBalancer;
  const balancerPath: Path = [...path, 'loadBalancer'];
  const balancer =
    loadBalancer === undefined
      ? ''
      : loadBalancer.consistentHash !== undefined
        ? CONSISTENT_HASH
        : (stringAt(loadBalancer, ['simple']) ?? '');
  const hashPath: Path = [...balancerPath, 'consistentHash'];
  const poolPath: Path = [...path, 'connectionPool'];
  const outlierPath: Path = [...path, 'outlierDetection'];
  const tlsPath: Path = [...path, 'tls'];
  const tls = policy?.tls;
  const label = (text: string) => `${idPrefix}${text}`;
  return (
    <>
      <h4 className="inspector-subheading">Load balancer</h4>
      <SelectField
        label={label('Algorithm')}
        value={balancer}
        options={[
          { value: '', label: 'Default (least request)' },
          ...SIMPLE_BALANCERS.map((value) => ({ value, label: value })),
          { value: CONSISTENT_HASH, label: 'Consistent hash' },
        ]}
        diagnostics={editing.diagnostics(balancerPath)}
        onChange={(value) => {
          if (value === '') return editing.set(balancerPath, undefined);
          // One of simple and consistentHash: the whole object is written, the other goes.
          return editing.set(
            balancerPath,
            value === CONSISTENT_HASH
              ? { consistentHash: { useSourceIp: true } }
              : { simple: value },
          );
        }}
      />
      {balancer === CONSISTENT_HASH ? (
        <>
          <TextField
            label={label('Hash header')}
            value={stringAt(loadBalancer, ['consistentHash', 'httpHeaderName'])}
            monospace
            onCommit={setText(editing, [...hashPath, 'httpHeaderName'])}
          />
          <TextField
            label={label('Hash query parameter')}
            value={stringAt(loadBalancer, ['consistentHash', 'httpQueryParameterName'])}
            monospace
            onCommit={setText(editing, [...hashPath, 'httpQueryParameterName'])}
          />
          <CheckboxField
            label={label('Hash the source IP')}
            checked={valueAt(loadBalancer, ['consistentHash', 'useSourceIp']) === true}
            onChange={(checked) =>
              editing.set([...hashPath, 'useSourceIp'], checked ? true : undefined)
            }
          />
        </>
      ) : null}
      <h4 className="inspector-subheading">Connection pool</h4>
      <NumberField
        label={label('Max connections')}
        value={numberAt(policy?.connectionPool, ['tcp', 'maxConnections'])}
        min={1}
        integer
        diagnostics={editing.diagnostics([...poolPath, 'tcp', 'maxConnections'])}
        onCommit={setNumber(editing, [...poolPath, 'tcp', 'maxConnections'])}
      />
      <TextField
        label={label('Connect timeout')}
        value={stringAt(policy?.connectionPool, ['tcp', 'connectTimeout'])}
        monospace
        placeholder="10s"
        diagnostics={editing.diagnostics([...poolPath, 'tcp', 'connectTimeout'])}
        validate={durationProblem}
        onCommit={setText(editing, [...poolPath, 'tcp', 'connectTimeout'])}
      />
      <NumberField
        label={label('Max pending')}
        value={numberAt(policy?.connectionPool, ['http', 'http1MaxPendingRequests'])}
        min={1}
        integer
        diagnostics={editing.diagnostics([...poolPath, 'http', 'http1MaxPendingRequests'])}
        onCommit={setNumber(editing, [...poolPath, 'http', 'http1MaxPendingRequests'])}
      />
      <NumberField
        label={label('Max requests')}
        value={numberAt(policy?.connectionPool, ['http', 'http2MaxRequests'])}
        min={1}
        integer
        diagnostics={editing.diagnostics([...poolPath, 'http', 'http2MaxRequests'])}
        onCommit={setNumber(editing, [...poolPath, 'http', 'http2MaxRequests'])}
      />
      <NumberField
        label={label('Requests per connection')}
        value={numberAt(policy?.connectionPool, ['http', 'maxRequestsPerConnection'])}
        min={0}
        integer
        diagnostics={editing.diagnostics([...poolPath, 'http', 'maxRequestsPerConnection'])}
        onCommit={setNumber(editing, [...poolPath, 'http', 'maxRequestsPerConnection'])}
      />
      <NumberField
        label={label('Max retries')}
        value={numberAt(policy?.connectionPool, ['http', 'maxRetries'])}
        min={0}
        integer
        diagnostics={editing.diagnostics([...poolPath, 'http', 'maxRetries'])}
        onCommit={setNumber(editing, [...poolPath, 'http', 'maxRetries'])}
      />
      <TextField
        label={label('Idle timeout')}
        value={stringAt(policy?.connectionPool, ['http', 'idleTimeout'])}
        monospace
        placeholder="1h"
        diagnostics={editing.diagnostics([...poolPath, 'http', 'idleTimeout'])}
        validate={durationProblem}
        onCommit={setText(editing, [...poolPath, 'http', 'idleTimeout'])}
      />
      <h4 className="inspector-subheading">Outlier detection</h4>
      <NumberField
        label={label('Consecutive 5xx')}
        value={numberAt(policy?.outlierDetection, ['consecutive5xxErrors'])}
        min={0}
        integer
        diagnostics={editing.diagnostics([...outlierPath, 'consecutive5xxErrors'])}
        onCommit={setNumber(editing, [...outlierPath, 'consecutive5xxErrors'])}
      />
      <NumberField
        label={label('Consecutive gateway errors')}
        value={numberAt(policy?.outlierDetection, ['consecutiveGatewayErrors'])}
        min={0}
        integer
        diagnostics={editing.diagnostics([...outlierPath, 'consecutiveGatewayErrors'])}
        onCommit={setNumber(editing, [...outlierPath, 'consecutiveGatewayErrors'])}
      />
      <TextField
        label={label('Interval')}
        value={stringAt(policy?.outlierDetection, ['interval'])}
        monospace
        placeholder="10s"
        diagnostics={editing.diagnostics([...outlierPath, 'interval'])}
        validate={durationProblem}
        onCommit={setText(editing, [...outlierPath, 'interval'])}
      />
      <TextField
        label={label('Ejection time')}
        value={stringAt(policy?.outlierDetection, ['baseEjectionTime'])}
        monospace
        placeholder="30s"
        diagnostics={editing.diagnostics([...outlierPath, 'baseEjectionTime'])}
        validate={durationProblem}
        onCommit={setText(editing, [...outlierPath, 'baseEjectionTime'])}
      />
      <NumberField
        label={label('Max ejected %')}
        value={numberAt(policy?.outlierDetection, ['maxEjectionPercent'])}
        integer
        {...PERCENT_CHECK}
        diagnostics={editing.diagnostics([...outlierPath, 'maxEjectionPercent'])}
        onCommit={setNumber(editing, [...outlierPath, 'maxEjectionPercent'])}
      />
      <h4 className="inspector-subheading">Upstream TLS</h4>
      <SelectField
        label={label('TLS mode')}
        value={writtenChoice(editing, [...tlsPath, 'mode'])}
        options={[
          { value: '', label: 'Not set (auto mTLS)' },
          { value: 'DISABLE', label: 'DISABLE' },
          { value: 'SIMPLE', label: 'SIMPLE' },
          { value: 'MUTUAL', label: 'MUTUAL' },
          { value: 'ISTIO_MUTUAL', label: 'ISTIO_MUTUAL' },
        ]}
        diagnostics={editing.diagnostics([...tlsPath, 'mode'])}
        onChange={(value) => editing.set([...tlsPath, 'mode'], value || undefined)}
      />
      {tls?.mode === 'SIMPLE' || tls?.mode === 'MUTUAL' ? (
        <>
          <TextField
            label={label('Credential')}
            value={tls.credentialName}
            monospace
            diagnostics={editing.diagnostics([...tlsPath, 'credentialName'])}
            onCommit={setText(editing, [...tlsPath, 'credentialName'])}
          />
          <TextField
            label={label('SNI')}
            value={tls.sni}
            monospace
            onCommit={setText(editing, [...tlsPath, 'sni'])}
          />
          <StringListField
            legend={label('Subject alt names')}
            itemLabel={label('Subject alt name')}
            items={tls.subjectAltNames ?? []}
            {...listEditing(editing, [...tlsPath, 'subjectAltNames'])}
          />
          <CheckboxField
            label={label('Skip certificate verification')}
            checked={tls.insecureSkipVerify === true}
            diagnostics={editing.diagnostics([...tlsPath, 'insecureSkipVerify'])}
            onChange={(checked) =>
              editing.set([...tlsPath, 'insecureSkipVerify'], checked ? true : undefined)
            }
          />
        </>
      ) : null}
    </>
  );
}

/**
 * The port-level settings of a traffic policy (top level or a subset's): one card per port, with
 * the same fields as the policy, which they override for traffic to that port.
 */
export function PortLevelSettingsFields({
  policy,
  path,
  editing,
  idPrefix = '',
}: {
  readonly policy: TrafficPolicy | undefined;
  /** The path of the `trafficPolicy` object holding `portLevelSettings`. */
  readonly path: Path;
  readonly editing: ResourceEditing;
  /** Put before labels when a panel shows several policies ("Subset v1 "). */
  readonly idPrefix?: string;
}) {
  const settings = policy?.portLevelSettings ?? [];
  const listPath: Path = [...path, 'portLevelSettings'];
  const portsTaken = (except?: number) =>
    settings.flatMap((setting, index) =>
      index === except || setting.port?.number === undefined ? [] : [setting.port.number],
    );
  const remove = (index: number) => {
    if (settings.length > 1) {
      return editing.act({ type: 'list.remove', key: editing.key, path: listPath, index });
    }
    // The last one takes the list away, and the policy when nothing else is left in it (an empty
    // traffic policy is refused by the webhook).
    const others = Object.keys(policy ?? {}).filter((key) => key !== 'portLevelSettings');
    return editing.act({
      type: 'field.remove',
      key: editing.key,
      path: others.length === 0 ? path : listPath,
    });
  };
  return (
    <>
      <h4 className="inspector-subheading">Port-level settings</h4>
      {settings.length === 0 ? (
        <p className="inspector-empty">None: every port follows this policy.</p>
      ) : (
        <Note>A port’s settings replace the policy’s for traffic to that port.</Note>
      )}
      {settings.map((setting, index) => {
        const itemPath: Path = [...listPath, index];
        const port = setting.port?.number;
        const title = `${idPrefix}Port ${port ?? index + 1}`;
        return (
          <Card
            key={index}
            title={title}
            actions={
              <IconButton
                label={`Remove ${idPrefix}port ${port ?? index + 1} settings`}
                tone="danger"
                onClick={() => remove(index)}
              >
                <Trash2 size={14} aria-hidden="true" />
              </IconButton>
            }
          >
            <NumberField
              label={`${title} number`}
              value={port}
              {...PORT_CHECK}
              optional={false}
              diagnostics={editing.diagnostics([...itemPath, 'port'])}
              onCommit={(value) => {
                if (value !== undefined && portsTaken(index).includes(value)) {
                  return `Port ${value} already has settings`;
                }
                return editing.set([...itemPath, 'port', 'number'], value);
              }}
            />
            <TrafficPolicyFields
              policy={setting}
              path={itemPath}
              editing={editing}
              idPrefix={`${title} `}
            />
          </Card>
        );
      })}
      <InlineAddForm
        label={`${idPrefix}Port for new settings`}
        addLabel={`${idPrefix}Add settings for port`}
        placeholder="port, e.g. 8080"
        numeric
        onAdd={(text) => {
          const problem = numberProblem(text, { ...PORT_CHECK, optional: false });
          if (problem !== undefined) return problem;
          const number = Number(text);
          if (portsTaken().includes(number)) return `Port ${number} already has settings`;
          // A port's settings need a field: its balancer starts as the policy's (or the default),
          // so that adding them changes nothing until one is edited.
          return editing.insert(listPath, {
            port: { number },
            loadBalancer: policy?.loadBalancer ?? { simple: 'LEAST_REQUEST' },
          });
        }}
      />
    </>
  );
}
