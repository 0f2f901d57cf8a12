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
  RuleSection,
  RuleSetNameIntent,
} from '../intents';
import { ROUTE_SECTIONS as ROUTE_SECTION_NAMES, assertNever } from '../references';
import { refuse } from '../refusal';
import type { ResourceEditor } from '../session';
import {
  apportion,
  describeResource,
  editKind,
  field,
  isPlaceholderResponse,
  isRecord,
  numberField,
  readRule,
  requireIndex,
  rulePath,
  ruleLabel,
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
  const section = intent.section ?? 'http';
  readRule(editor, intent.rule, section);
  const routePath = [...rulePath(intent.rule, section), 'route'];
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
function sameDestination(
  written: unknown,
  wanted: Destination,
  namespace: string,
  clusterDomain: string | undefined,
): boolean {
  const host = stringField(written, 'host');
  if (host === undefined || wanted.host === undefined) return false;
  return (
    resolveHost(host, namespace, clusterDomain) ===
      resolveHost(wanted.host, namespace, clusterDomain) &&
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
  section: RuleSection,
): void {
  if (rule.redirect !== undefined) {
    refuse(
      `${ruleLabel(rule, index, section)} of ${describeResource(editor.resource)} redirects; remove its redirect first`,
    );
  }
  if (rule.directResponse !== undefined && !isPlaceholderResponse(rule.directResponse)) {
    refuse(
      `${ruleLabel(rule, index, section)} of ${describeResource(editor.resource)} answers directly; remove its direct response first`,
    );
  }
  if (rule.delegate !== undefined) {
    refuse(
      `${ruleLabel(rule, index, section)} of ${describeResource(editor.resource)} delegates to another VirtualService`,
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
  const section = intent.section ?? 'http';
  const rule = readRule(editor, intent.rule, section);
  requireRoutable(editor, rule, intent.rule, section);
  if (intent.destination.host === undefined || intent.destination.host === '') {
    refuse('A destination needs a host');
  }
  const routePath = [...rulePath(intent.rule, section), 'route'];
  const routes = editor.readList(routePath);
  if (
    routes.some((route) =>
      sameDestination(
        field(route, 'destination'),
        intent.destination,
        namespace,
        session.design.model.clusterDomain,
      ),
    )
  ) {
    const subset =
      intent.destination.subset === undefined ? '' : ` (subset ${intent.destination.subset})`;
    refuse(
      `${ruleLabel(rule, intent.rule, section)} already routes to ${intent.destination.host}${subset}`,
    );
  }
  const value = destinationValue(intent.destination);
  if (rule.directResponse !== undefined) {
    // The answer a new VirtualService gives until it has somewhere to route (requireRoutable
    // refused any other direct response): the rule routes instead.
    const rest = Object.fromEntries(
      Object.entries(rule).filter(([key]) => key !== 'directResponse' && key !== 'route'),
    );
    editor.set(rulePath(intent.rule, section), { ...rest, route: [{ destination: value }] });
    session.note(
      intent.virtualService,
      `${ruleLabel(rule, intent.rule, section)} answered with a placeholder direct response, which the route replaces`,
    );
    return { key: intent.virtualService, path: [...routePath, 0] };
  }
  if (routes.length === 0) {
    editor.set(routePath, [{ destination: value }]);
    return { key: intent.virtualService, path: [...routePath, 0] };
  }
  const [first] = routes;
  const firstHost = stringField(field(first, 'destination'), 'host');
  const isPlaceholder =
    routes.length === 1 &&
    (firstHost === undefined ||
      lookupRegistryHost(
        session.design.model,
        resolveHost(firstHost, namespace, session.design.model.clusterDomain),
      ) === undefined);
  if (isPlaceholder) {
    editor.set([...routePath, 0, 'destination'], value);
    session.note(
      intent.virtualService,
      `${ruleLabel(rule, intent.rule, section)} routed to ${firstHost ?? 'no host'}, which is not in the design; that destination is replaced`,
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
  const section = intent.section ?? 'http';
  const rule = readRule(editor, intent.rule, section);
  const routePath = [...rulePath(intent.rule, section), 'route'];
  const routes = editor.readList(routePath);
  requireIndex(routes, intent.destination, 'destination');
  if (routes.length === 1) {
    const host = stringField(field(routes[0], 'destination'), 'host') ?? 'its destination';
    requireOtherRoutes(
      editor,
      `${ruleLabel(rule, intent.rule, section)} routes only to ${host} and is the only route of ${describeResource(editor.resource)}`,
      'add another destination first, or ',
    );
    removeRule(editor, section, intent.rule);
    session.note(
      intent.virtualService,
      `${ruleLabel(rule, intent.rule, section)} routed only to ${host}, so it is removed with it (a rule needs ${section === 'http' ? 'a route, redirect or direct response' : 'a route'})`,
    );
    return { key: intent.virtualService, path: [] };
  }
  editor.remove([...routePath, intent.destination]);
  rebalanceAfterRemoval(editor, routePath, routes, [intent.destination]);
  return { key: intent.virtualService, path: rulePath(intent.rule, section) };
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

/** Removes a rule; the section's last rule takes the section's key with it (never `tcp: []`). */
function removeRule(editor: ResourceEditor, section: RuleSection, rule: number): void {
  if (editor.readList(['spec', section]).length === 1) editor.remove(['spec', section]);
  else editor.remove(rulePath(rule, section));
}

/** The host new rules route to: the VirtualService's first destination, else its name. */
function defaultHost(editor: ResourceEditor, section: RuleSection): string {
  for (const candidate of [section, ...ROUTE_SECTION_NAMES]) {
    for (const rule of editor.readList(['spec', candidate])) {
      for (const route of (field(rule, 'route') as unknown[] | undefined) ?? []) {
        const host = stringField(field(route, 'destination'), 'host');
        if (host !== undefined) return host;
      }
    }
  }
  return editor.resource.name;
}

/** The fields Istio's TCPRoute and TLSRoute take: a tcp or tls rule has nothing else. */
const L4_RULE_FIELDS: readonly string[] = ['match', 'route'];

/** What an http-only field does, for the refusal of a tcp or tls rule carrying it. */
const HTTP_ONLY_FIELDS: Readonly<Record<string, string>> = {
  name: 'name',
  rewrite: 'rewrite',
  redirect: 'redirect',
  directResponse: 'direct response',
  delegate: 'delegate',
  timeout: 'timeout',
  retries: 'retries',
  fault: 'fault injection',
  mirror: 'mirror',
  mirrors: 'mirrors',
  mirrorPercentage: 'mirror percentage',
  corsPolicy: 'CORS policy',
  headers: 'header operations',
};

/** Refuses a tcp or tls rule with fields only http rules have (Istio rejects unknown fields). */
function requireL4Rule(section: RuleSection, rule: unknown): void {
  if (section === 'http' || !isRecord(rule)) return;
  const extra = Object.keys(rule).find((key) => !L4_RULE_FIELDS.includes(key));
  if (extra === undefined) return;
  refuse(
    `A ${section} rule has no ${HTTP_ONLY_FIELDS[extra] ?? extra}: Istio's ${section === 'tcp' ? 'TCPRoute' : 'TLSRoute'} takes only match and route; use an http rule for that`,
  );
}

/** The rule `rule.add` writes when none is given, valid for its section. */
function defaultRule(editor: ResourceEditor, section: RuleSection): Record<string, unknown> {
  const route = [{ destination: { host: defaultHost(editor, section) } }];
  switch (section) {
    case 'http':
      return { match: [{ uri: { prefix: '/new' } }], route };
    case 'tcp': {
      // The first tcp rule catches every connection; a later one matches a free port (to edit).
      const rules = editor.readList(['spec', 'tcp']);
      if (rules.length === 0) return { route };
      const taken = new Set(
        rules.flatMap((rule) =>
          ((field(rule, 'match') as unknown[] | undefined) ?? []).map((match) =>
            numberField(match, 'port'),
          ),
        ),
      );
      let port = 10000;
      while (taken.has(port)) port += 1;
      return { match: [{ port }], route };
    }
    case 'tls': {
      // Istio requires a tls rule to match SNI hosts, which must be among the VirtualService's.
      const host = editor
        .readList(['spec', 'hosts'])
        .find((written): written is string => typeof written === 'string');
      if (host === undefined)
        refuse('A tls rule matches SNI hosts: give the VirtualService a host first');
      return { match: [{ sniHosts: [host] }], route };
    }
    default:
      return assertNever(section);
  }
}

/**
 * Adds a rule. Without `index` it goes before the first rule without `match` (a catch-all
 * would otherwise shadow it: the first matching rule wins), else at the end. The default http rule
 * matches `/new`, a tcp rule every connection (or a free port from 10000 when the VirtualService
 * has tcp rules), a tls rule the VirtualService's first host as
 * SNI; each routes where the VirtualService's first rule does. A tcp or tls rule carrying fields of
 * an http rule (rewrite, timeout...) is refused.
 */
export const planRuleAdd: Planner<RuleAddIntent> = (session, intent) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  const section = intent.section ?? 'http';
  const rules = editor.readList(['spec', section]);
  requireL4Rule(section, intent.rule);
  const rule = intent.rule ?? defaultRule(editor, section);
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
  editor.insert(['spec', section], index, rule);
  return { key: intent.virtualService, path: rulePath(index, section) };
};

/** Removes a rule; the last route of a VirtualService cannot go (delete it instead). */
export const planRuleRemove: Planner<RuleRemoveIntent> = (session, intent) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  const section = intent.section ?? 'http';
  const rule = readRule(editor, intent.rule, section);
  requireOtherRoutes(
    editor,
    `${ruleLabel(rule, intent.rule, section)} is the only route of ${describeResource(editor.resource)}`,
    '',
  );
  removeRule(editor, section, intent.rule);
  return { key: intent.virtualService, path: [] };
};

/** Moves a rule within its section (the order decides which rule matches first). */
export const planRuleMove: Planner<RuleMoveIntent> = (session, intent) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  const section = intent.section ?? 'http';
  editor.move(['spec', section], intent.from, intent.to);
  return { key: intent.virtualService, path: rulePath(intent.to, section) };
};

/** Names an http rule (or removes its name); tcp and tls rules have no name in Istio. */
export const planRuleSetName: Planner<RuleSetNameIntent> = (session, intent) => {
  const editor = editKind(session, intent.virtualService, ['VirtualService']);
  const section = intent.section ?? 'http';
  const rule = readRule(editor, intent.rule, section);
  if (section !== 'http') {
    refuse(
      `A ${section} rule has no name: Istio's ${section === 'tcp' ? 'TCPRoute' : 'TLSRoute'} takes only match and route`,
    );
  }
  const name = intent.name?.trim();
  const path = [...rulePath(intent.rule, section), 'name'];
  if (name === undefined || name === '') {
    editor.remove(path);
  } else if (rule.name !== name) {
    editor.set(path, name);
  }
  return { key: intent.virtualService, path: rulePath(intent.rule, section) };
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
