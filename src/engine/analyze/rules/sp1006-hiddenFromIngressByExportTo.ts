import {
  destinationRulesCovering,
  destinationRulesFor,
  isVisibleTo,
  resolveGatewayRef,
  resolveHost,
  SERVICE_EXPORT_TO_ANNOTATION,
} from '../../model';
import type {
  DestinationRuleResource,
  GatewayResource,
  ServiceEntryResource,
  ServiceResource,
  VirtualServiceResource,
} from '../../model';
import { describeExportTo } from '../context';
import type { AnalysisContext } from '../context';
import { destinationsOf } from '../destinations';
import type { ModelRule, Report } from '../types';

const CODE = 'SP1006';

/**
 * SP1006: exportTo hides a VirtualService, DestinationRule, Service or ServiceEntry from the ingress.
 * A gateway reads configuration visible from its pods' namespace (istio-system for the standard
 * ingress), not from the Gateway resource's (routing-semantics §2.3, §3.2): a VirtualService
 * exported to `.` in `default` never binds; a DestinationRule exported to `.` leaves its subsets
 * undefined there (503 NC) and its traffic policy unapplied; a Service (annotation
 * `networking.istio.io/exportTo`) or ServiceEntry the route's namespace sees but the gateway's does
 * not has no cluster at the gateway (503 NC). A destination hidden from the route's own namespace is
 * IST0101's to report.
 */
export const hiddenFromIngressByExportToRule: ModelRule = {
  scope: 'model',
  id: 'sp1006-hiddenFromIngressByExportTo',
  codes: [CODE],
  check(context, report) {
    const reportedRules = new Set<string>();
    for (const virtualService of context.model.virtualServices) {
      for (const [index, written] of (virtualService.spec.gateways ?? []).entries()) {
        const reference = resolveGatewayRef(written, virtualService.namespace);
        if (reference.type === 'mesh') continue;
        const gateway = context.gateway(reference.key);
        if (gateway === undefined) continue;
        const viewers = context.gatewayNamespaces(gateway);
        if (!viewers.some((namespace) => isVisibleTo(virtualService, namespace))) {
          report({
            code: CODE,
            level: 'warning',
            message: `VirtualService ${virtualService.namespace}/${virtualService.name} is exported to ${describeExportTo(virtualService)} only, so the pods of Gateway ${gateway.namespace}/${gateway.name} (namespace ${viewers.join(', ')}) never see it and its routes do not apply there.`,
            resource: virtualService.key,
            path:
              virtualService.spec.exportTo === undefined
                ? ['spec', 'gateways', index]
                : ['spec', 'exportTo'],
          });
          continue;
        }
        checkRegistry(context, virtualService, gateway, viewers, reportedRules, report);
        checkDestinationRules(context, virtualService, gateway, viewers, reportedRules, report);
      }
    }
  },
};

function checkRegistry(
  context: AnalysisContext,
  virtualService: VirtualServiceResource,
  gateway: GatewayResource,
  viewers: readonly string[],
  reported: Set<string>,
  report: Report,
): void {
  for (const { destination } of destinationsOf(virtualService)) {
    if (destination.host === undefined || destination.host === '') continue;
    const host = resolveHost(
      destination.host,
      virtualService.namespace,
      context.model.clusterDomain,
    );
    if (context.lookupHost(host, virtualService.namespace).visible.length === 0) continue;
    for (const viewer of viewers) {
      const lookup = context.lookupHost(host, viewer);
      if (lookup.visible.length > 0) continue;
      for (const resource of lookup.hidden) {
        const identity = `${resource.key}\u0000${viewer}`;
        if (reported.has(identity)) continue;
        reported.add(identity);
        report(hiddenRegistryFinding(resource, virtualService, gateway, viewer));
      }
    }
  }
}

function hiddenRegistryFinding(
  resource: ServiceResource | ServiceEntryResource,
  virtualService: VirtualServiceResource,
  gateway: GatewayResource,
  viewer: string,
) {
  return {
    code: CODE,
    level: 'warning' as const,
    message: `${resource.kind} ${resource.namespace}/${resource.name} is exported to ${describeExportTo(resource)} only, but VirtualService ${virtualService.namespace}/${virtualService.name} routes to it through Gateway ${gateway.namespace}/${gateway.name}, whose pods are in namespace ${viewer}; the gateway has no cluster for it and those requests get 503 (no cluster).`,
    resource: resource.key,
    path:
      resource.kind === 'Service'
        ? ['metadata', 'annotations', SERVICE_EXPORT_TO_ANNOTATION]
        : ['spec', 'exportTo'],
  };
}

function checkDestinationRules(
  context: AnalysisContext,
  virtualService: VirtualServiceResource,
  gateway: GatewayResource,
  viewers: readonly string[],
  reportedRules: Set<string>,
  report: Report,
): void {
  for (const { destination } of destinationsOf(virtualService)) {
    if (destination.host === undefined || destination.host === '') continue;
    const host = resolveHost(
      destination.host,
      virtualService.namespace,
      context.model.clusterDomain,
    );
    const subset = destination.subset ?? '';
    for (const viewer of viewers) {
      const used = destinationRulesFor(context.model, host, viewer);
      if (subset !== '' && used?.subsets.some((candidate) => candidate.name === subset) === true)
        continue;
      if (subset === '' && used !== undefined) continue;
      const hidden = destinationRulesCovering(context.model, host).filter(
        (rule) =>
          !isVisibleTo(rule, viewer) &&
          (subset === '' ||
            (rule.spec.subsets ?? []).some((candidate) => candidate.name === subset)),
      );
      for (const rule of hidden) {
        const identity = `${rule.key}\u0000${viewer}\u0000${subset}`;
        if (reportedRules.has(identity)) continue;
        reportedRules.add(identity);
        report(hiddenRuleFinding(rule, virtualService, gateway, viewer, subset));
      }
    }
  }
}

function hiddenRuleFinding(
  rule: DestinationRuleResource,
  virtualService: VirtualServiceResource,
  gateway: GatewayResource,
  viewer: string,
  subset: string,
) {
  const consequence =
    subset === ''
      ? 'so its traffic policy does not apply to those requests'
      : `so subset ${subset} does not exist there and those requests get 503 (no cluster)`;
  return {
    code: CODE,
    level: 'warning' as const,
    message: `DestinationRule ${rule.namespace}/${rule.name} is exported to ${describeExportTo(rule)} only, but VirtualService ${virtualService.namespace}/${virtualService.name} routes to its host through Gateway ${gateway.namespace}/${gateway.name}, whose pods are in namespace ${viewer}; ${consequence}.`,
    resource: rule.key,
    path: rule.spec.exportTo === undefined ? ['spec', 'host'] : ['spec', 'exportTo'],
  };
}
