import type { Labels } from './istio';
import { indexModel, labelPair, memoised } from './modelIndex';
import type {
  GatewayResource,
  Model,
  ServiceEntryResource,
  ServiceResource,
  WorkloadResource,
} from './types';

/**
 * True when every selector label is present in `labels` with an equal value (the subset test of
 * routing-semantics §1.1 and of Kubernetes selectors). An empty selector matches everything; callers
 * for which "no selector" means "nothing" (a Service) check that first.
 */
export function selectorMatches(selector: Labels | undefined, labels: Labels): boolean {
  if (selector === undefined) return true;
  // for-in over own keys (label maps are plain or prototype-free): no key array per call.
  for (const key in selector) {
    if (!Object.hasOwn(selector, key)) continue;
    if (!Object.hasOwn(labels, key) || labels[key] !== selector[key]) return false;
  }
  return true;
}

/** A label map for messages: `version=v1, app=web` in written order, `{}` when empty. */
export function formatLabels(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length === 0
    ? '{}'
    : entries.map(([key, value]) => labelPair(key, value)).join(', ');
}

/** A label selector as istioctl prints it: `key=value` pairs sorted by key, joined by commas. */
export function formatSelector(selector: Labels | undefined): string {
  const labels = selector ?? {};
  return Object.keys(labels)
    .sort()
    .map((key) => labelPair(key, labels[key] ?? ''))
    .join(',');
}

/** True for an absent or empty label map. */
export function isEmptySelector(selector: Labels | undefined): boolean {
  if (selector === undefined) return true;
  for (const key in selector) if (Object.hasOwn(selector, key)) return false;
  return true;
}

/**
 * The workloads whose pod labels match a non-empty selector, in one namespace or (undefined) in all,
 * in creation order. Uses the label index: only the workloads carrying the rarest label are tested.
 */
export function selectWorkloads(
  model: Model,
  namespace: string | undefined,
  selector: Labels,
): WorkloadResource[] {
  const index = indexModel(model);
  let candidates: readonly WorkloadResource[] | undefined;
  for (const [key, value] of Object.entries(selector)) {
    const withLabel = index.workloadsByLabel.get(labelPair(key, value)) ?? [];
    if (candidates === undefined || withLabel.length < candidates.length) candidates = withLabel;
  }
  if (candidates === undefined) return [];
  return candidates.filter(
    (workload) =>
      (namespace === undefined || workload.namespace === namespace) &&
      selectorMatches(selector, workload.spec.podLabels),
  );
}

/** The workloads a Service selects: same namespace, all selector labels; none without a selector. */
export function serviceWorkloads(model: Model, service: ServiceResource): WorkloadResource[] {
  const selector = service.spec.selector;
  if (selector === undefined || isEmptySelector(selector)) return [];
  return memoised(model, 'serviceWorkloads', service.key, () =>
    selectWorkloads(model, service.namespace, selector),
  );
}

/** The workloads a ServiceEntry's `workloadSelector` selects in its namespace. */
export function serviceEntryWorkloads(
  model: Model,
  serviceEntry: ServiceEntryResource,
): WorkloadResource[] {
  const selector = serviceEntry.spec.workloadSelector?.labels;
  if (selector === undefined || isEmptySelector(selector)) return [];
  return memoised(model, 'serviceEntryWorkloads', serviceEntry.key, () =>
    selectWorkloads(model, serviceEntry.namespace, selector),
  );
}

/**
 * The workloads of a DestinationRule subset: the workloads of the Service (or ServiceEntry) the
 * rule is for whose labels include all the subset's labels (routing-semantics §3.1).
 */
export function subsetWorkloads(
  model: Model,
  target: ServiceResource | ServiceEntryResource,
  subsetLabels: Labels | undefined,
): WorkloadResource[] {
  const base =
    target.kind === 'Service'
      ? serviceWorkloads(model, target)
      : serviceEntryWorkloads(model, target);
  return base.filter((workload) => selectorMatches(subsetLabels, workload.spec.podLabels));
}

/** The pod labels of Istio's default ingress gateway (the `istio-ingress` chart). */
export const DEFAULT_INGRESS_POD_LABELS: Labels = {
  istio: 'ingressgateway',
  app: 'istio-ingressgateway',
};

/**
 * Istio's default ingress Service, `istio-system/istio-ingressgateway` (80->8080, 443->8443), which
 * Sailplan assumes when a Gateway selects `istio: ingressgateway` and the design has no LoadBalancer
 * Service in front of it. Never written to the YAML; its origin points nowhere (`documentIndex -1`).
 */
export const IMPLICIT_INGRESS_SERVICE: ServiceResource = {
  kind: 'Service',
  apiVersion: 'v1',
  key: 'Service/istio-system/istio-ingressgateway',
  name: 'istio-ingressgateway',
  namespace: 'istio-system',
  namespaceWritten: true,
  labels: DEFAULT_INGRESS_POD_LABELS,
  annotations: {},
  creationRank: -1,
  origin: { file: '', documentIndex: -1, path: [] },
  spec: {
    type: 'LoadBalancer',
    selector: { istio: 'ingressgateway' },
    ports: [
      { name: 'http2', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
    ],
  },
};

/** A pod Sailplan assumes from the design (pods themselves are never in the YAML). */
export interface PodStandIn {
  readonly namespace: string;
  readonly labels: Labels;
  /** `workload`: a workload's pod template; `service`: implied by a Service selector with no
   * matching workload in the design; `default`: Istio's default ingress gateway pod. */
  readonly source: 'workload' | 'service' | 'default';
  readonly workload?: WorkloadResource;
  readonly service?: ServiceResource;
}

function selectsDefaultIngress(gateway: GatewayResource): boolean {
  const selector = gateway.spec.selector;
  return (
    selector !== undefined &&
    selector.istio === 'ingressgateway' &&
    selectorMatches(selector, DEFAULT_INGRESS_POD_LABELS)
  );
}

/**
 * The gateway pods a Gateway applies to (routing-semantics §1.1: its selector is a subset of the
 * pod's labels, pods in any namespace). Pods come from the design's workloads; when none matches,
 * from the selectors of Services that have no workload in the design (the pod they imply); when
 * still none and the Gateway selects `istio: ingressgateway`, Istio's default ingress pod in
 * istio-system. A Gateway without a selector applies to every gateway pod: workloads labelled
 * `istio` and pods behind LoadBalancer Services.
 */
export function gatewayPods(model: Model, gateway: GatewayResource): readonly PodStandIn[] {
  return memoised(model, 'gatewayPods', gateway.key, () => {
    const selector = gateway.spec.selector;
    const open = isEmptySelector(selector);
    const index = indexModel(model);
    const loadBalancerPods = new Set<WorkloadResource>();
    if (open) {
      for (const service of model.services) {
        if (service.spec.type !== 'LoadBalancer') continue;
        for (const workload of serviceWorkloads(model, service)) loadBalancerPods.add(workload);
      }
    }
    const workloads = open
      ? model.workloads.filter(
          (workload) =>
            Object.hasOwn(workload.spec.podLabels, 'istio') || loadBalancerPods.has(workload),
        )
      : selectWorkloads(model, undefined, selector ?? {});
    if (workloads.length > 0) {
      return workloads.map((workload) => ({
        namespace: workload.namespace,
        labels: workload.spec.podLabels,
        source: 'workload' as const,
        workload,
      }));
    }
    const implied: PodStandIn[] = [];
    for (const service of model.services) {
      const serviceSelector = service.spec.selector;
      if (serviceSelector === undefined || isEmptySelector(serviceSelector)) continue;
      const applies = open
        ? service.spec.type === 'LoadBalancer'
        : selectorMatches(selector, serviceSelector);
      if (!applies) continue;
      const namespaceWorkloads = index.workloadsByNamespace.get(service.namespace) ?? [];
      const hasWorkload = namespaceWorkloads.some((workload) =>
        selectorMatches(serviceSelector, workload.spec.podLabels),
      );
      if (hasWorkload) continue;
      implied.push({
        namespace: service.namespace,
        labels: serviceSelector,
        source: 'service',
        service,
      });
    }
    if (implied.length > 0) return implied;
    if (selectsDefaultIngress(gateway)) {
      return [{ namespace: 'istio-system', labels: DEFAULT_INGRESS_POD_LABELS, source: 'default' }];
    }
    return [];
  });
}

/** The namespaces of a Gateway's pods (whose view decides VirtualService visibility, §2.3). */
export function gatewayPodNamespaces(model: Model, gateway: GatewayResource): string[] {
  return [...new Set(gatewayPods(model, gateway).map((pod) => pod.namespace))];
}

/** A Service in front of a Gateway's pods, and whether Sailplan assumed it. */
export interface GatewayService {
  readonly service: ServiceResource;
  /** True for Istio's default ingress Service, which is not in the design. */
  readonly implicit: boolean;
}

/**
 * The Services (any type) that select a Gateway's pods, in creation order, plus Istio's default
 * ingress Service when the Gateway selects `istio: ingressgateway` and no LoadBalancer Service of the
 * design fronts its pods (and the design has no resource of that name).
 */
export function gatewayServices(model: Model, gateway: GatewayResource): readonly GatewayService[] {
  return memoised(model, 'gatewayServices', gateway.key, () => {
    const index = indexModel(model);
    const found = new Set<ServiceResource>();
    for (const pod of gatewayPods(model, gateway)) {
      if (pod.service !== undefined) found.add(pod.service);
      for (const service of index.servicesByNamespace.get(pod.namespace) ?? []) {
        const serviceSelector = service.spec.selector;
        if (serviceSelector === undefined || isEmptySelector(serviceSelector)) continue;
        if (selectorMatches(serviceSelector, pod.labels)) found.add(service);
      }
    }
    const services: GatewayService[] = [...found]
      .sort((a, b) => a.creationRank - b.creationRank)
      .map((service) => ({ service, implicit: false }));
    const hasLoadBalancer = services.some(({ service }) => service.spec.type === 'LoadBalancer');
    if (
      !hasLoadBalancer &&
      selectsDefaultIngress(gateway) &&
      !model.byKey.has(IMPLICIT_INGRESS_SERVICE.key)
    ) {
      services.push({ service: IMPLICIT_INGRESS_SERVICE, implicit: true });
    }
    return services;
  });
}
