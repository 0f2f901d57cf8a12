import { isMap, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import type { DiagnosticLevel } from '../diagnostics';
import { PARSE_DIAGNOSTIC_CODES } from '../yaml/diagnosticCodes';
import type { ParseDiagnosticCode } from '../yaml/diagnosticCodes';
import { localRangeAt } from '../yaml/rangeAt';
import type {
  DestinationRuleSpec,
  GatewaySpec,
  Labels,
  ServiceEntrySpec,
  ServiceSpec,
  VirtualServiceSpec,
  WorkloadSpec,
} from './istio';
import {
  destinationRuleSpecShape,
  gatewaySpecShape,
  metadataShape,
  serviceEntrySpecShape,
  serviceSpecShape,
  virtualServiceSpecShape,
  workloadSpecShape,
} from './schemas';
import { AliasLimitError, MAX_ALIAS_RESOLUTIONS, ShapeChecker } from './shape';
import type { MapEntry } from './shape';
import type { Shape } from './shape';
import { MODELLED_KINDS } from './types';
import type { Resource, ResourceKey, ResourceKind, YamlPath } from './types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A resource as one document defines it: everything but where it sits and its creation rank. */
export type ResourceDraft = DistributiveOmit<Resource, 'creationRank' | 'origin'>;

/** A diagnostic whose range is relative to its document's text. */
export interface LocalDiagnostic {
  readonly code: ParseDiagnosticCode;
  readonly level: DiagnosticLevel;
  readonly message: string;
  readonly resource?: ResourceKey;
  /** Path relative to the resource (its `origin.path`). */
  readonly path?: YamlPath;
  readonly start: number;
  readonly end: number;
}

/** A modelled resource found in a document. */
export interface ExtractedResource {
  readonly type: 'resource';
  /** Path of the resource inside the document: `[]` or `['items', i]`. */
  readonly path: YamlPath;
  readonly draft: ResourceDraft;
  /** `creationTimestamp` in milliseconds, when valid. */
  readonly createdAt: number | undefined;
}

/** A resource of a kind (or apiVersion) Sailplan does not model. */
export interface ExtractedUnmodelled {
  readonly type: 'unmodelled';
  readonly path: YamlPath;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /**
   * The cluster domain an IstioOperator sets (`spec.values.global.proxy.clusterDomain`), when it
   * is a valid DNS name.
   */
  readonly clusterDomain?: string;
}

/** The path of the cluster domain in an IstioOperator (Istio's `values.global.proxy.clusterDomain`). */
export const CLUSTER_DOMAIN_PATH: YamlPath = ['spec', 'values', 'global', 'proxy', 'clusterDomain'];

/** The API group of Istio's install resource, IstioOperator. */
const ISTIO_INSTALL_GROUP = 'install.istio.io';

// A DNS name of one or more labels (RFC 1123), as kubelet's --cluster-domain takes it.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** True when `domain` can be a cluster domain: lower-case DNS labels, at most 253 characters. */
export function isClusterDomain(domain: string): boolean {
  return domain.length <= 253 && domain.split('.').every((label) => DNS_LABEL.test(label));
}

/** What one parsed document contributes to the model; cached per `yaml` Document. */
export interface DocumentExtraction {
  readonly items: readonly (ExtractedResource | ExtractedUnmodelled)[];
  readonly diagnostics: readonly LocalDiagnostic[];
}

const ISTIO_NETWORKING_VERSIONS = [
  'networking.istio.io/v1alpha3',
  'networking.istio.io/v1beta1',
  'networking.istio.io/v1',
] as const;

/** The apiVersions Sailplan reads for each modelled kind. */
export const MODELLED_API_VERSIONS: Readonly<Record<ResourceKind, readonly string[]>> = {
  Service: ['v1'],
  Deployment: ['apps/v1'],
  StatefulSet: ['apps/v1'],
  DaemonSet: ['apps/v1'],
  Gateway: ISTIO_NETWORKING_VERSIONS,
  VirtualService: ISTIO_NETWORKING_VERSIONS,
  DestinationRule: ISTIO_NETWORKING_VERSIONS,
  ServiceEntry: ISTIO_NETWORKING_VERSIONS,
};

const EMPTY_LABELS: Labels = Object.freeze(Object.create(null) as Record<string, string>);

function isModelledKind(kind: string): kind is ResourceKind {
  return (MODELLED_KINDS as readonly string[]).includes(kind);
}

/** The API group of an apiVersion (`networking.istio.io/v1` -> `networking.istio.io`; `v1` -> ``). */
function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** A top-level scalar field's value (`kind`, `apiVersion`), whatever its type. */
function scalarOf(reader: ShapeChecker, entries: readonly MapEntry[], name: string): unknown {
  const value = reader.resolve(entries.find((entry) => entry.key === name)?.value);
  return isScalar(value) ? value.value : undefined;
}

const extractionCache = new WeakMap<Document, DocumentExtraction>();

/** Builds typed resources out of one document, with shape diagnostics; never throws. */
class DocumentExtractor {
  readonly items: (ExtractedResource | ExtractedUnmodelled)[] = [];
  readonly diagnostics: LocalDiagnostic[] = [];

  private readonly document: Document.Parsed;
  private readonly text: string;

  constructor(document: Document.Parsed, text: string) {
    this.document = document;
    this.text = text;
  }

  report(
    code: ParseDiagnosticCode,
    message: string,
    resourcePath: YamlPath,
    path: YamlPath,
    resource?: ResourceKey,
  ): void {
    const [start, end] = localRangeAt(this.document, this.text, [...resourcePath, ...path], {
      target: 'head',
    });
    this.diagnostics.push({
      code,
      level: PARSE_DIAGNOSTIC_CODES[code].level,
      message,
      ...(resource === undefined ? {} : { resource, path }),
      start,
      end,
    });
  }

  run(): void {
    const budget = { remaining: MAX_ALIAS_RESOLUTIONS };
    const reader = new ShapeChecker(this.document, this.text, budget);
    try {
      const root = reader.resolve(this.document.contents);
      if (root === null || root === undefined || (isScalar(root) && root.value === null)) return;
      if (!isMap(root)) {
        this.report(
          'SP0004',
          'This document is not a Kubernetes resource: it is not a map',
          [],
          [],
        );
        return;
      }
      const entries = reader.entries(root);
      const kind = scalarOf(reader, entries, 'kind');
      const items = reader.resolve(entries.find((entry) => entry.key === 'items')?.value);
      if (typeof kind === 'string' && kind.endsWith('List') && isSeq(items)) {
        items.items.forEach((item, index) => this.resource(item, ['items', index], budget));
        return;
      }
      this.resource(root, [], budget);
    } catch (error) {
      // A stack overflow (RangeError) is the input's doing too; anything else is a bug and surfaces.
      if (!(error instanceof AliasLimitError) && !(error instanceof RangeError)) throw error;
      this.items.length = 0;
      this.diagnostics.length = 0;
      this.report(
        'SP0003',
        error instanceof AliasLimitError
          ? `The document follows more than ${MAX_ALIAS_RESOLUTIONS} aliases (a resource exhaustion pattern); it is left out of the model`
          : `The document exhausts a resource limit (${String(error)}); it is left out of the model`,
        [],
        [],
      );
    }
  }

  private resource(node: unknown, path: YamlPath, budget: { remaining: number }): void {
    const checker = new ShapeChecker(this.document, this.text, budget);
    const value = checker.resolve(node);
    if (!isMap(value)) {
      this.report(
        'SP0004',
        'This list item is not a Kubernetes resource: it is not a map',
        path,
        [],
      );
      return;
    }
    const entries = checker.entries(value);
    const apiVersion = scalarOf(checker, entries, 'apiVersion');
    const kind = scalarOf(checker, entries, 'kind');
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === '') {
      const missing = typeof kind !== 'string' || kind === '' ? 'kind' : 'apiVersion';
      this.report(
        'SP0005',
        `Not a Kubernetes resource: ${missing} is missing or not a string`,
        path,
        [missing],
      );
      return;
    }
    const field = (name: string) => entries.find((entry) => entry.key === name);
    const metadata = (checker.field(field('metadata'), metadataShape) ?? {}) as {
      name?: string;
      namespace?: string;
      labels?: Labels;
      annotations?: Labels;
      creationTimestamp?: string;
    };
    const name = metadata.name ?? '';
    const namespaceWritten = metadata.namespace !== undefined && metadata.namespace !== '';
    const namespace = namespaceWritten ? (metadata.namespace ?? 'default') : 'default';
    const title = `${kind} ${namespace}/${name === '' ? '(no name)' : name}`;
    const modelled = isModelledKind(kind) && MODELLED_API_VERSIONS[kind].includes(apiVersion);
    const key = modelled ? `${kind}/${namespace}/${name}` : undefined;

    if (name === '') {
      this.report('SP0006', `${title}: metadata.name is required`, path, ['metadata', 'name'], key);
    }
    if (kind === 'IstioOperator' && apiGroup(apiVersion) === ISTIO_INSTALL_GROUP) {
      this.flush(checker, title, undefined);
      this.istioOperator(checker, field('spec')?.value, apiVersion, name, namespace, path, title);
      return;
    }
    if (!modelled) {
      this.flush(checker, title, undefined);
      this.unmodelled(apiVersion, kind, name, namespace, path, title);
      return;
    }
    if (name === '' || key === undefined) {
      this.flush(checker, title, undefined);
      return;
    }

    let createdAt: number | undefined;
    let creationTimestamp = metadata.creationTimestamp;
    if (creationTimestamp !== undefined) {
      createdAt = Date.parse(creationTimestamp);
      if (Number.isNaN(createdAt)) {
        this.report(
          'SP0011',
          `${title}: metadata.creationTimestamp ${JSON.stringify(creationTimestamp)} is not a timestamp; document order is used`,
          path,
          ['metadata', 'creationTimestamp'],
          key,
        );
        createdAt = undefined;
        creationTimestamp = undefined;
      }
    }

    const common = {
      apiVersion,
      key,
      name,
      namespace,
      namespaceWritten,
      labels: metadata.labels ?? EMPTY_LABELS,
      annotations: metadata.annotations ?? EMPTY_LABELS,
      ...(creationTimestamp === undefined ? {} : { creationTimestamp }),
    };
    const specEntry = field('spec');
    const spec = (shape: Shape): Record<string, unknown> =>
      (checker.field(specEntry, shape) ?? {}) as Record<string, unknown>;

    let draft: ResourceDraft;
    switch (kind) {
      case 'Service': {
        const checked = spec(serviceSpecShape) as Partial<ServiceSpec>;
        draft = { ...common, kind, spec: { ...checked, type: checked.type ?? 'ClusterIP' } };
        break;
      }
      case 'Deployment':
      case 'StatefulSet':
      case 'DaemonSet':
        draft = { ...common, kind, spec: toWorkloadSpec(spec(workloadSpecShape)) };
        break;
      case 'Gateway':
        draft = { ...common, kind, spec: spec(gatewaySpecShape) as GatewaySpec };
        break;
      case 'VirtualService':
        draft = { ...common, kind, spec: spec(virtualServiceSpecShape) as VirtualServiceSpec };
        break;
      case 'DestinationRule':
        draft = { ...common, kind, spec: spec(destinationRuleSpecShape) as DestinationRuleSpec };
        break;
      case 'ServiceEntry':
        draft = { ...common, kind, spec: spec(serviceEntrySpecShape) as ServiceEntrySpec };
        break;
      default: {
        const unreachable: never = kind;
        return unreachable;
      }
    }
    this.flush(checker, title, key);
    this.items.push({ type: 'resource', path, draft, createdAt });
  }

  private flush(checker: ShapeChecker, title: string, key: ResourceKey | undefined): void {
    for (const problem of checker.problems) {
      const code = problem.kind === 'type' ? 'SP0009' : 'SP0012';
      this.diagnostics.push({
        code,
        level: PARSE_DIAGNOSTIC_CODES[code].level,
        message: `${title}: ${problem.message}`,
        ...(key === undefined ? {} : { resource: key, path: problem.path }),
        start: problem.start,
        end: problem.end,
      });
    }
  }

  /**
   * An IstioOperator: not modelled, but its `values.global.proxy.clusterDomain` is the design's
   * cluster domain (the domain Istio's proxies and istiod are installed with).
   */
  private istioOperator(
    checker: ShapeChecker,
    spec: unknown,
    apiVersion: string,
    name: string,
    namespace: string,
    path: YamlPath,
    title: string,
  ): void {
    let node = spec;
    for (const key of CLUSTER_DOMAIN_PATH.slice(1)) {
      const map = checker.resolve(node);
      node = isMap(map)
        ? checker.entries(map).find((entry) => entry.key === key)?.value
        : undefined;
    }
    const value = checker.resolve(node);
    if (value === undefined) {
      this.unmodelled(apiVersion, 'IstioOperator', name, namespace, path, title);
      return;
    }
    const domain = isScalar(value) ? value.value : undefined;
    if (typeof domain !== 'string' || !isClusterDomain(domain)) {
      this.report(
        'SP0014',
        `${title}: clusterDomain ${JSON.stringify(domain ?? null)} is not a DNS name (lower-case labels separated by dots); the cluster domain stays cluster.local`,
        path,
        CLUSTER_DOMAIN_PATH,
      );
      this.items.push({
        type: 'unmodelled',
        path,
        apiVersion,
        kind: 'IstioOperator',
        name,
        namespace,
      });
      return;
    }
    this.report(
      'SP0013',
      `${title} sets the cluster domain ${domain}: Service hosts are name.namespace.svc.${domain}. Sailplan reads nothing else from an IstioOperator`,
      path,
      CLUSTER_DOMAIN_PATH,
    );
    this.items.push({
      type: 'unmodelled',
      path,
      apiVersion,
      kind: 'IstioOperator',
      name,
      namespace,
      clusterDomain: domain,
    });
  }

  private unmodelled(
    apiVersion: string,
    kind: string,
    name: string,
    namespace: string,
    path: YamlPath,
    title: string,
  ): void {
    if (
      isModelledKind(kind) &&
      apiGroup(apiVersion) === apiGroup(MODELLED_API_VERSIONS[kind][0] ?? '')
    ) {
      this.report(
        'SP0008',
        `${title}: apiVersion ${apiVersion} is not one Sailplan reads for ${kind} (${MODELLED_API_VERSIONS[kind].join(', ')}); it is kept in the text but not modelled`,
        path,
        ['apiVersion'],
      );
    } else {
      this.report(
        'SP0007',
        `${title} (${apiVersion}) is not modelled: it is kept in the text but not drawn or simulated`,
        path,
        ['kind'],
      );
    }
    this.items.push({ type: 'unmodelled', path, apiVersion, kind, name, namespace });
  }
}

interface CheckedWorkloadSpec {
  replicas?: number;
  selector?: { matchLabels?: Labels };
  template?: {
    metadata?: { labels?: Labels; annotations?: Labels };
    spec?: {
      containers?: { name?: string; ports?: { name?: string; containerPort?: number }[] }[];
    };
  };
}

function toWorkloadSpec(checked: CheckedWorkloadSpec): WorkloadSpec {
  const containers = checked.template?.spec?.containers ?? [];
  return {
    ...(checked.replicas === undefined ? {} : { replicas: checked.replicas }),
    ...(checked.selector === undefined ? {} : { selector: checked.selector }),
    podLabels: checked.template?.metadata?.labels ?? EMPTY_LABELS,
    podAnnotations: checked.template?.metadata?.annotations ?? EMPTY_LABELS,
    containerPorts: containers.flatMap((container) => container.ports ?? []),
    containerNames: containers.flatMap((container) =>
      container.name === undefined ? [] : [container.name],
    ),
  };
}

/**
 * The resources and shape diagnostics of one parsed document. A document with syntax errors
 * contributes nothing (its partial value is unreliable). Cached per `yaml` Document, which parseFile
 * reuses for unchanged text, so an edit re-extracts only the documents it touched.
 */
export function extractDocument(document: Document.Parsed, text: string): DocumentExtraction {
  const cached = extractionCache.get(document);
  if (cached !== undefined) return cached;
  const extractor = new DocumentExtractor(document, text);
  if (document.errors.length === 0) extractor.run();
  const extraction = { items: extractor.items, diagnostics: extractor.diagnostics };
  extractionCache.set(document, extraction);
  return extraction;
}
