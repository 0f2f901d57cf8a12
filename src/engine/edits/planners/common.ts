import { ruleDisplayName } from '../../graph/buildTopology';
import type { Resource, ResourceKind, YamlPath } from '../../model/types';
import type { PlanSelection, RuleSection } from '../intents';
import { refuse } from '../refusal';
import type { EditSession, ResourceEditor } from '../session';

/** A planner: records its edits in the session and says what to select afterwards. */
export type Planner<I> = (session: EditSession, intent: I) => PlanSelection | undefined;

/** True for a plain YAML mapping read from the document. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A field of a mapping read from the document (own fields only). */
export function field(value: unknown, name: string): unknown {
  return isRecord(value) && Object.hasOwn(value, name) ? value[name] : undefined;
}

/** A string field, or undefined. */
export function stringField(value: unknown, name: string): string | undefined {
  const found = field(value, name);
  return typeof found === 'string' ? found : undefined;
}

/** A number field, or undefined. */
export function numberField(value: unknown, name: string): number | undefined {
  const found = field(value, name);
  return typeof found === 'number' ? found : undefined;
}

/** A short description for messages: `VirtualService default/proxy`. */
export function describeResource(resource: Resource): string {
  return `${resource.kind} ${resource.namespace}/${resource.name}`;
}

/** Opens `key` for editing, refusing when it is not one of `kinds`. */
export function editKind<K extends ResourceKind>(
  session: EditSession,
  key: string,
  kinds: readonly K[],
): ResourceEditor & { readonly resource: Extract<Resource, { kind: K }> } {
  const editor = session.edit(key);
  const { resource } = editor;
  if (!(kinds as readonly string[]).includes(resource.kind)) {
    refuse(`${describeResource(resource)} is not a ${kinds.join(' or ')}`);
  }
  return editor as ResourceEditor & { readonly resource: Extract<Resource, { kind: K }> };
}

/** Path of a rule of a route section (http by default). */
export function rulePath(rule: number, section: RuleSection = 'http'): YamlPath {
  return ['spec', section, rule];
}

/**
 * How messages name a rule, as the canvas, the route tests (`route: 0`) and Istio ("rule #0") do:
 * `rule 0` (counted from 0), `tcp rule 0` (the engine's ruleDisplayName), or by its own name,
 * quoted (`rule "split"`) so that a name like `api` does not read as a host.
 */
export function ruleName(written: unknown, rule: number, section: RuleSection = 'http'): string {
  const name = stringField(written, 'name');
  const unnamed = ruleDisplayName(section, rule, undefined);
  return name === undefined || name === '' ? unnamed : `${unnamed.replace(/ \d+$/, '')} "${name}"`;
}

/** The same at the start of a sentence: `Rule 0`, `TCP rule 0`, `Rule "split"`. */
export function ruleLabel(written: unknown, rule: number, section: RuleSection = 'http'): string {
  const name = ruleName(written, rule, section);
  return section === 'http' ? `R${name.slice(1)}` : `${section.toUpperCase()}${name.slice(3)}`;
}

/** The rule at `rule` of `section` as written, refusing when there is none. */
export function readRule(
  editor: ResourceEditor,
  rule: number,
  section: RuleSection = 'http',
): Readonly<Record<string, unknown>> {
  const value =
    Number.isInteger(rule) && rule >= 0 ? editor.read(rulePath(rule, section)) : undefined;
  if (!isRecord(value)) {
    refuse(`${describeResource(editor.resource)} has no ${ruleName(undefined, rule, section)}`);
  }
  return value;
}

/** The index `at` of a list, refusing when it is out of range. */
export function requireIndex(list: readonly unknown[], at: number, what: string): void {
  if (!Number.isInteger(at) || at < 0 || at >= list.length) refuse(`There is no ${what} ${at + 1}`);
}

/** `base`, or `base-2`, `base-3`... whichever `taken` does not contain. */
export function uniqueName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Kubernetes object names (DNS-1123 subdomain) and label-style names (DNS-1123 label). */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Refuses a resource name Kubernetes would reject. */
export function requireResourceName(name: string): void {
  if (name.length === 0 || name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    refuse(
      `"${name}" is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`,
    );
  }
}

/** Refuses a namespace name Kubernetes would reject. */
export function requireNamespaceName(namespace: string): void {
  if (namespace.length === 0 || namespace.length > 63 || !DNS_LABEL.test(namespace)) {
    refuse(
      `"${namespace}" is not a valid namespace: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
    );
  }
}

/**
 * Splits `total` into integers proportional to `shares` (largest remainder, ties to the earlier
 * share); equal parts when every share is zero.
 */
export function apportion(total: number, shares: readonly number[]): number[] {
  if (shares.length === 0) return [];
  const sum = shares.reduce((accumulated, share) => accumulated + share, 0);
  const exact = shares.map((share) => (sum > 0 ? (total * share) / sum : total / shares.length));
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((accumulated, part) => accumulated + part, 0);
  const order = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

/**
 * The body of the direct response a new VirtualService answers with while the design has no
 * Service for it to route to; connecting its rule to a Service replaces that answer (see
 * planRouteAddDestination).
 */
export const PLACEHOLDER_RESPONSE_BODY =
  'This VirtualService routes nowhere yet: connect its rule to a Service.';

/** True for the direct response a new VirtualService is given while it has nowhere to route. */
export function isPlaceholderResponse(directResponse: unknown): boolean {
  const body = field(directResponse, 'body');
  return (
    field(directResponse, 'status') === 200 &&
    stringField(body, 'string') === PLACEHOLDER_RESPONSE_BODY &&
    isRecord(body) &&
    Object.keys(body).length === 1
  );
}
