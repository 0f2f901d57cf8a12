import { resolveHost } from '../../model/resolveHost';
import { destinationRulesFor } from '../../model/resolveRegistry';
import { formatLabels, selectorMatches } from '../../model/resolveSelector';
import type { Labels } from '../../model/istio';
import type { DestinationRuleResource, WorkloadResource, YamlPath } from '../../model/types';
import type {
  DestinationRuleSetHostIntent,
  ServiceSelectWorkloadIntent,
  SubsetAddIntent,
  SubsetRemoveIntent,
  SubsetRenameIntent,
} from '../intents';
import { ROUTE_SECTIONS } from '../references';
import { refuse } from '../refusal';
import type { EditSession, ResourceEditor } from '../session';
import {
  describeResource,
  editKind,
  field,
  isRecord,
  requireIndex,
  ruleLabel,
  ruleName,
  stringField,
} from './common';
import type { Planner } from './common';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;

function isWorkload(resource: { readonly kind: string }): resource is WorkloadResource {
  return (WORKLOAD_KINDS as readonly string[]).includes(resource.kind);
}

/** The labels that identify a workload's pods: its selector's matchLabels, else its pod labels. */
function identifyingLabels(workload: WorkloadResource): Labels {
  const matchLabels = workload.spec.selector?.matchLabels;
  if (matchLabels !== undefined && Object.keys(matchLabels).length > 0) return matchLabels;
  return workload.spec.podLabels;
}

/**
 * Makes a Service select a workload's pods. A Service with a selector keeps it and the labels it
 * asks for are added to the pod template; when a pod label already has another value (changing it
 * could break the workload's own selector), or the Service has no selector, the selector becomes
 * the workload's identifying labels instead.
 */
export const planServiceSelectWorkload: Planner<ServiceSelectWorkloadIntent> = (
  session,
  intent,
) => {
  const editor = editKind(session, intent.service, ['Service']);
  const service = editor.resource;
  const workload = session.resource(intent.workload);
  if (!isWorkload(workload)) {
    refuse(
      `A Service selects the pods of a Deployment, StatefulSet or DaemonSet, not a ${workload.kind}`,
    );
  }
  if (service.spec.type === 'ExternalName') {
    refuse(`${describeResource(service)} is an ExternalName Service; it selects no pods`);
  }
  if (service.namespace !== workload.namespace) {
    refuse(
      `A Service selects pods in its own namespace only (${service.namespace}, not ${workload.namespace})`,
    );
  }
  const selector = service.spec.selector ?? {};
  const podLabels = workload.spec.podLabels;
  const hasSelector = Object.keys(selector).length > 0;
  if (hasSelector && selectorMatches(selector, podLabels)) {
    refuse(`${describeResource(service)} already selects ${describeResource(workload)}`);
  }
  const conflicting = Object.entries(selector).some(
    ([key, value]) => Object.hasOwn(podLabels, key) && podLabels[key] !== value,
  );
  if (hasSelector && !conflicting) {
    const workloadEditor = session.edit(workload);
    const missing = Object.entries(selector).filter(([key]) => !Object.hasOwn(podLabels, key));
    for (const [key, value] of missing) {
      workloadEditor.set(['spec', 'template', 'metadata', 'labels', key], value);
    }
    session.note(
      workload.key,
      `Pod labels ${formatLabels(Object.fromEntries(missing))} are added so that ${describeResource(service)} selects it`,
    );
    return { key: intent.service, path: ['spec', 'selector'] };
  }
  let labels = identifyingLabels(workload);
  if (Object.keys(labels).length === 0) {
    labels = { app: workload.name };
    const workloadEditor = session.edit(workload);
    workloadEditor.set(['spec', 'template', 'metadata', 'labels', 'app'], workload.name);
    workloadEditor.set(['spec', 'selector', 'matchLabels', 'app'], workload.name);
    session.note(
      workload.key,
      `Label ${formatLabels({ app: workload.name })} is added to its pods and selector`,
    );
  }
  editor.set(['spec', 'selector'], { ...labels });
  return { key: intent.service, path: ['spec', 'selector'] };
};

/** Points a DestinationRule at a host. */
export const planDestinationRuleSetHost: Planner<DestinationRuleSetHostIntent> = (
  session,
  intent,
) => {
  const editor = editKind(session, intent.destinationRule, ['DestinationRule']);
  const rule = editor.resource;
  if (intent.host.trim() === '') refuse('A DestinationRule needs a host');
  const current = rule.spec.host;
  if (
    current !== undefined &&
    resolveHost(current, rule.namespace, session.design.model.clusterDomain) ===
      resolveHost(intent.host, rule.namespace, session.design.model.clusterDomain)
  ) {
    refuse(`${describeResource(rule)} already applies to ${intent.host}`);
  }
  editor.set(['spec', 'host'], intent.host);
  return { key: intent.destinationRule, path: ['spec', 'host'] };
};

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Refuses a subset name Istio would reject (a DNS-1123 label). */
function requireSubsetName(name: string): void {
  if (!DNS_LABEL.test(name) || name.length > 63) {
    refuse(`"${name}" is not a valid subset name: use lower-case letters, digits and '-'`);
  }
}

/** Adds a subset: `v1`, `v2`... labelled `version: <name>` unless the intent says otherwise. */
export const planSubsetAdd: Planner<SubsetAddIntent> = (session, intent) => {
  const editor = editKind(session, intent.destinationRule, ['DestinationRule']);
  const subsets = editor.readList(['spec', 'subsets']);
  const names = new Set(subsets.map((subset) => stringField(subset, 'name')));
  let name = intent.name;
  if (name === undefined) {
    let number = subsets.length + 1;
    while (names.has(`v${number}`)) number += 1;
    name = `v${number}`;
  }
  requireSubsetName(name);
  if (names.has(name)) refuse(`${describeResource(editor.resource)} already has a subset ${name}`);
  editor.insert(['spec', 'subsets'], undefined, {
    name,
    labels: { ...(intent.labels ?? { version: name }) },
  });
  return { key: intent.destinationRule, path: ['spec', 'subsets', subsets.length] };
};

/**
 * Removes a subset, and the `subset` of route destinations that used it (same host, seen from the
 * VirtualService's namespace): they then go to all the host's pods instead of a missing cluster.
 */
export const planSubsetRemove: Planner<SubsetRemoveIntent> = (session, intent) => {
  const editor = editKind(session, intent.destinationRule, ['DestinationRule']);
  const rule = editor.resource;
  const subsets = editor.readList(['spec', 'subsets']);
  requireIndex(subsets, intent.subset, 'subset');
  const name = stringField(subsets[intent.subset], 'name');
  editor.remove(['spec', 'subsets', intent.subset]);
  if (name !== undefined && rule.spec.host !== undefined) {
    removeSubsetReferences(
      session,
      resolveHost(rule.spec.host, rule.namespace, session.design.model.clusterDomain),
      name,
    );
  }
  return { key: intent.destinationRule, path: [] };
};

/** Removes `subset: <name>` from the route destinations (http, tcp, tls) to `host`. */
export function removeSubsetReferences(session: EditSession, host: string, name: string): void {
  for (const virtualService of session.design.model.virtualServices) {
    const mentions = (['http', 'tcp', 'tls'] as const).some((section) =>
      (virtualService.spec[section] ?? []).some((route) =>
        (route.route ?? []).some((entry) => entry.destination?.subset === name),
      ),
    );
    if (!mentions) continue;
    const editor = session.edit(virtualService);
    for (const section of ['http', 'tcp', 'tls'] as const) {
      editor.readList(['spec', section]).forEach((route, ruleIndex) => {
        const entries = field(route, 'route');
        if (!Array.isArray(entries)) return;
        entries.forEach((entry: unknown, index) => {
          const destination = field(entry, 'destination');
          const written = stringField(destination, 'host');
          if (
            !isRecord(destination) ||
            written === undefined ||
            destination.subset !== name ||
            resolveHost(written, virtualService.namespace, session.design.model.clusterDomain) !==
              host
          ) {
            return;
          }
          editor.remove(['spec', section, ruleIndex, 'route', index, 'destination', 'subset']);
          session.note(
            virtualService.key,
            `${ruleLabel(route, ruleIndex, section)} no longer targets subset ${name} of ${written}`,
          );
        });
      });
    }
  }
}

/** Where a VirtualService names a host and subset: a route destination, `mirror`, a `mirrors` entry. */
function subsetSites(editor: ResourceEditor): { readonly path: YamlPath; readonly what: string }[] {
  const sites: { path: YamlPath; what: string }[] = [];
  for (const section of ROUTE_SECTIONS) {
    editor.readList(['spec', section]).forEach((rule, ruleIndex) => {
      const routes = field(rule, 'route');
      if (!Array.isArray(routes)) return;
      routes.forEach((_: unknown, index) => {
        sites.push({
          path: ['spec', section, ruleIndex, 'route', index, 'destination'],
          what: ruleName(rule, ruleIndex, section),
        });
      });
    });
  }
  editor.readList(['spec', 'http']).forEach((rule, ruleIndex) => {
    if (isRecord(field(rule, 'mirror'))) {
      sites.push({
        path: ['spec', 'http', ruleIndex, 'mirror'],
        what: `the mirror of ${ruleName(rule, ruleIndex)}`,
      });
    }
    const mirrors = field(rule, 'mirrors');
    if (!Array.isArray(mirrors)) return;
    mirrors.forEach((_: unknown, index) => {
      sites.push({
        path: ['spec', 'http', ruleIndex, 'mirrors', index, 'destination'],
        what: `mirror ${index + 1} of ${ruleName(rule, ruleIndex)}`,
      });
    });
  });
  return sites;
}

/** True when a proxy in `namespace` takes `host`'s subsets from `rule` (Istio's lookup, §3.2). */
function usesRule(
  session: EditSession,
  rule: DestinationRuleResource,
  host: string,
  namespace: string,
): boolean {
  return (
    destinationRulesFor(session.design.model, host, namespace)?.destinationRules.includes(rule) ??
    false
  );
}

/**
 * Renames a subset. Every destination, mirror and mirrors entry that names the old subset follows,
 * when its host (resolved as Istio resolves short names, in the VirtualService's namespace) is one
 * this DestinationRule configures for that namespace: a namespace the rule is not exported to, or
 * where another rule for the host takes precedence, names another subset.
 */
export const planSubsetRename: Planner<SubsetRenameIntent> = (session, intent) => {
  const editor = editKind(session, intent.destinationRule, ['DestinationRule']);
  const rule = editor.resource;
  const subsets = editor.readList(['spec', 'subsets']);
  requireIndex(subsets, intent.subset, 'subset');
  const name = intent.name.trim();
  requireSubsetName(name);
  const old = stringField(subsets[intent.subset], 'name');
  if (old === name) refuse(`Subset ${name} already has that name`);
  if (subsets.some((subset) => stringField(subset, 'name') === name)) {
    refuse(`${describeResource(rule)} already has a subset ${name}`);
  }
  editor.set(['spec', 'subsets', intent.subset, 'name'], name);
  if (old === undefined)
    return { key: intent.destinationRule, path: ['spec', 'subsets', intent.subset] };
  for (const virtualService of session.design.model.virtualServices) {
    const mentions = JSON.stringify(virtualService.spec).includes(JSON.stringify(old));
    if (!mentions) continue;
    const vsEditor = session.edit(virtualService);
    const followed: string[] = [];
    for (const site of subsetSites(vsEditor)) {
      const destination = vsEditor.read(site.path);
      const written = stringField(destination, 'host');
      if (written === undefined || stringField(destination, 'subset') !== old) continue;
      const host = resolveHost(
        written,
        virtualService.namespace,
        session.design.model.clusterDomain,
      );
      if (!usesRule(session, rule, host, virtualService.namespace)) continue;
      vsEditor.set([...site.path, 'subset'], name);
      followed.push(site.what);
    }
    if (followed.length > 0) {
      session.note(
        virtualService.key,
        `Its references to subset ${old} follow the rename to ${name}: ${[...new Set(followed)].join(', ')}`,
      );
    }
  }
  return { key: intent.destinationRule, path: ['spec', 'subsets', intent.subset] };
};
