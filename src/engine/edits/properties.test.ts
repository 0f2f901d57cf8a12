import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../model/loadDesign';
import type { Design } from '../model/loadDesign';
import { admittedServerHosts, resolveGatewayRef } from '../model/resolveGateway';
import { intersectHosts, resolveHost } from '../model/resolveHost';
import { isHttpProtocol, isTlsProtocol, parseProtocol } from '../model/resolvePorts';
import { selectorMatches } from '../model/resolveSelector';
import type { Resource, YamlPath } from '../model/types';
import { generateMesh } from '../testing/generateMesh';
import { parseFile } from '../yaml/parseFile';
import type { TextEdit } from '../yaml/types';
import { applyEdits, invertEdits } from './applyEdits';
import { connectionIntent } from './connections';
import { ADDABLE_KINDS, isRefused } from './intents';
import type { Intent, PlannedEdits } from './intents';
import { planIntent } from './planIntent';

const FILE = 'design.yaml';

/** Diagnostics an edit must never add: syntax, unreadable documents, bad shapes, duplicates. */
const BROKEN_TEXT_CODES = ['SP0001', 'SP0003', 'SP0004', 'SP0005', 'SP0006', 'SP0009', 'SP0010'];

/** How many diagnostics of each code in BROKEN_TEXT_CODES a design has. */
function brokenCounts(design: Design): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const diagnostic of design.model.diagnostics) {
    if (BROKEN_TEXT_CODES.includes(diagnostic.code)) {
      counts[diagnostic.code] = (counts[diagnostic.code] ?? 0) + 1;
    }
  }
  return counts;
}

/** Seeds: every distinct golden `before.yaml` (comments, anchors, flow, quotes, CRLF) and meshes. */
function seeds(): string[] {
  const root = join(import.meta.dirname, '__golden__');
  const texts = new Set<string>();
  for (const intent of readdirSync(root)) {
    for (const name of readdirSync(join(root, intent))) {
      texts.add(readFileSync(join(root, intent, name, 'before.yaml'), 'utf8'));
    }
  }
  texts.add(generateMesh({ resources: 25, seed: 7 }).text);
  texts.add(generateMesh({ resources: 40, seed: 11 }).text);
  return [...texts];
}

/** One random step: numbers the chooser maps onto whatever the current design holds. */
interface Step {
  readonly choice: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly word: string;
  readonly weight: number;
}

const step: fc.Arbitrary<Step> = fc.record({
  choice: fc.nat(),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  word: fc.constantFrom('alpha', 'beta', 'edge', 'shop', 'v9', 'web-2', 'yes', 'on', '8080'),
  weight: fc.integer({ min: 0, max: 100 }),
});

const NAMESPACES = ['default', 'shop', 'istio-system', 'team-0', 'web'];

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

type Chosen = { readonly intent: Intent } | { readonly connect: readonly [string, string] };

/** Maps a step onto an intent for the design as it is now (or a connection between two nodes). */
function choose(design: Design, s: Step): Chosen | undefined {
  const model = design.model;
  const resource = pick(model.resources, s.a);
  const virtualService = pick(model.virtualServices, s.a);
  const rules = virtualService?.spec.http ?? [];
  const rule = rules.length === 0 ? 0 : s.b % rules.length;
  const routes = rules[rule]?.route ?? [];
  const destination = routes.length === 0 ? 0 : s.c % routes.length;
  const gateway = pick(model.gateways, s.a);
  const servers = gateway?.spec.servers ?? [];
  const destinationRule = pick(model.destinationRules, s.a);
  const service = pick(model.services, s.b);
  const choices: (() => Chosen | undefined)[] = [
    () => ({
      intent: {
        type: 'resource.add',
        kind: pick(ADDABLE_KINDS, s.a) ?? 'Service',
        namespace: pick(NAMESPACES, s.b) ?? 'default',
        ...(s.c % 3 === 0 ? { serviceType: 'LoadBalancer' as const } : {}),
      },
    }),
    () => resource && { intent: { type: 'resource.delete', key: resource.key } },
    () =>
      resource && {
        intent: { type: 'resource.rename', key: resource.key, name: `${s.word}-${s.c % 5}` },
      },
    () =>
      resource && {
        intent: {
          type: 'resource.setNamespace',
          key: resource.key,
          namespace: pick(NAMESPACES, s.b) ?? 'default',
        },
      },
    () =>
      virtualService && {
        intent: {
          type: 'route.setWeight',
          virtualService: virtualService.key,
          rule,
          destination,
          weight: s.weight,
        },
      },
    () =>
      virtualService &&
      service && {
        intent: {
          type: 'route.addDestination',
          virtualService: virtualService.key,
          rule,
          destination: { host: `${service.name}.${service.namespace}.svc.cluster.local` },
        },
      },
    () =>
      virtualService && {
        intent: {
          type: 'route.removeDestination',
          virtualService: virtualService.key,
          rule,
          destination,
        },
      },
    () => virtualService && { intent: { type: 'rule.add', virtualService: virtualService.key } },
    () =>
      virtualService && {
        intent: { type: 'rule.remove', virtualService: virtualService.key, rule },
      },
    () =>
      virtualService && {
        intent: {
          type: 'rule.move',
          virtualService: virtualService.key,
          from: rule,
          to: rules.length === 0 ? 0 : s.c % rules.length,
        },
      },
    () =>
      virtualService && { intent: { type: 'match.add', virtualService: virtualService.key, rule } },
    () =>
      virtualService && {
        intent: { type: 'match.remove', virtualService: virtualService.key, rule, match: 0 },
      },
    () => gateway && { intent: { type: 'server.add', gateway: gateway.key } },
    () =>
      gateway && {
        intent: {
          type: 'server.remove',
          gateway: gateway.key,
          server: s.b % (servers.length || 1),
        },
      },
    () =>
      gateway && {
        intent: {
          type: 'gateway.setHttpsRedirect',
          gateway: gateway.key,
          server: s.b % (servers.length || 1),
          enabled: s.c % 2 === 0,
        },
      },
    () =>
      gateway && {
        intent: {
          type: 'gateway.setServerProtocol',
          gateway: gateway.key,
          server: s.b % (servers.length || 1),
          protocol: ['HTTP', 'HTTPS', 'TLS', 'TCP', 'HTTP2'][s.c % 5],
        },
      },
    () =>
      gateway && {
        intent: {
          type: 'gateway.setServerTlsMode',
          gateway: gateway.key,
          server: s.b % (servers.length || 1),
          mode: [undefined, 'SIMPLE', 'PASSTHROUGH', 'MUTUAL'][s.c % 4],
        },
      },
    () =>
      destinationRule && { intent: { type: 'subset.add', destinationRule: destinationRule.key } },
    () =>
      destinationRule && {
        intent: {
          type: 'subset.remove',
          destinationRule: destinationRule.key,
          subset: s.b % ((destinationRule.spec.subsets ?? []).length || 1),
        },
      },
    () =>
      virtualService && {
        intent: {
          type: 'rule.setName',
          virtualService: virtualService.key,
          rule,
          name: s.c % 4 === 0 ? undefined : `${s.word}-${s.c % 5}`,
        },
      },
    () =>
      destinationRule && {
        intent: {
          type: 'subset.rename',
          destinationRule: destinationRule.key,
          subset: s.b % ((destinationRule.spec.subsets ?? []).length || 1),
          name: `${s.word}-${s.c % 3}`,
        },
      },
    () =>
      resource && {
        intent: {
          type: 'field.set',
          key: resource.key,
          path: ['metadata', 'labels', s.word],
          value: s.c % 2 === 0 ? s.word : String(s.weight),
        },
      },
    () =>
      resource && {
        intent: {
          type: 'field.set',
          key: resource.key,
          path: ['metadata', 'annotations'],
          value: { 'sailplan.dev/note': s.word, 'sailplan.dev/rank': String(s.weight) },
        },
      },
    () =>
      resource && {
        intent: {
          type: 'field.remove',
          key: resource.key,
          path: ['metadata', 'labels', pick(Object.keys(resource.labels), s.b) ?? 'app'],
        },
      },
    () =>
      virtualService && {
        intent: {
          type: 'list.insert',
          key: virtualService.key,
          path: ['spec', 'hosts'],
          index: s.b % ((virtualService.spec.hosts ?? []).length + 1),
          value: `${s.word}.example.com`,
        },
      },
    () =>
      virtualService && {
        intent: {
          type: 'list.remove',
          key: virtualService.key,
          path: ['spec', 'hosts'],
          index: s.b % ((virtualService.spec.hosts ?? []).length || 1),
        },
      },
    () =>
      gateway && {
        intent: {
          type: 'list.move',
          key: gateway.key,
          path: ['spec', 'servers'],
          from: s.b % (servers.length || 1),
          to: s.c % (servers.length || 1),
        },
      },
    () => {
      const source = pick(model.resources, s.a);
      const target = pick(model.resources, s.b);
      return source && target && { connect: [source.key, target.key] };
    },
    () =>
      virtualService && service && { connect: [`${virtualService.key}#http/${rule}`, service.key] },
    () => gateway && virtualService && { connect: [gateway.key, virtualService.key] },
    () => {
      const loadBalancer = pick(
        model.services.filter((candidate) => candidate.spec.type === 'LoadBalancer'),
        s.b,
      );
      return loadBalancer && gateway && { connect: [loadBalancer.key, gateway.key] };
    },
    () => {
      const workload = pick(model.workloads, s.c);
      return service && workload && { connect: [service.key, workload.key] };
    },
    () => destinationRule && service && { connect: [destinationRule.key, service.key] },
  ];
  return pick(choices, s.choice)?.();
}

/** The resource's value at `path` in a design's text (plain data), or undefined. */
function valueIn(design: Design, key: string, path: YamlPath): unknown {
  const resource = design.model.byKey.get(key);
  if (resource === undefined) return undefined;
  const document = design.files[0]?.documents[resource.origin.documentIndex]?.document;
  let value: unknown = document?.toJS({ maxAliasCount: 100 });
  for (const segment of [...resource.origin.path, ...path]) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function same(a: Resource | undefined, key: string): boolean {
  return a !== undefined && a.key === key;
}

/** Asserts that the re-parsed design shows what the intent asked for. */
function expectIntended(before: Design, after: Design, intent: Intent, plan: PlannedEdits): void {
  const model = after.model;
  switch (intent.type) {
    case 'resource.add':
      expect(plan.selection && model.byKey.has(plan.selection.key)).toBe(true);
      break;
    case 'resource.delete':
      expect(model.byKey.has(intent.key)).toBe(false);
      break;
    case 'resource.rename':
    case 'resource.setNamespace':
      expect(model.byKey.has(intent.key)).toBe(false);
      expect(plan.selection && model.byKey.has(plan.selection.key)).toBe(true);
      break;
    case 'route.setWeight':
      expect(
        valueIn(after, intent.virtualService, [
          'spec',
          intent.section ?? 'http',
          intent.rule,
          'route',
          intent.destination,
          'weight',
        ]),
      ).toBe(intent.weight);
      break;
    case 'route.addDestination': {
      const namespace = before.model.byKey.get(intent.virtualService)?.namespace ?? '';
      const hosts = list(
        // A connection to a tcp or tls rule adds to that section.
        valueIn(after, intent.virtualService, [
          'spec',
          intent.section ?? 'http',
          intent.rule,
          'route',
        ]),
      )
        .map((route) => (route as { destination?: { host?: string } }).destination?.host)
        .map((host) => resolveHost(host ?? '', namespace));
      expect(hosts).toContain(resolveHost(intent.destination.host ?? '', namespace));
      break;
    }
    case 'route.removeDestination': {
      // The last destination takes its rule with it: no `route: []` is left behind.
      const routes = list(
        valueIn(before, intent.virtualService, [
          'spec',
          intent.section ?? 'http',
          intent.rule,
          'route',
        ]),
      );
      const [path, delta]: [YamlPath, number] =
        routes.length === 1 ? [['spec', intent.section ?? 'http'], -1] : listChange(intent);
      expect(list(valueIn(after, intent.virtualService, path)).length).toBe(
        list(valueIn(before, intent.virtualService, path)).length + delta,
      );
      break;
    }
    case 'rule.add':
    case 'rule.remove':
    case 'match.add':
    case 'match.remove':
    case 'server.add':
    case 'server.remove':
    case 'subset.add':
    case 'subset.remove':
    case 'list.insert':
    case 'list.remove': {
      const [path, delta] = listChange(intent);
      const key =
        'virtualService' in intent
          ? intent.virtualService
          : 'gateway' in intent
            ? intent.gateway
            : 'destinationRule' in intent
              ? intent.destinationRule
              : intent.key;
      const beforeLength = list(valueIn(before, key, path)).length;
      const afterLength = list(valueIn(after, key, path)).length;
      if (intent.type === 'match.remove' && beforeLength === 1) expect(afterLength).toBe(0);
      else expect(afterLength).toBe(beforeLength + delta);
      break;
    }
    case 'rule.move':
    case 'list.move': {
      const [key, path, from, to] =
        intent.type === 'rule.move'
          ? [intent.virtualService, ['spec', 'http'], intent.from, intent.to]
          : [intent.key, intent.path, intent.from, intent.to];
      const moved = list(valueIn(before, key, path))[from];
      expect(list(valueIn(after, key, path))[to]).toEqual(moved);
      break;
    }
    case 'field.set':
      if (
        intent.path[0] !== 'metadata' ||
        (intent.path[1] !== 'name' && intent.path[1] !== 'namespace')
      ) {
        expect(valueIn(after, intent.key, intent.path)).toEqual(intent.value);
      }
      break;
    case 'field.remove':
      expect(valueIn(after, intent.key, intent.path)).toBeUndefined();
      break;
    case 'gateway.setHttpsRedirect':
      expect(
        valueIn(after, intent.gateway, [
          'spec',
          'servers',
          intent.server,
          'tls',
          'httpsRedirect',
        ]) === true,
      ).toBe(intent.enabled);
      break;
    case 'gateway.setServerProtocol': {
      const gateway = model.byKey.get(intent.gateway);
      const server =
        gateway?.kind === 'Gateway' ? gateway.spec.servers?.[intent.server] : undefined;
      expect(server?.port?.protocol).toBe(intent.protocol);
      const protocol = parseProtocol(intent.protocol);
      // What Istio's webhook requires of a server's tls for its protocol.
      if (isTlsProtocol(protocol)) expect(server?.tls).toBeDefined();
      else if (isHttpProtocol(protocol)) {
        expect(Object.keys(server?.tls ?? {}).filter((key) => key !== 'httpsRedirect')).toEqual([]);
      } else expect(server?.tls).toBeUndefined();
      break;
    }
    case 'gateway.setServerTlsMode': {
      const gateway = model.byKey.get(intent.gateway);
      const tls =
        gateway?.kind === 'Gateway' ? gateway.spec.servers?.[intent.server]?.tls : undefined;
      if (intent.mode === undefined) {
        expect(Object.keys(tls ?? {}).filter((key) => key !== 'httpsRedirect')).toEqual([]);
      } else {
        expect(tls?.mode).toBe(intent.mode);
        if (intent.mode !== 'PASSTHROUGH')
          expect(
            tls?.credentialName ?? tls?.credentialNames ?? tls?.serverCertificate,
          ).toBeDefined();
      }
      break;
    }
    case 'gateway.selectLoadBalancer': {
      const service = before.model.byKey.get(intent.loadBalancer);
      const gateway = model.byKey.get(intent.gateway);
      if (service?.kind === 'Service' && gateway?.kind === 'Gateway') {
        expect(gateway.spec.selector).toEqual(service.spec.selector);
      }
      break;
    }
    case 'virtualService.bindGateway': {
      const virtualService = model.byKey.get(intent.virtualService);
      if (virtualService?.kind === 'VirtualService') {
        const keys = (virtualService.spec.gateways ?? []).map((written) => {
          const reference = resolveGatewayRef(written, virtualService.namespace);
          return reference.type === 'gateway' ? reference.key : 'mesh';
        });
        expect(keys).toContain(intent.gateway);
        const gateway = model.byKey.get(intent.gateway);
        if (gateway?.kind === 'Gateway') {
          const servers = (gateway.spec.servers ?? []).filter(
            (_, index) => intent.server === undefined || index === intent.server,
          );
          const hosts = (virtualService.spec.hosts ?? []).map((host) =>
            resolveHost(host, virtualService.namespace),
          );
          const meets = servers.some(
            (server) =>
              intersectHosts(
                admittedServerHosts(
                  server.hosts ?? [],
                  gateway.namespace,
                  virtualService.namespace,
                ),
                hosts,
              ).length > 0,
          );
          expect(meets).toBe(true);
        }
      }
      break;
    }
    case 'service.selectWorkload': {
      const service = model.byKey.get(intent.service);
      const workload = model.byKey.get(intent.workload);
      if (service?.kind === 'Service' && workload && 'podLabels' in workload.spec) {
        expect(selectorMatches(service.spec.selector, workload.spec.podLabels)).toBe(true);
      }
      break;
    }
    case 'destinationRule.setHost': {
      const rule = model.byKey.get(intent.destinationRule);
      expect(same(rule, intent.destinationRule)).toBe(true);
      if (rule?.kind === 'DestinationRule') {
        expect(resolveHost(rule.spec.host ?? '', rule.namespace)).toBe(
          resolveHost(intent.host, rule.namespace),
        );
      }
      break;
    }
    case 'rule.setName':
      expect(valueIn(after, intent.virtualService, ['spec', 'http', intent.rule, 'name'])).toBe(
        intent.name,
      );
      break;
    case 'subset.rename': {
      const rule = model.byKey.get(intent.destinationRule);
      if (rule?.kind === 'DestinationRule') {
        expect(rule.spec.subsets?.[intent.subset]?.name).toBe(intent.name);
      }
      break;
    }
    default:
      intent satisfies never;
  }
}

/** The list an intent grows or shrinks, and by how much. */
function listChange(intent: Intent): [YamlPath, number] {
  switch (intent.type) {
    case 'route.removeDestination':
      return [['spec', intent.section ?? 'http', intent.rule, 'route'], -1];
    case 'rule.add':
      return [['spec', 'http'], 1];
    case 'rule.remove':
      return [['spec', 'http'], -1];
    case 'match.add':
      return [['spec', 'http', intent.rule, 'match'], 1];
    case 'match.remove':
      return [['spec', 'http', intent.rule, 'match'], -1];
    case 'server.add':
      return [['spec', 'servers'], 1];
    case 'server.remove':
      return [['spec', 'servers'], -1];
    case 'subset.add':
      return [['spec', 'subsets'], 1];
    case 'subset.remove':
      return [['spec', 'subsets'], -1];
    case 'list.insert':
      return [intent.path, 1];
    case 'list.remove':
      return [intent.path, -1];
    default:
      throw new Error(`${intent.type} changes no list`);
  }
}

/** Asserts that every document no edit touches is byte-identical, at its shifted place. */
function expectUntouchedDocuments(before: string, after: string, edits: readonly TextEdit[]): void {
  const documents = parseFile({ name: FILE, text: before }).documents;
  for (const document of documents) {
    const start = document.offset;
    const end = start + document.text.length;
    const touched = edits.some(
      (edit) =>
        (edit.start < end && edit.end > start) ||
        (edit.start === edit.end && edit.start > start && edit.start <= end),
    );
    if (touched) continue;
    const shift = edits
      .filter((edit) => edit.end <= start)
      .reduce((sum, edit) => sum + edit.text.length - (edit.end - edit.start), 0);
    expect(after.slice(start + shift, end + shift)).toBe(document.text);
  }
}

describe('random sequences of intents', () => {
  const texts = seeds();
  let planned = 0;

  it('keep untouched documents byte-identical, the text parseable, undo exact and the change visible', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(step, { minLength: 1, maxLength: 6 }),
        (seed, steps) => {
          let text = seed;
          let design = loadDesign([{ name: FILE, text }]);
          for (const current of steps) {
            // A CRLF text stays CRLF. A text a step emptied has no line break left to follow: the
            // engine writes \n there (the editor's model turns it into its own line ending).
            const crlf = text.includes('\r\n');
            const chosen = choose(design, current);
            if (chosen === undefined) continue;
            let intent: Intent;
            if ('connect' in chosen) {
              const meaning = connectionIntent(design, chosen.connect[0], chosen.connect[1]);
              if ('refused' in meaning) continue;
              intent = meaning.intent;
            } else {
              intent = chosen.intent;
            }
            const plan = planIntent(design, intent);
            if (isRefused(plan)) {
              expect(plan.refused.length).toBeGreaterThan(0);
              continue;
            }
            planned += 1;
            const after = applyEdits(text, plan.edits);
            expectUntouchedDocuments(text, after, plan.edits);
            expect(applyEdits(after, invertEdits(text, plan.edits))).toBe(text);
            if (crlf) expect(after.replace(/\r\n/g, '')).not.toContain('\n');
            const next = loadDesign([{ name: FILE, text: after }]);
            for (const document of next.files[0]?.documents ?? []) {
              expect(document.document.errors.map((error) => error.message)).toEqual([]);
            }
            const broken = brokenCounts(design);
            for (const [code, count] of Object.entries(brokenCounts(next))) {
              expect(count, `${code} after ${JSON.stringify(intent)}`).toBeLessThanOrEqual(
                broken[code] ?? 0,
              );
            }
            expectIntended(design, next, intent, plan);
            text = after;
            design = next;
          }
        },
      ),
      { numRuns: 150 },
    );
    // Most steps must plan something, or the property would prove little.
    expect(planned).toBeGreaterThan(150);
  }, 120_000);
});
