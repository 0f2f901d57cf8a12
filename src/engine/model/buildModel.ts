import type { Diagnostic } from '../diagnostics';
import { PARSE_DIAGNOSTIC_CODES } from '../yaml/diagnosticCodes';
import { offsetToPosition, toSourceRange } from '../yaml/lineIndex';
import { localRangeAt } from '../yaml/rangeAt';
import type { ParsedDocument, ParsedFile } from '../yaml/types';
import { CLUSTER_DOMAIN_PATH, extractDocument } from './extractDocument';
import { CLUSTER_DOMAIN } from './resolveHost';
import type { ResourceDraft } from './extractDocument';
import type {
  DestinationRuleResource,
  GatewayResource,
  Model,
  Resource,
  ResourceKey,
  ResourceOrigin,
  ServiceEntryResource,
  ServiceResource,
  UnmodelledResource,
  VirtualServiceResource,
  WorkloadResource,
} from './types';

/** One modelled resource found while reading the files, before duplicates and ranks are settled. */
interface Candidate {
  readonly draft: ResourceDraft;
  readonly origin: ResourceOrigin;
  readonly createdAt: number | undefined;
  readonly file: ParsedFile;
  readonly parsed: ParsedDocument;
}

const documentDiagnosticsCache = new WeakMap<ParsedDocument, readonly Diagnostic[]>();
const modelInputs = new WeakMap<Model, readonly ParsedFile[]>();
const resourceDrafts = new WeakMap<Resource, ResourceDraft>();

function documentDiagnostics(file: ParsedFile, parsed: ParsedDocument): readonly Diagnostic[] {
  const cached = documentDiagnosticsCache.get(parsed);
  if (cached !== undefined) return cached;
  const extraction = extractDocument(parsed.tree, parsed.text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  for (const local of extraction.diagnostics) {
    diagnostics.push({
      code: local.code,
      level: local.level,
      message: local.message,
      ...(local.resource === undefined ? {} : { resource: local.resource }),
      ...(local.path === undefined ? {} : { path: local.path }),
      range: toSourceRange(
        file.name,
        file.lineStarts,
        parsed.offset + local.start,
        parsed.offset + local.end,
      ),
    });
  }
  documentDiagnosticsCache.set(parsed, diagnostics);
  return diagnostics;
}

function sameInputs(a: readonly ParsedFile[], b: readonly ParsedFile[]): boolean {
  return a.length === b.length && a.every((file, index) => file === b[index]);
}

/**
 * Creation order (routing-semantics §0, Sailplan's rule): resources with a creationTimestamp first,
 * ascending, ties by name then namespace; then the others in document order.
 */
function creationRanks(candidates: readonly Candidate[]): Map<Candidate, number> {
  const timed = candidates.filter((candidate) => candidate.createdAt !== undefined);
  timed.sort(
    (a, b) =>
      (a.createdAt ?? 0) - (b.createdAt ?? 0) ||
      compareStrings(a.draft.name, b.draft.name) ||
      compareStrings(a.draft.namespace, b.draft.namespace),
  );
  const ranks = new Map<Candidate, number>();
  for (const candidate of timed) ranks.set(candidate, ranks.size);
  for (const candidate of candidates) {
    if (candidate.createdAt === undefined) ranks.set(candidate, ranks.size);
  }
  return ranks;
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function sameOrigin(a: ResourceOrigin, b: ResourceOrigin): boolean {
  return (
    a.file === b.file &&
    a.documentIndex === b.documentIndex &&
    a.path.length === b.path.length &&
    a.path.every((segment, index) => segment === b.path[index])
  );
}

function duplicateDiagnostic(later: Candidate, earlier: Candidate): Diagnostic {
  const path = ['metadata', 'name'];
  const [start, end] = localRangeAt(
    later.parsed.tree,
    later.parsed.text,
    [...later.origin.path, ...path],
    { target: 'head' },
  );
  const earlierLine = offsetToPosition(earlier.file.lineStarts, earlier.parsed.offset).line;
  const { kind, namespace, name, key } = later.draft;
  return {
    code: 'SP0010',
    level: PARSE_DIAGNOSTIC_CODES.SP0010.level,
    message: `${kind} ${namespace}/${name} is defined twice (also in ${earlier.origin.file}, document at line ${earlierLine}); this later definition replaces the earlier one, as kubectl apply would`,
    resource: key,
    path,
    range: toSourceRange(
      later.file.name,
      later.file.lineStarts,
      later.parsed.offset + start,
      later.parsed.offset + end,
    ),
  };
}

function secondDomainDiagnostic(
  file: ParsedFile,
  parsed: ParsedDocument,
  origin: ResourceOrigin,
  first: { domain: string; origin: ResourceOrigin },
): Diagnostic {
  const [start, end] = localRangeAt(
    parsed.tree,
    parsed.text,
    [...origin.path, ...CLUSTER_DOMAIN_PATH],
    {
      target: 'head',
    },
  );
  return {
    code: 'SP0014',
    level: PARSE_DIAGNOSTIC_CODES.SP0014.level,
    message: `A second IstioOperator sets another cluster domain; the first one, ${first.domain} (${first.origin.file}), is used`,
    range: toSourceRange(file.name, file.lineStarts, parsed.offset + start, parsed.offset + end),
  };
}

function toResource(
  candidate: Candidate,
  creationRank: number,
  previous: Model | undefined,
): Resource {
  const earlier = previous?.byKey.get(candidate.draft.key);
  if (
    earlier !== undefined &&
    resourceDrafts.get(earlier) === candidate.draft &&
    earlier.creationRank === creationRank &&
    sameOrigin(earlier.origin, candidate.origin)
  ) {
    return earlier;
  }
  const resource = { ...candidate.draft, creationRank, origin: candidate.origin } as Resource;
  resourceDrafts.set(resource, candidate.draft);
  return resource;
}

/**
 * Builds the model of a design from its parsed files (in the order given). Never throws: bad
 * input becomes diagnostics. With `previous` (the model of the last version), resources that did
 * not change are the very same objects, so views memoised on them do not re-render.
 */
export function buildModel(files: readonly ParsedFile[], previous?: Model): Model {
  if (previous !== undefined) {
    const inputs = modelInputs.get(previous);
    if (inputs !== undefined && sameInputs(inputs, files)) return previous;
  }
  const candidates: Candidate[] = [];
  const unmodelled: UnmodelledResource[] = [];
  const diagnostics: Diagnostic[] = [];
  let domainSetting: { domain: string; origin: ResourceOrigin } | undefined;

  for (const file of files) {
    for (const parsed of file.documents) {
      for (const diagnostic of documentDiagnostics(file, parsed)) diagnostics.push(diagnostic);
      for (const item of extractDocument(parsed.tree, parsed.text).items) {
        const origin: ResourceOrigin = {
          file: file.name,
          documentIndex: parsed.index,
          path: item.path,
        };
        if (item.type === 'unmodelled') {
          const { apiVersion, kind, name, namespace } = item;
          unmodelled.push({ apiVersion, kind, name, namespace, origin });
          const domain = item.clusterDomain;
          if (domain === undefined) continue;
          // The first IstioOperator with a cluster domain sets it; another domain is reported.
          if (domainSetting === undefined) domainSetting = { domain, origin };
          else if (domainSetting.domain !== domain)
            diagnostics.push(secondDomainDiagnostic(file, parsed, origin, domainSetting));
        } else {
          candidates.push({ draft: item.draft, origin, createdAt: item.createdAt, file, parsed });
        }
      }
    }
  }

  const winners = new Map<ResourceKey, Candidate>();
  for (const candidate of candidates) {
    const earlier = winners.get(candidate.draft.key);
    if (earlier !== undefined) diagnostics.push(duplicateDiagnostic(candidate, earlier));
    winners.set(candidate.draft.key, candidate);
  }
  const kept = candidates.filter((candidate) => winners.get(candidate.draft.key) === candidate);
  const ranks = creationRanks(kept);
  const resources = kept.map((candidate) =>
    toResource(candidate, ranks.get(candidate) ?? 0, previous),
  );

  const byKey = new Map<ResourceKey, Resource>();
  for (const resource of resources) byKey.set(resource.key, resource);
  const byCreation = [...resources].sort((a, b) => a.creationRank - b.creationRank);
  const services: ServiceResource[] = [];
  const workloads: WorkloadResource[] = [];
  const gateways: GatewayResource[] = [];
  const virtualServices: VirtualServiceResource[] = [];
  const destinationRules: DestinationRuleResource[] = [];
  const serviceEntries: ServiceEntryResource[] = [];
  for (const resource of byCreation) {
    switch (resource.kind) {
      case 'Service':
        services.push(resource);
        break;
      case 'Deployment':
      case 'StatefulSet':
      case 'DaemonSet':
        workloads.push(resource);
        break;
      case 'Gateway':
        gateways.push(resource);
        break;
      case 'VirtualService':
        virtualServices.push(resource);
        break;
      case 'DestinationRule':
        destinationRules.push(resource);
        break;
      case 'ServiceEntry':
        serviceEntries.push(resource);
        break;
      default: {
        const unreachable: never = resource;
        throw new Error(`Unhandled resource ${String(unreachable)}`);
      }
    }
  }

  const fileOrder = new Map(files.map((file, index) => [file.name, index]));
  diagnostics.sort(
    (a, b) =>
      (fileOrder.get(a.range?.file ?? '') ?? 0) - (fileOrder.get(b.range?.file ?? '') ?? 0) ||
      (a.range?.start ?? 0) - (b.range?.start ?? 0),
  );

  const model: Model = {
    resources,
    byKey,
    services,
    workloads,
    gateways,
    virtualServices,
    destinationRules,
    serviceEntries,
    unmodelled,
    diagnostics,
    clusterDomain: domainSetting?.domain ?? CLUSTER_DOMAIN,
  };
  modelInputs.set(model, files);
  return model;
}

/** Orders two resources by creation (oldest first), as `creationRank` records it. */
export function compareCreation(a: Resource, b: Resource): number {
  return a.creationRank - b.creationRank;
}
