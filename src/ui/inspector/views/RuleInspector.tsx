import { ArrowDown, ArrowUp, ChevronLeft, Plus, Trash2, X } from 'lucide-react';
import {
  destinationPercents,
  GRPC_STATUS_NAMES,
  ruleDisplayName,
  type CorsPolicy,
  type HTTPMatchRequest,
  type HTTPRoute,
  type StringMatch,
  type VirtualServiceResource,
} from '../../../engine';
import { useSailplanStoreApi } from '../../../store';
import {
  InlineAddForm,
  renameKey,
  StringListField,
  StringMatchField,
  StringMatchMapField,
} from '../collectionFields';
import {
  Card,
  NamePrefix,
  CheckboxField,
  IconButton,
  Note,
  NumberField,
  Section,
  SelectField,
  TextField,
  type CommitResult,
} from '../fields';
import { SUGGESTIONS } from '../Suggestions';
import { writtenValue, type ResourceEditing } from '../useResourceEditing';
import { listEditing, ProblemList, setNumber, setText, writtenChoice } from './common';
import { DestinationFields, formatPercent } from './DestinationFields';
import { PORT_RANGE } from './GatewayInspector';
import { DestinationHeadersFields, HeaderOperationsFields } from './HeaderOperationsFields';
import { RemoveDestinationButton } from './RemoveDestinationButton';
import { SourceConditionFields } from './SourceConditionFields';
import { durationProblem, hostProblem, PERCENT_CHECK, WEIGHT_CHECK } from '../validators';

type Path = readonly (string | number)[];

const PERCENT_RANGE = PERCENT_CHECK;

/** The fields of a fault abort that say what the client gets; Istio takes exactly one. */
const ABORT_STATUS_FIELDS = ['httpStatus', 'grpcStatus', 'http2Error'] as const;
type AbortStatusField = (typeof ABORT_STATUS_FIELDS)[number];

/** The gRPC status names an abort may return (OK is not a failure). */
const GRPC_ABORT_STATUSES = GRPC_STATUS_NAMES.filter((name) => name !== 'OK');

/** Writes a StringMatch map entry by entry; a rename rewrites the map in one intent. */
function matchMapEditing(
  editing: ResourceEditing,
  path: Path,
  entries: Readonly<Record<string, StringMatch>> | undefined,
) {
  return {
    onSetEntry: (name: string, match: StringMatch) => editing.set([...path, name], match),
    onRenameEntry: (from: string, to: string) =>
      editing.set(path, renameKey(entries ?? {}, from, to)),
    onRemoveEntry: (name: string) =>
      editing.set(Object.keys(entries ?? {}).length === 1 ? path : [...path, name], undefined),
    diagnosticsOf: (name: string) => editing.diagnostics([...path, name]),
  };
}

function MatchCard({
  match,
  index,
  rulePath,
  editing,
  onRemove,
}: {
  readonly match: HTTPMatchRequest;
  readonly index: number;
  readonly rulePath: Path;
  readonly editing: ResourceEditing;
  readonly onRemove: () => void;
}) {
  const path: Path = [...rulePath, 'match', index];
  const stringMatch = (field: 'uri' | 'method' | 'scheme' | 'authority') => ({
    value: match[field],
    diagnostics: editing.diagnostics([...path, field]),
    onChange: (next: StringMatch | undefined): CommitResult => editing.set([...path, field], next),
  });
  const advanced =
    match.port !== undefined ||
    match.sourceLabels !== undefined ||
    match.sourceNamespace !== undefined ||
    match.gateways !== undefined ||
    match.withoutHeaders !== undefined ||
    match.name !== undefined ||
    match.statPrefix !== undefined;
  return (
    <Card
      title={`Condition ${index + 1}`}
      namePrefix={`Condition ${index + 1} `}
      actions={
        <IconButton label={`Remove condition ${index + 1}`} tone="danger" onClick={onRemove}>
          <Trash2 size={14} aria-hidden="true" />
        </IconButton>
      }
    >
      <StringMatchField
        label="URI"
        placeholder="/path"
        help="The path without its query string. A prefix is not segment-aware: /api matches /apiary."
        {...stringMatch('uri')}
      />
      <CheckboxField
        label="Ignore URI case"
        checked={match.ignoreUriCase === true}
        help={match.uri?.regex !== undefined ? 'Ignored for a regex: use (?i).' : undefined}
        onChange={(checked) => editing.set([...path, 'ignoreUriCase'], checked ? true : undefined)}
      />
      <StringMatchField label="Method" placeholder="GET" {...stringMatch('method')} />
      <StringMatchField label="Scheme" placeholder="https" {...stringMatch('scheme')} />
      <StringMatchField
        label="Authority"
        placeholder="shop.example.com"
        help="The Host header, port included."
        {...stringMatch('authority')}
      />
      <StringMatchMapField
        legend="Headers"
        nameLabel="Header"
        entries={match.headers}
        help="Names are case-insensitive. Present: the header is there, with any value."
        {...matchMapEditing(editing, [...path, 'headers'], match.headers)}
      />
      <StringMatchMapField
        legend="Query parameters"
        nameLabel="Query parameter"
        entries={match.queryParams}
        help="Only the first value of a repeated parameter counts."
        {...matchMapEditing(editing, [...path, 'queryParams'], match.queryParams)}
      />
      <details className="inspector-more" open={advanced}>
        <summary>More conditions</summary>
        <StringMatchMapField
          legend="Without headers"
          nameLabel="Absent header"
          entries={match.withoutHeaders}
          help="Matches when the header is absent, or its value does not match."
          {...matchMapEditing(editing, [...path, 'withoutHeaders'], match.withoutHeaders)}
        />
        <NumberField
          label="Port"
          value={match.port}
          {...PORT_RANGE}
          help="Kept only at a gateway server with this port number."
          diagnostics={editing.diagnostics([...path, 'port'])}
          onCommit={setNumber(editing, [...path, 'port'])}
        />
        <SourceConditionFields
          editing={editing}
          path={path}
          match={match}
          labelsHelp="At an ingress gateway the source is the gateway pod: other labels disable this condition there."
        />
        <TextField
          label="Condition name"
          value={match.name}
          monospace
          onCommit={setText(editing, [...path, 'name'])}
        />
        <TextField
          label="Stat prefix"
          value={match.statPrefix}
          monospace
          onCommit={setText(editing, [...path, 'statPrefix'])}
        />
      </details>
    </Card>
  );
}

/** What an http rule does: exactly one of these (routing-semantics §2.8). */
type RuleAction = 'route' | 'redirect' | 'directResponse' | 'delegate';

function actionOf(rule: HTTPRoute): RuleAction | '' {
  if (rule.redirect !== undefined) return 'redirect';
  if (rule.directResponse !== undefined) return 'directResponse';
  if (rule.delegate !== undefined) return 'delegate';
  if (rule.route !== undefined) return 'route';
  return '';
}

// What cannot stay beside each action (the webhook rejects it): switching drops it.
const INCOMPATIBLE: Record<RuleAction, readonly string[]> = {
  route: ['redirect', 'directResponse', 'delegate'],
  redirect: ['route', 'directResponse', 'delegate', 'rewrite', 'fault'],
  directResponse: ['route', 'redirect', 'delegate', 'rewrite', 'fault'],
  delegate: ['route', 'redirect', 'directResponse'],
};

function firstHost(virtualService: VirtualServiceResource): string {
  for (const rule of virtualService.spec.http ?? []) {
    for (const route of rule.route ?? []) {
      if (route.destination?.host !== undefined) return route.destination.host;
    }
  }
  return virtualService.name;
}

function RouteDestinations({
  virtualService,
  rule,
  ruleIndex,
  editing,
}: {
  readonly virtualService: VirtualServiceResource;
  readonly rule: HTTPRoute;
  readonly ruleIndex: number;
  readonly editing: ResourceEditing;
}) {
  const routes = rule.route ?? [];
  const percents = destinationPercents(routes.map((route) => route.weight));
  const routePath: Path = ['spec', 'http', ruleIndex, 'route'];
  return (
    <>
      {routes.length > 1 ? (
        <Note>Weights are relative: each destination gets its weight ÷ the total.</Note>
      ) : null}
      {routes.map((route, index) => (
        <Card
          key={index}
          title={
            <>
              Destination {index + 1}{' '}
              <span
                className="inspector-percent"
                aria-label={`${formatPercent(percents[index] ?? 0)} of traffic`}
              >
                {formatPercent(percents[index] ?? 0)}
              </span>
            </>
          }
          actions={
            <RemoveDestinationButton
              virtualService={virtualService}
              section="http"
              ruleIndex={ruleIndex}
              index={index}
              count={routes.length}
              editing={editing}
            />
          }
        >
          {/* The header operations name their destination themselves. */}
          <NamePrefix prefix={`Destination ${index + 1} `}>
            <DestinationFields
              destination={route.destination}
              path={[...routePath, index, 'destination']}
              editing={editing}
              namespace={virtualService.namespace}
            />
            <WeightField
              weight={route.weight}
              percent={percents[index] ?? 0}
              single={routes.length === 1}
              diagnostics={editing.diagnostics([...routePath, index, 'weight'])}
              onCommit={(weight) =>
                weight === undefined
                  ? editing.remove([...routePath, index, 'weight'])
                  : editing.edit({
                      type: 'route.setWeight',
                      virtualService: virtualService.key,
                      rule: ruleIndex,
                      destination: index,
                      weight,
                    })
              }
            />
          </NamePrefix>
          <DestinationHeadersFields
            headers={route.headers}
            path={[...routePath, index, 'headers']}
            editing={editing}
            index={index}
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
            rule: ruleIndex,
            destination: { host },
          })
        }
      />
    </>
  );
}

/** The targets of a rule's `mirrors` list: each a destination and the share of requests copied. */
function MirrorsFields({
  mirrors,
  path,
  editing,
  namespace,
}: {
  readonly mirrors: NonNullable<HTTPRoute['mirrors']>;
  readonly path: Path;
  readonly editing: ResourceEditing;
  readonly namespace: string;
}) {
  return (
    <>
      <Note>Each target gets a copy of the requests; their answers are dropped.</Note>
      {mirrors.map((mirror, index) => (
        <Card
          key={index}
          title={`Mirror ${index + 1}`}
          actions={
            <IconButton
              label={`Remove mirror ${index + 1}`}
              tone="danger"
              onClick={() =>
                // The last target takes the list with it: `mirrors: []` would mean nothing.
                mirrors.length === 1
                  ? editing.act({ type: 'field.remove', key: editing.key, path })
                  : editing.act({ type: 'list.remove', key: editing.key, path, index })
              }
            >
              <Trash2 size={14} aria-hidden="true" />
            </IconButton>
          }
        >
          <DestinationFields
            destination={mirror.destination}
            path={[...path, index, 'destination']}
            editing={editing}
            namespace={namespace}
            labelPrefix={`Mirror ${index + 1} `}
          />
          <NumberField
            label={`Mirror ${index + 1} mirrored %`}
            value={mirror.percentage?.value}
            {...PERCENT_RANGE}
            placeholder="100"
            diagnostics={editing.diagnostics([...path, index, 'percentage'])}
            onCommit={setNumber(editing, [...path, index, 'percentage', 'value'])}
          />
        </Card>
      ))}
      <InlineAddForm
        label="New mirror host"
        addLabel="Add mirror"
        placeholder="host to copy requests to"
        suggestions={SUGGESTIONS.hosts}
        onAdd={(host) => hostProblem(host) ?? editing.insert(path, { destination: { host } })}
      />
    </>
  );
}

/** A destination's weight, with the share of traffic it gives. */
export function WeightField({
  weight,
  percent,
  single,
  onCommit,
  diagnostics,
}: {
  readonly weight: number | undefined;
  readonly percent: number;
  readonly single: boolean;
  readonly onCommit: (weight: number | undefined) => CommitResult;
  readonly diagnostics?: ReturnType<ResourceEditing['diagnostics']>;
}) {
  return (
    <NumberField
      label="Weight"
      value={weight}
      {...WEIGHT_CHECK}
      suffix={`= ${formatPercent(percent)}`}
      placeholder={single ? 'all traffic' : '0'}
      help={single ? 'The only destination gets all traffic, whatever its weight.' : undefined}
      diagnostics={diagnostics}
      onCommit={onCommit}
    />
  );
}

function ActionSection({
  virtualService,
  rule,
  ruleIndex,
  editing,
}: {
  readonly virtualService: VirtualServiceResource;
  readonly rule: HTTPRoute;
  readonly ruleIndex: number;
  readonly editing: ResourceEditing;
}) {
  const path: Path = ['spec', 'http', ruleIndex];
  const action = actionOf(rule);
  const switchTo = (next: RuleAction): CommitResult => {
    // One intent: the rule as written, without what the new action cannot keep, plus its default.
    const written = writtenValue(editing.design, virtualService.key, path);
    const entries =
      written !== null && typeof written === 'object' && !Array.isArray(written)
        ? Object.entries(written as Record<string, unknown>)
        : [];
    const base: Record<string, unknown> = Object.fromEntries(
      entries.filter(([key]) => !INCOMPATIBLE[next].includes(key)),
    );
    const defaults: Record<RuleAction, unknown> = {
      route: [{ destination: { host: firstHost(virtualService) } }],
      redirect: { uri: '/' },
      directResponse: { status: 503 },
      delegate: { name: 'delegate', namespace: virtualService.namespace },
    };
    base[next] = defaults[next];
    return editing.set(path, base);
  };
  return (
    <Section title="Action">
      <SelectField
        label="Type"
        value={action}
        options={[
          ...(action === '' ? [{ value: '', label: 'None (invalid)' }] : []),
          { value: 'route', label: 'Route to destinations' },
          { value: 'redirect', label: 'Redirect' },
          { value: 'directResponse', label: 'Direct response' },
          { value: 'delegate', label: 'Delegate' },
        ]}
        help={
          action === 'redirect' || action === 'directResponse'
            ? 'Switching to it drops the rule’s route, rewrite and fault.'
            : undefined
        }
        onChange={(value) => (value === '' ? undefined : switchTo(value as RuleAction))}
      />
      {action === 'route' ? (
        <RouteDestinations
          virtualService={virtualService}
          rule={rule}
          ruleIndex={ruleIndex}
          editing={editing}
        />
      ) : null}
      {action === 'redirect' ? (
        <>
          <TextField
            label="URI"
            value={rule.redirect?.uri}
            monospace
            help="Replaces the whole path; the query is kept unless the URI has one."
            diagnostics={editing.diagnostics([...path, 'redirect', 'uri'])}
            onCommit={setText(editing, [...path, 'redirect', 'uri'])}
          />
          <TextField
            label="Prefix rewrite"
            value={rule.redirect?.prefixRewrite}
            monospace
            help="Replaces only the matched prefix; not with URI."
            diagnostics={editing.diagnostics([...path, 'redirect', 'prefixRewrite'])}
            onCommit={setText(editing, [...path, 'redirect', 'prefixRewrite'])}
          />
          <TextField
            label="Authority"
            value={rule.redirect?.authority}
            monospace
            onCommit={setText(editing, [...path, 'redirect', 'authority'])}
          />
          <SelectField
            label="Scheme"
            value={writtenChoice(editing, [...path, 'redirect', 'scheme'])}
            options={[
              { value: '', label: 'As requested' },
              { value: 'http', label: 'http' },
              { value: 'https', label: 'https' },
            ]}
            onChange={(value) => editing.set([...path, 'redirect', 'scheme'], value || undefined)}
          />
          <NumberField
            label="Port"
            value={rule.redirect?.port}
            {...PORT_RANGE}
            diagnostics={editing.diagnostics([...path, 'redirect', 'port'])}
            onCommit={setNumber(editing, [...path, 'redirect', 'port'])}
          />
          <SelectField
            label="Derive port"
            value={writtenChoice(editing, [...path, 'redirect', 'derivePort'])}
            options={[
              { value: '', label: '—' },
              { value: 'FROM_PROTOCOL_DEFAULT', label: 'From protocol default' },
              { value: 'FROM_REQUEST_PORT', label: 'From request port' },
            ]}
            onChange={(value) =>
              editing.set([...path, 'redirect', 'derivePort'], value || undefined)
            }
          />
          <NumberField
            label="Code"
            value={rule.redirect?.redirectCode}
            min={300}
            max={399}
            integer
            rangeMessage="A redirect code is a 3xx status"
            placeholder="301"
            help="301 when not set; Envoy sends 301, 302, 303, 307 and 308."
            diagnostics={editing.diagnostics([...path, 'redirect', 'redirectCode'])}
            onCommit={setNumber(editing, [...path, 'redirect', 'redirectCode'])}
          />
        </>
      ) : null}
      {action === 'directResponse' ? (
        <>
          <NumberField
            label="Status"
            value={rule.directResponse?.status}
            min={200}
            max={599}
            integer
            rangeMessage="A status is a number from 200 to 599"
            optional={false}
            diagnostics={editing.diagnostics([...path, 'directResponse', 'status'])}
            onCommit={setNumber(editing, [...path, 'directResponse', 'status'])}
          />
          <TextField
            label="Body"
            value={rule.directResponse?.body?.string}
            help="Set content-type with a response header operation."
            diagnostics={editing.diagnostics([...path, 'directResponse', 'body'])}
            onCommit={(text) =>
              editing.set(
                [...path, 'directResponse', 'body'],
                text === '' ? undefined : { string: text },
              )
            }
          />
        </>
      ) : null}
      {action === 'delegate' ? (
        <>
          <TextField
            label="VirtualService"
            value={rule.delegate?.name}
            monospace
            diagnostics={editing.diagnostics([...path, 'delegate', 'name'])}
            onCommit={setText(editing, [...path, 'delegate', 'name'])}
          />
          <TextField
            label="Namespace"
            value={rule.delegate?.namespace}
            monospace
            placeholder={virtualService.namespace}
            suggestions={SUGGESTIONS.namespaces}
            onCommit={setText(editing, [...path, 'delegate', 'namespace'])}
          />
        </>
      ) : null}
    </Section>
  );
}

function OriginsField({
  cors,
  path,
  editing,
}: {
  readonly cors: CorsPolicy | undefined;
  readonly path: Path;
  readonly editing: ResourceEditing;
}) {
  const origins = cors?.allowOrigins ?? [];
  return (
    <fieldset className="inspector-group">
      <legend className="inspector-group-legend">Allowed origins</legend>
      {origins.map((origin, index) => (
        <div className="inspector-list-row" key={index}>
          <StringMatchField
            label={`Origin ${index + 1}`}
            value={origin}
            diagnostics={editing.diagnostics([...path, 'allowOrigins', index])}
            onChange={(next) =>
              next === undefined
                ? editing.removeItem([...path, 'allowOrigins'], index)
                : editing.set([...path, 'allowOrigins', index], next)
            }
          />
          <IconButton
            label={`Remove origin ${index + 1}`}
            onClick={() => editing.removeItem([...path, 'allowOrigins'], index)}
          >
            <X size={14} aria-hidden="true" />
          </IconButton>
        </div>
      ))}
      <InlineAddForm
        label="New origin"
        addLabel="Add origin"
        placeholder="https://shop.example.com"
        onAdd={(origin) => editing.insert([...path, 'allowOrigins'], { exact: origin })}
      />
    </fieldset>
  );
}

/** Moves a rule and keeps it selected at its new place. */
function useRuleMove(virtualService: VirtualServiceResource, editing: ResourceEditing) {
  return (from: number, to: number) =>
    editing.act(
      { type: 'rule.move', virtualService: virtualService.key, from, to },
      { follow: true },
    );
}

/**
 * One http rule: its conditions (OR between conditions, AND inside one), what it does, and the
 * policies on the way (rewrite, timeout, retries, fault, mirror, headers, CORS).
 */
export function RuleInspector({
  virtualService,
  ruleIndex,
  editing,
}: {
  readonly virtualService: VirtualServiceResource;
  readonly ruleIndex: number;
  readonly editing: ResourceEditing;
}) {
  const store = useSailplanStoreApi();
  const rules = virtualService.spec.http ?? [];
  const rule = rules[ruleIndex];
  const moveRule = useRuleMove(virtualService, editing);
  if (rule === undefined) return <p className="inspector-empty">This rule no longer exists.</p>;
  const path: Path = ['spec', 'http', ruleIndex];
  const name = ruleDisplayName('http', ruleIndex, rule.name);
  const matches = rule.match ?? [];
  const isRouting = rule.route !== undefined;
  const cors = rule.corsPolicy;
  const corsPath: Path = [...path, 'corsPolicy'];
  const retries = rule.retries;
  const fault = rule.fault;
  const abortPath: Path = [...path, 'fault', 'abort'];
  // An abort has exactly one status: writing one takes the others away in the same intent.
  const setAbortStatus = (field: AbortStatusField, value: number | string | undefined) => {
    const written = writtenValue(editing.design, virtualService.key, abortPath);
    const abort =
      written !== null && typeof written === 'object' && !Array.isArray(written)
        ? (written as Record<string, unknown>)
        : {};
    const others = ABORT_STATUS_FIELDS.filter((other) => other !== field && other in abort);
    if (value === undefined || others.length === 0)
      return editing.set([...abortPath, field], value);
    const rest = Object.entries(abort).filter(
      ([key]) => !(ABORT_STATUS_FIELDS as readonly string[]).includes(key),
    );
    return editing.set(abortPath, { [field]: value, ...Object.fromEntries(rest) });
  };
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
          onClick={() => moveRule(ruleIndex, ruleIndex - 1)}
        >
          <ArrowUp size={14} aria-hidden="true" />
        </IconButton>
        <IconButton
          label={`Move ${name} down`}
          disabled={ruleIndex === rules.length - 1}
          onClick={() => moveRule(ruleIndex, ruleIndex + 1)}
        >
          <ArrowDown size={14} aria-hidden="true" />
        </IconButton>
        <IconButton
          label={`Delete ${name}…`}
          tone="danger"
          onClick={() => store.getState().requestDelete(`${virtualService.key}#http/${ruleIndex}`)}
        >
          <Trash2 size={14} aria-hidden="true" />
        </IconButton>
      </div>
      <div className="inspector-title-note">
        <Note>
          First match wins:{' '}
          {ruleIndex === 0
            ? 'this rule is tried first.'
            : `this rule is tried after the ${ruleIndex} above it.`}
        </Note>
      </div>
      <ProblemList diagnostics={editing.diagnostics(path)} base={path} />
      <Section title="General" stateKey="rule-general">
        <TextField
          label="Name"
          value={rule.name}
          monospace
          placeholder={`rule ${ruleIndex}`}
          diagnostics={editing.diagnostics([...path, 'name'])}
          onCommit={(text) =>
            editing.edit({
              type: 'rule.setName',
              virtualService: virtualService.key,
              rule: ruleIndex,
              name: text.trim() === '' ? undefined : text.trim(),
            })
          }
        />
        <TextField
          label="Timeout"
          value={rule.timeout}
          monospace
          placeholder="none"
          help="e.g. 5s or 250ms; not set: no timeout."
          diagnostics={editing.diagnostics([...path, 'timeout'])}
          validate={durationProblem}
          onCommit={setText(editing, [...path, 'timeout'])}
        />
      </Section>
      <Section
        title="Match"
        count={matches.length}
        stateKey="rule-match"
        actions={
          <IconButton
            label="Add condition"
            onClick={() =>
              editing.act({
                type: 'match.add',
                virtualService: virtualService.key,
                rule: ruleIndex,
              })
            }
          >
            <Plus size={14} aria-hidden="true" />
          </IconButton>
        }
      >
        {matches.length === 0 ? (
          <Note>No conditions: this rule matches every request.</Note>
        ) : (
          <Note>
            A request matches if any condition holds; all fields of a condition must hold.
          </Note>
        )}
        {matches.map((match, index) => (
          <MatchCard
            key={index}
            match={match}
            index={index}
            rulePath={path}
            editing={editing}
            onRemove={() =>
              editing.act({
                type: 'match.remove',
                virtualService: virtualService.key,
                rule: ruleIndex,
                match: index,
              })
            }
          />
        ))}
      </Section>
      <ActionSection
        virtualService={virtualService}
        rule={rule}
        ruleIndex={ruleIndex}
        editing={editing}
      />
      {isRouting ? (
        <Section title="Rewrite" stateKey="rule-rewrite" defaultOpen={rule.rewrite !== undefined}>
          <TextField
            label="URI"
            value={rule.rewrite?.uri}
            monospace
            help="Replaces the matched prefix: /api/ with / turns /api/users into /users."
            diagnostics={editing.diagnostics([...path, 'rewrite', 'uri'])}
            onCommit={setText(editing, [...path, 'rewrite', 'uri'])}
          />
          <TextField
            label="Authority"
            value={rule.rewrite?.authority}
            monospace
            diagnostics={editing.diagnostics([...path, 'rewrite', 'authority'])}
            onCommit={setText(editing, [...path, 'rewrite', 'authority'])}
          />
          <TextField
            label="Regex match"
            value={rule.rewrite?.uriRegexRewrite?.match}
            monospace
            help="RE2; every match in the path is replaced. Not with URI."
            diagnostics={editing.diagnostics([...path, 'rewrite', 'uriRegexRewrite'])}
            onCommit={setText(editing, [...path, 'rewrite', 'uriRegexRewrite', 'match'])}
          />
          <TextField
            label="Regex rewrite"
            value={rule.rewrite?.uriRegexRewrite?.rewrite}
            monospace
            placeholder="/v2/\1"
            onCommit={setText(editing, [...path, 'rewrite', 'uriRegexRewrite', 'rewrite'])}
          />
        </Section>
      ) : null}
      <Section title="Retries" stateKey="rule-retries" defaultOpen={retries !== undefined}>
        <NumberField
          label="Attempts"
          value={retries?.attempts}
          min={0}
          integer
          placeholder="2 (mesh default)"
          help="0 turns retries off."
          diagnostics={editing.diagnostics([...path, 'retries', 'attempts'])}
          onCommit={setNumber(editing, [...path, 'retries', 'attempts'])}
        />
        <TextField
          label="Per try timeout"
          value={retries?.perTryTimeout}
          monospace
          placeholder="2s"
          diagnostics={editing.diagnostics([...path, 'retries', 'perTryTimeout'])}
          validate={durationProblem}
          onCommit={setText(editing, [...path, 'retries', 'perTryTimeout'])}
        />
        <TextField
          label="Retry on"
          value={retries?.retryOn}
          monospace
          placeholder="connect-failure,5xx"
          diagnostics={editing.diagnostics([...path, 'retries', 'retryOn'])}
          onCommit={setText(editing, [...path, 'retries', 'retryOn'])}
        />
        <CheckboxField
          label="Retry other localities"
          checked={retries?.retryRemoteLocalities === true}
          onChange={(checked) =>
            editing.set([...path, 'retries', 'retryRemoteLocalities'], checked ? true : undefined)
          }
        />
        <SelectField
          label="Avoid hosts already tried"
          value={writtenChoice(editing, [...path, 'retries', 'retryIgnorePreviousHosts'])}
          options={[
            { value: '', label: 'Not set (mesh default)' },
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]}
          diagnostics={editing.diagnostics([...path, 'retries', 'retryIgnorePreviousHosts'])}
          onChange={(value) =>
            editing.set(
              [...path, 'retries', 'retryIgnorePreviousHosts'],
              value === '' ? undefined : value === 'true',
            )
          }
        />
        <TextField
          label="Backoff"
          value={retries?.backoff}
          monospace
          placeholder="25ms"
          help="The base interval between retries."
          diagnostics={editing.diagnostics([...path, 'retries', 'backoff'])}
          validate={durationProblem}
          onCommit={setText(editing, [...path, 'retries', 'backoff'])}
        />
      </Section>
      {isRouting ? (
        <Section title="Fault injection" stateKey="rule-fault" defaultOpen={fault !== undefined}>
          <Note>Without a percentage no request is faulted.</Note>
          <TextField
            label="Delay"
            value={fault?.delay?.fixedDelay}
            monospace
            placeholder="5s"
            diagnostics={editing.diagnostics([...path, 'fault', 'delay', 'fixedDelay'])}
            validate={durationProblem}
            onCommit={setText(editing, [...path, 'fault', 'delay', 'fixedDelay'])}
          />
          <NumberField
            label="Delay %"
            value={fault?.delay?.percentage?.value}
            {...PERCENT_RANGE}
            diagnostics={editing.diagnostics([...path, 'fault', 'delay', 'percentage'])}
            onCommit={setNumber(editing, [...path, 'fault', 'delay', 'percentage', 'value'])}
          />
          <NumberField
            label="Abort status"
            value={fault?.abort?.httpStatus}
            min={200}
            max={599}
            integer
            rangeMessage="A status is a number from 200 to 599"
            diagnostics={editing.diagnostics([...path, 'fault', 'abort', 'httpStatus'])}
            onCommit={(value) => setAbortStatus('httpStatus', value)}
          />
          <SelectField
            label="Abort gRPC status"
            value={fault?.abort?.grpcStatus ?? ''}
            options={[
              { value: '', label: 'Not set' },
              ...(fault?.abort?.grpcStatus !== undefined &&
              !GRPC_ABORT_STATUSES.includes(fault.abort.grpcStatus)
                ? [{ value: fault.abort.grpcStatus, label: fault.abort.grpcStatus }]
                : []),
              ...GRPC_ABORT_STATUSES.map((value) => ({ value, label: value })),
            ]}
            help="For gRPC clients. An abort has one status: choosing one here removes the HTTP status, and an HTTP status removes this."
            diagnostics={editing.diagnostics([...path, 'fault', 'abort', 'grpcStatus'])}
            onChange={(value) => setAbortStatus('grpcStatus', value || undefined)}
          />
          <NumberField
            label="Abort %"
            value={fault?.abort?.percentage?.value}
            {...PERCENT_RANGE}
            diagnostics={editing.diagnostics([...path, 'fault', 'abort', 'percentage'])}
            onCommit={setNumber(editing, [...path, 'fault', 'abort', 'percentage', 'value'])}
          />
        </Section>
      ) : null}
      {isRouting ? (
        <Section
          title="Mirror"
          stateKey="rule-mirror"
          defaultOpen={rule.mirror !== undefined || rule.mirrors !== undefined}
        >
          {rule.mirrors !== undefined ? (
            <MirrorsFields
              mirrors={rule.mirrors}
              path={[...path, 'mirrors']}
              editing={editing}
              namespace={virtualService.namespace}
            />
          ) : (
            <>
              <DestinationFields
                destination={rule.mirror}
                path={[...path, 'mirror']}
                editing={editing}
                namespace={virtualService.namespace}
                labelPrefix="Mirror "
              />
              <NumberField
                label="Mirrored %"
                value={rule.mirrorPercentage?.value}
                {...PERCENT_RANGE}
                placeholder="100"
                help="A copy of the requests goes there; its answers are dropped."
                diagnostics={editing.diagnostics([...path, 'mirrorPercentage'])}
                onCommit={setNumber(editing, [...path, 'mirrorPercentage', 'value'])}
              />
            </>
          )}
        </Section>
      ) : null}
      <Section title="Headers" stateKey="rule-headers" defaultOpen={rule.headers !== undefined}>
        <HeaderOperationsFields
          headers={rule.headers}
          path={[...path, 'headers']}
          editing={editing}
        />
      </Section>
      <Section title="CORS" stateKey="rule-cors" defaultOpen={cors !== undefined}>
        <OriginsField cors={cors} path={corsPath} editing={editing} />
        <StringListField
          legend="Allowed methods"
          itemLabel="Method"
          items={cors?.allowMethods ?? []}
          placeholder="GET"
          {...listEditing(editing, [...corsPath, 'allowMethods'])}
        />
        <StringListField
          legend="Allowed headers"
          itemLabel="Allowed header"
          items={cors?.allowHeaders ?? []}
          {...listEditing(editing, [...corsPath, 'allowHeaders'])}
        />
        <StringListField
          legend="Exposed headers"
          itemLabel="Exposed header"
          items={cors?.exposeHeaders ?? []}
          {...listEditing(editing, [...corsPath, 'exposeHeaders'])}
        />
        <TextField
          label="Max age"
          value={cors?.maxAge}
          monospace
          placeholder="24h"
          diagnostics={editing.diagnostics([...corsPath, 'maxAge'])}
          onCommit={setText(editing, [...corsPath, 'maxAge'])}
        />
        <CheckboxField
          label="Allow credentials"
          checked={cors?.allowCredentials === true}
          onChange={(checked) =>
            editing.set([...corsPath, 'allowCredentials'], checked ? true : undefined)
          }
        />
        <SelectField
          label="Other preflights"
          value={writtenChoice(editing, [...corsPath, 'unmatchedPreflights'])}
          options={[
            { value: '', label: 'Forward (default)' },
            { value: 'FORWARD', label: 'Forward' },
            { value: 'IGNORE', label: 'Ignore' },
          ]}
          onChange={(value) =>
            editing.set([...corsPath, 'unmatchedPreflights'], value || undefined)
          }
        />
      </Section>
    </>
  );
}
