import type { Destination } from '../../model/istio';
import { lookupRegistryHost } from '../../model/resolveRegistry';
import { resolveHost } from '../../model/resolveHost';
import type { YamlPath } from '../../model/types';
import type {
  MatchAddIntent,
  MatchRemoveIntent,
  RouteAddDestinationIntent,
  RouteRemoveDestinationIntent,
  RouteSetWeightIntent,
  RuleAddIntent,
  RuleMoveIntent,
  RuleRemoveIntent,
} from '../intents';
import { ROUTE_SECTIONS as ROUTE_SECTION_NAMES } from '../references';
import { refuse } from '../refusal';
import type { ResourceEditor } from '../session';
import {
  apportion,
  describeResource,
  editKind,
  field,
  isRecord,
  numberField,
  readRule,
  requireIndex,
  rulePath,
  stringField,
} from './common';
import type { Planner } from './common';

/** The weight a destination counts for: its `weight`, 0 when absent (Istio drops those). */
function weightOf(route: unknown): number {
  return numberField(route, 'weight') ?? 0;
}

function requireWeight(weight: number, max: number): void {
  if (!Number.isInteger(weight) || weight < 0) refuse('A weight is a whole number from 0 up');
  if (weight > max) refuse(`In a split that sums to ${max}, a weight cannot exceed ${max}`);
}

/**
 * Writes new weights for the destinations of a rule (by index), changing only those that differ
 * from what they count for now.
 */
function writeWeights(
  editor: ResourceEditor,
  routePath: YamlPath,
  routes: readonly unknown[],
  weights: ReadonlyMap<number, number>,
): void {
  for (const [index, weight] of weights) {
    const route = routes[index];
    if (numberField(route, 'weight') === weight) continue;
    if (numberField(route, 'weight') === undefined && weight === 0) continue;
    editor.set([...routePath, index, 'weight'], weight);
  }
}

/**
 * After the destinations `removed` leave a rule: one destination left loses its weight (it gets
 * all the traffic anyway); a split that summed to 100 is rebalanced proportionally to 100.
 */
export function rebalanceAfterRemoval(
  editor: ResourceEditor,
  routePath: YamlPath,
  routes: readonly unknown[],
  removed: readonly number[],
): void {
  const remaining = routes.map((_, index) => index).filter((index) => !removed.includes(index));
  const [only] = remaining;
  if (only === undefined) return;
  if (remaining.length === 1) {
    if (numberField(routes[only], 'weight') !== undefined) {
      editor.remove([...routePath, only, 'weight']);
    }
    return;
  }
  const total = routes.reduce<number>((sum, route) => sum + weightOf(route), 0);
  if (total !== 100) return;
  const shares = remaining.map((index) => weightOf(routes[index]));
  const parts = apportion(100, shares);
  writeWeights(
    editor,
    routePath,
    routes,
    new Map(remaining.map((index, position) => [index, parts[position] ?? 0])),
  );
}

/**
 * Sets one destination's weight. When the rule's weights summed to 100 (or it had none), the other
 * destinations share what is left in proportion to their weights (equally if they all had 0), so the
 * slider on the canvas moves traffic between them; otherwise weights are relative (Istio 1.15+)
 * and only this one changes.
 */
export const planRouteSetWeight: Planner<RouteSetWeightIntent> = (session, intent) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  readRule(editor, intent.rule);
  const routePath = [...rulePath(intent.rule), 'route'];
  const routes = editor.readList(routePath);
  requireIndex(routes, intent.destination, 'destination');
  const total = routes.reduce<number>((sum, route) => sum + weightOf(route), 0);
  const rebalance = routes.length > 1 && (total === 100 || total === 0);
  requireWeight(intent.weight, rebalance ? 100 : Number.MAX_SAFE_INTEGER);
  const weights = new Map<number, number>([[intent.destination, intent.weight]]);
  if (rebalance) {
    const others = routes.map((_, index) => index).filter((index) => index !== intent.destination);
    const parts = apportion(
      100 - intent.weight,
      others.map((index) => weightOf(routes[index])),
    );
    others.forEach((index, position) => weights.set(index, parts[position] ?? 0));
  }
  const own = routes[intent.destination];
  if (numberField(own, 'weight') !== intent.weight) {
    editor.set([...routePath, intent.destination, 'weight'], intent.weight);
  }
  weights.delete(intent.destination);
  writeWeights(editor, routePath, routes, weights);
  return { key: intent.virtualService, path: [...routePath, intent.destination] };
};

/** True when two destinations name the same host (after short-name expansion), subset and port. */
function sameDestination(written: unknown, wanted: Destination, namespace: string): boolean {
  const host = stringField(written, 'host');
  if (host === undefined || wanted.host === undefined) return false;
  return (
    resolveHost(host, namespace) === resolveHost(wanted.host, namespace) &&
    stringField(written, 'subset') === wanted.subset &&
    numberField(field(written, 'port'), 'number') === wanted.port?.number
  );
}

/** A plain copy of a destination without undefined fields, for rendering. */
function destinationValue(destination: Destination): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  if (destination.host !== undefined) value.host = destination.host;
  if (destination.subset !== undefined) value.subset = destination.subset;
  if (destination.port?.number !== undefined) value.port = { number: destination.port.number };
  return value;
}

/** Refuses to give destinations to a rule that redirects or answers by itself. */
function requireRoutable(
  editor: ResourceEditor,
  rule: Readonly<Record<string, unknown>>,
  index: number,
): void {
  if (rule.redirect !== undefined) {
    refuse(
      `Rule ${index + 1} of ${describeResource(editor.resource)} redirects; remove its redirect first`,
    );
  }
  if (rule.directResponse !== undefined) {
    refuse(
      `Rule ${index + 1} of ${describeResource(editor.resource)} answers directly; remove its direct response first`,
    );
  }
  if (rule.delegate !== undefined) {
    refuse(
      `Rule ${index + 1} of ${describeResource(editor.resource)} delegates to another VirtualService`,
    );
  }
}

/**
 * Adds a destination to an http rule. A rule whose only destination names no known host (a
 * placeholder) gets it replaced; a second destination makes a 50/50 split; a later one joins with
 * weight 0 (or the intent's weight), so adding never moves traffic in an existing split silently.
 */
export const planRouteAddDestination: Planner<RouteAddDestinationIntent> = (session, intent) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  const namespace = editor.resource.namespace;
  const rule = readRule(editor, intent.rule);
  requireRoutable(editor, rule, intent.rule);
  if (intent.destination.host === undefined || intent.destination.host === '') {
    refuse('A destination needs a host');
  }
  const routePath = [...rulePath(intent.rule), 'route'];
  const routes = editor.readList(routePath);
  if (
    routes.some((route) =>
      sameDestination(field(route, 'destination'), intent.destination, namespace),
    )
  ) {
    const subset =
      intent.destination.subset === undefined ? '' : ` (subset ${intent.destination.subset})`;
    refuse(`Rule ${intent.rule + 1} already routes to ${intent.destination.host}${subset}`);
  }
  const value = destinationValue(intent.destination);
  if (routes.length === 0) {
    editor.set(routePath, [{ destination: value }]);
    return { key: intent.virtualService, path: [...routePath, 0] };
  }
  const [first] = routes;
  const firstHost = stringField(field(first, 'destination'), 'host');
  const isPlaceholder =
    routes.length === 1 &&
    (firstHost === undefined ||
      lookupRegistryHost(session.design.model, resolveHost(firstHost, namespace)) === undefined);
  if (isPlaceholder) {
    editor.set([...routePath, 0, 'destination'], value);
    session.note(
      intent.virtualService,
      `Rule ${intent.rule + 1} routed to ${firstHost ?? 'no host'}, which is not in the design; that destination is replaced`,
    );
    return { key: intent.virtualService, path: [...routePath, 0] };
  }
  if (routes.length === 1) {
    requireWeight(intent.weight ?? 50, 100);
    const weight = intent.weight ?? 50;
    editor.set([...routePath, 0, 'weight'], 100 - weight);
    editor.insert(routePath, undefined, { destination: value, weight });
  } else {
    const weight = intent.weight ?? 0;
    requireWeight(weight, Number.MAX_SAFE_INTEGER);
    editor.insert(routePath, undefined, { destination: value, weight });
  }
  return { key: intent.virtualService, path: [...routePath, routes.length] };
};

/**
 * Removes a destination; the weights left are rebalanced (see rebalanceAfterRemoval). The last
 * destination takes its rule with it (Istio rejects a rule with no route, redirect or direct
 * response, and `route: []` is one), which the plan lists; when that rule is the VirtualService's
 * only route, the intent is refused.
 */
export const planRouteRemoveDestination: Planner<RouteRemoveDestinationIntent> = (
  session,
  intent,
) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  readRule(editor, intent.rule);
  const routePath = [...rulePath(intent.rule), 'route'];
  const routes = editor.readList(routePath);
  requireIndex(routes, intent.destination, 'destination');
  if (routes.length === 1) {
    const host = stringField(field(routes[0], 'destination'), 'host') ?? 'its destination';
    requireOtherRoutes(
      editor,
      `Rule ${intent.rule + 1} routes only to ${host} and is the only route of ${describeResource(editor.resource)}`,
      'add another destination first, or ',
    );
    editor.remove(rulePath(intent.rule));
    session.note(
      intent.virtualService,
      `Rule ${intent.rule + 1} routed only to ${host}, so it is removed with it (a rule needs a route, redirect or direct response)`,
    );
    return { key: intent.virtualService, path: [] };
  }
  editor.remove([...routePath, intent.destination]);
  rebalanceAfterRemoval(editor, routePath, routes, [intent.destination]);
  return { key: intent.virtualService, path: rulePath(intent.rule) };
};

/**
 * Refuses to remove a rule that is the VirtualService's only route: Istio requires an
 * http, tcp or tls route ("http, tcp or tls must be provided in virtual service").
 */
function requireOtherRoutes(editor: ResourceEditor, why: string, instead: string): void {
  const count = ROUTE_SECTION_NAMES.reduce(
    (sum, section) => sum + editor.readList(['spec', section]).length,
    0,
  );
  if (count <= 1) {
    refuse(
      `${why}; Istio needs at least one http, tcp or tls route: ${instead}delete ${describeResource(editor.resource)} instead`,
    );
  }
}

/** The host new rules route to: the VirtualService's first destination, else its name. */
function defaultHost(editor: ResourceEditor): string {
  for (const rule of editor.readList(['spec', 'http'])) {
    for (const route of (field(rule, 'route') as unknown[] | undefined) ?? []) {
      const host = stringField(field(route, 'destination'), 'host');
      if (host !== undefined) return host;
    }
  }
  return editor.resource.name;
}

/**
 * Adds an http rule. Without `index` it goes before the first rule without `match` (a catch-all
 * would otherwise shadow it: the first matching rule wins), else at the end. The default rule
 * matches `/new` and routes where the VirtualService's first rule does.
 */
export const planRuleAdd: Planner<RuleAddIntent> = (session, intent) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  const rules = editor.readList(['spec', 'http']);
  const rule = intent.rule ?? {
    match: [{ uri: { prefix: '/new' } }],
    route: [{ destination: { host: defaultHost(editor) } }],
  };
  let index = intent.index;
  if (index === undefined) {
    const catchAll = rules.findIndex(
      (existing) => !isRecord(existing) || existing.match === undefined,
    );
    index = catchAll === -1 ? rules.length : catchAll;
  }
  if (!Number.isInteger(index) || index < 0 || index > rules.length) {
    refuse(`A rule cannot go at position ${index + 1}`);
  }
  editor.insert(['spec', 'http'], index, rule);
  return { key: intent.virtualService, path: rulePath(index) };
};

/** Removes an http rule; the last route of a VirtualService cannot go (delete it instead). */
export const planRuleRemove: Planner<RuleRemoveIntent> = (session, intent) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  readRule(editor, intent.rule);
  requireOtherRoutes(
    editor,
    `Rule ${intent.rule + 1} is the only route of ${describeResource(editor.resource)}`,
    '',
  );
  editor.remove(rulePath(intent.rule));
  return { key: intent.virtualService, path: [] };
};

/** Moves an http rule (the order decides which rule matches first). */
export const planRuleMove: Planner<RuleMoveIntent> = (session, intent) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  editor.move(['spec', 'http'], intent.from, intent.to);
  return { key: intent.virtualService, path: rulePath(intent.to) };
};

/** Adds a match condition (`uri: prefix: /` by default, which still matches every path). */
export const planMatchAdd: Planner<MatchAddIntent> = (session, intent) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  const rule = readRule(editor, intent.rule);
  const matches = Array.isArray(rule.match) ? rule.match : [];
  editor.insert(
    [...rulePath(intent.rule), 'match'],
    undefined,
    intent.match ?? { uri: { prefix: '/' } },
  );
  return { key: intent.virtualService, path: [...rulePath(intent.rule), 'match', matches.length] };
};

/** Removes a match condition; the last one takes the `match` key with it (the rule then matches all). */
export const planMatchRemove: Planner<MatchRemoveIntent> = (session, intent) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  const rule = readRule(editor, intent.rule);
  const matches = Array.isArray(rule.match) ? rule.match : [];
  requireIndex(matches, intent.match, 'match');
  if (matches.length === 1) editor.remove([...rulePath(intent.rule), 'match']);
  else editor.remove([...rulePath(intent.rule), 'match', intent.match]);
  return { key: intent.virtualService, path: rulePath(intent.rule) };
};
