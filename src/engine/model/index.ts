export type * from './istio';
export type * from './types';
export { MODELLED_KINDS } from './types';
export { GRPC_STATUS_NAMES } from './grpcStatus';
export { buildModel, compareCreation } from './buildModel';
export { extractDocument, MODELLED_API_VERSIONS } from './extractDocument';
export type {
  DocumentExtraction,
  ExtractedResource,
  ExtractedUnmodelled,
  LocalDiagnostic,
  ResourceDraft,
} from './extractDocument';
export { documentOfResource, loadDesign, locate, partPath } from './loadDesign';
export { clusterDomainEdit, isClusterDomain } from './clusterDomain';
export type { Design } from './loadDesign';
export { indexModel } from './modelIndex';
export type { ModelIndex } from './modelIndex';
export { FORBIDDEN_KEYS, formatPath } from './shape';
export { SERVER_TLS_MODES, SERVICE_TYPES } from './schemas';
export {
  CLUSTER_DOMAIN,
  hostMatches,
  hostSubsetOf,
  intersectHosts,
  isIpAddress,
  isWildcardHost,
  namespaceOfServiceHost,
  resolveHost,
  serviceFqdn,
} from './resolveHost';
export {
  MESH_GATEWAY,
  admittedServerHosts,
  parseServerHost,
  resolveGatewayRef,
  serverHostAdmits,
  virtualServiceGateways,
} from './resolveGateway';
export type { GatewayReference, GatewayReferenceForm, ServerHost } from './resolveGateway';
export {
  DEFAULT_INGRESS_POD_LABELS,
  IMPLICIT_INGRESS_SERVICE,
  formatLabels,
  formatSelector,
  gatewayPodNamespaces,
  gatewayPods,
  gatewayServices,
  isEmptySelector,
  selectWorkloads,
  selectorMatches,
  serviceEntryWorkloads,
  serviceWorkloads,
  subsetWorkloads,
} from './resolveSelector';
export type { GatewayService, PodStandIn } from './resolveSelector';
export { SERVICE_EXPORT_TO_ANNOTATION, exportToOf, isVisibleTo } from './resolveVisibility';
export {
  DISABLE_PORT_TRANSLATION_LABEL,
  PROTOCOLS,
  isHttpProtocol,
  isTcpProtocol,
  isTlsProtocol,
  loadBalancerMappings,
  parseProtocol,
  resolveTargetPort,
  serverRouteSection,
  servicePortProtocol,
  translateServerPort,
} from './resolvePorts';
export type {
  LoadBalancerMapping,
  Protocol,
  RouteSection,
  ServerPortTranslation,
} from './resolvePorts';
export {
  ROOT_NAMESPACE,
  destinationRulesCovering,
  destinationRulesFor,
  exposedPorts,
  lookupRegistryHost,
  registryPorts,
  registryResource,
} from './resolveRegistry';
export type { DestinationRuleLookup, RegistryEntry } from './resolveRegistry';
export {
  bindVirtualService,
  virtualServicesByGateway,
  virtualServicesForServer,
} from './resolveBinding';
export type { BoundVirtualService, UnboundCause, VirtualServiceBinding } from './resolveBinding';
