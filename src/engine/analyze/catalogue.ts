import type { RuleDescriptor } from './types';

/**
 * Every message code the analyzer emits, for the UI's filter and the docs. Istio's codes keep
 * Istio's names and levels (from `messages.yaml`), except IST0134, which Sailplan shows as a hint.
 * Sailplan's own codes (SP1xxx) are tabulated in this folder's README.md.
 */
export const RULE_DESCRIPTORS: readonly RuleDescriptor[] = [
  {
    code: 'IST0101',
    name: 'ReferencedResourceNotFound',
    level: 'error',
    description:
      "A referenced gateway, host, host:port, subset, mirror host or Gateway selector does not exist. Hosts resolve in the design's cluster domain (cluster.local unless an IstioOperator sets values.global.proxy.clusterDomain). A selector that no workload in the design matches is a warning when the design holds no gateway workloads: the pods may exist in the cluster.",
    source: 'istio-analyzer',
  },
  {
    code: 'IST0106',
    name: 'SchemaValidationError',
    level: 'error',
    description: "The admission webhook (or the API server's schema) rejects the resource.",
    source: 'istio-webhook',
  },
  {
    code: 'IST0109',
    name: 'ConflictingMeshGatewayVirtualServiceHosts',
    level: 'error',
    description:
      'Several VirtualServices bound to the mesh claim the same host in one exportTo scope.',
    source: 'istio-analyzer',
  },
  {
    code: 'IST0112',
    name: 'VirtualServiceDestinationPortSelectorRequired',
    level: 'error',
    description: 'A destination without a port routes to a service that exposes several ports.',
    source: 'istio-analyzer',
  },
  {
    code: 'IST0118',
    name: 'PortNameIsNotUnderNamingConvention',
    level: 'info',
    description: "A Service port's name and appProtocol do not tell Istio its protocol.",
    source: 'istio-analyzer',
  },
  {
    code: 'IST0128',
    name: 'NoServerCertificateVerificationDestinationLevel',
    level: 'warning',
    description:
      'A DestinationRule originates TLS without caCertificates, so the server is not verified.',
    source: 'istio-analyzer',
  },
  {
    code: 'IST0129',
    name: 'NoServerCertificateVerificationPortLevel',
    level: 'warning',
    description:
      'A port-level DestinationRule TLS setting has no caCertificates, so the server is not verified.',
    source: 'istio-analyzer',
  },
  {
    code: 'IST0130',
    name: 'VirtualServiceUnreachableRule',
    level: 'warning',
    description:
      'A VirtualService rule can never be used because an earlier rule takes its traffic.',
    source: 'istio-webhook',
  },
  {
    code: 'IST0131',
    name: 'VirtualServiceIneffectiveMatch',
    level: 'info',
    description: 'A match entry duplicates or is covered by an earlier one.',
    source: 'istio-webhook',
  },
  {
    code: 'IST0132',
    name: 'VirtualServiceHostNotFoundInGateway',
    level: 'warning',
    description: 'No host of the VirtualService is served by a Gateway it binds to.',
    source: 'istio-analyzer',
  },
  {
    code: 'IST0133',
    name: 'SchemaWarning',
    level: 'warning',
    description: 'The admission webhook accepts the resource with a warning.',
    source: 'istio-webhook',
  },
  {
    code: 'IST0134',
    name: 'ServiceEntryAddressesRequired',
    level: 'info',
    description:
      'A TCP ServiceEntry port without addresses. Shown as a hint: address auto-allocation (on by default) and status addresses live in the cluster.',
    source: 'istio-analyzer',
  },
  {
    code: 'IST0138',
    name: 'GatewayDuplicateCertificate',
    level: 'warning',
    description:
      'Gateways on the same workloads share a certificate; HTTP/2 connection reuse can then give 404s.',
    source: 'istio-analyzer',
  },
  {
    code: 'IST0140',
    name: 'IngressRouteRulesNotAffected',
    level: 'warning',
    description:
      "An ingress route to a host bypasses the subset split of that host's mesh VirtualService.",
    source: 'istio-analyzer',
  },
  {
    code: 'IST0145',
    name: 'ConflictingGateways',
    level: 'error',
    description:
      'Two Gateways on the same workloads serve the same port, host and bind. A warning when it rests on pods the design does not hold.',
    source: 'istio-analyzer',
  },
  {
    code: 'IST0162',
    name: 'GatewayPortNotDefinedOnService',
    level: 'warning',
    description:
      "A Gateway server port is not a target port of the Service in front of the gateway's pods.",
    source: 'istio-analyzer',
  },
  {
    code: 'IST0173',
    name: 'DestinationRuleSubsetNotSelectPods',
    level: 'error',
    description:
      "A subset selects no pod (pods are the workloads' pod templates). A warning when the design holds no workload of the host at all.",
    source: 'istio-analyzer',
  },
  {
    code: 'IST0174',
    name: 'UnknownDestinationRuleHost',
    level: 'warning',
    description: 'The DestinationRule host matches no visible Service or ServiceEntry.',
    source: 'istio-analyzer',
  },
  {
    code: 'IST0177',
    name: 'ConflictingServiceEntryProtocol',
    level: 'warning',
    description:
      'ServiceEntries visible in one namespace give one host and port different protocols.',
    source: 'istio-analyzer',
  },
  {
    code: 'SP1001',
    name: 'HttpsServerWithoutTlsMode',
    level: 'warning',
    description: 'An HTTPS server has tls but no mode, so it is silently a passthrough server.',
    source: 'sailplan',
  },
  {
    code: 'SP1002',
    name: 'RewriteSlashMismatch',
    level: 'warning',
    description:
      'A prefix match and rewrite.uri disagree about the trailing slash (`/api` + `/` gives `//users`).',
    source: 'sailplan',
  },
  {
    code: 'SP1003',
    name: 'FaultWithoutPercentage',
    level: 'warning',
    description: 'A fault abort or delay without a percentage never fires.',
    source: 'sailplan',
  },
  {
    code: 'SP1004',
    name: 'MergeOrderFromMissingTimestamps',
    level: 'info',
    description:
      'The outcome of merged VirtualServices or conflicting Gateway servers depends on creation order, and some of them have no creationTimestamp.',
    source: 'sailplan',
  },
  {
    code: 'SP1005',
    name: 'UnsupportedRedirectCode',
    level: 'error',
    description:
      'Istio only translates redirect codes 301, 302, 303, 307 and 308; others give a route with no action.',
    source: 'sailplan',
  },
  {
    code: 'SP1006',
    name: 'HiddenFromIngressByExportTo',
    level: 'warning',
    description:
      "exportTo hides a VirtualService, DestinationRule, Service or ServiceEntry the ingress needs from the gateway pods' namespace.",
    source: 'sailplan',
  },
  {
    code: 'SP1007',
    name: 'IgnoredMatchHeaderKey',
    level: 'warning',
    description:
      'A `uri`, `scheme`, `method` or `authority` key inside match headers: the docs say it is ignored, Istio matches a literal header of that name.',
    source: 'sailplan',
  },
  {
    code: 'SP1008',
    name: 'UnknownField',
    level: 'warning',
    description:
      "A field under a Gateway's, VirtualService's, DestinationRule's or ServiceEntry's `spec` that Istio's API does not have (a misspelling such as `gatways`): the API server drops it without a word.",
    source: 'sailplan',
  },
];
