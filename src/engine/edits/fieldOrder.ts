import type { ResourceKind, YamlPath } from '../model/types';

/**
 * Where a new key goes among the keys a user already wrote: the order in which the API declares
 * its fields (Istio's protos, the Kubernetes Go types), so that `match:` lands before `route:` and a
 * rule's `name:` first. Only the fields Sailplan writes need a place; a key not listed here, or a
 * map whose fields are names (labels, headers), gets new keys at its end.
 */
interface FieldOrder {
  readonly keys: readonly string[];
  /** The orders of the maps under some keys; a list's items share the order given for the list. */
  readonly below?: Readonly<Record<string, FieldOrder>>;
}

const STRING_MATCH: FieldOrder = { keys: ['exact', 'prefix', 'regex'] };
const PORT_SELECTOR: FieldOrder = { keys: ['number'] };
const DESTINATION: FieldOrder = {
  keys: ['host', 'subset', 'port'],
  below: { port: PORT_SELECTOR },
};
const HEADER_OPERATIONS: FieldOrder = { keys: ['set', 'add', 'remove'] };
const HEADERS: FieldOrder = {
  keys: ['request', 'response'],
  below: { request: HEADER_OPERATIONS, response: HEADER_OPERATIONS },
};
const PERCENT: FieldOrder = { keys: ['value'] };

const HTTP_MATCH_REQUEST: FieldOrder = {
  keys: [
    'name',
    'uri',
    'scheme',
    'method',
    'authority',
    'headers',
    'port',
    'sourceLabels',
    'gateways',
    'queryParams',
    'ignoreUriCase',
    'withoutHeaders',
    'sourceNamespace',
    'statPrefix',
  ],
  below: { uri: STRING_MATCH, scheme: STRING_MATCH, method: STRING_MATCH, authority: STRING_MATCH },
};

const HTTP_ROUTE: FieldOrder = {
  keys: [
    'name',
    'match',
    'route',
    'redirect',
    'directResponse',
    'delegate',
    'rewrite',
    'timeout',
    'retries',
    'fault',
    'mirror',
    'mirrors',
    'mirrorPercent',
    'mirrorPercentage',
    'corsPolicy',
    'headers',
  ],
  below: {
    match: HTTP_MATCH_REQUEST,
    route: {
      keys: ['destination', 'weight', 'headers'],
      below: { destination: DESTINATION, headers: HEADERS },
    },
    redirect: {
      keys: ['uri', 'authority', 'port', 'derivePort', 'scheme', 'redirectCode'],
    },
    directResponse: { keys: ['status', 'body'], below: { body: { keys: ['string', 'bytes'] } } },
    delegate: { keys: ['name', 'namespace'] },
    rewrite: {
      keys: ['uri', 'authority', 'uriRegexRewrite'],
      below: { uriRegexRewrite: { keys: ['match', 'rewrite'] } },
    },
    retries: {
      keys: [
        'attempts',
        'perTryTimeout',
        'retryOn',
        'retryRemoteLocalities',
        'retryIgnorePreviousHosts',
        'backoff',
      ],
    },
    fault: {
      keys: ['delay', 'abort'],
      below: {
        delay: {
          keys: ['fixedDelay', 'exponentialDelay', 'percentage', 'percent'],
          below: { percentage: PERCENT },
        },
        abort: {
          keys: ['httpStatus', 'grpcStatus', 'http2Error', 'percentage'],
          below: { percentage: PERCENT },
        },
      },
    },
    mirror: DESTINATION,
    mirrors: {
      keys: ['destination', 'percentage'],
      below: { destination: DESTINATION, percentage: PERCENT },
    },
    mirrorPercentage: PERCENT,
    corsPolicy: {
      keys: [
        'allowOrigins',
        'allowOrigin',
        'allowMethods',
        'allowHeaders',
        'exposeHeaders',
        'maxAge',
        'allowCredentials',
        'unmatchedPreflights',
      ],
    },
    headers: HEADERS,
  },
};

const ROUTE_DESTINATION: FieldOrder = {
  keys: ['destination', 'weight'],
  below: { destination: DESTINATION },
};
const L4_MATCH_KEYS = ['destinationSubnets', 'port', 'sourceLabels', 'gateways', 'sourceNamespace'];

const VIRTUAL_SERVICE_SPEC: FieldOrder = {
  keys: ['hosts', 'gateways', 'http', 'tls', 'tcp', 'exportTo'],
  below: {
    http: HTTP_ROUTE,
    tls: {
      keys: ['match', 'route'],
      below: { match: { keys: ['sniHosts', ...L4_MATCH_KEYS] }, route: ROUTE_DESTINATION },
    },
    tcp: {
      keys: ['match', 'route'],
      below: { match: { keys: L4_MATCH_KEYS }, route: ROUTE_DESTINATION },
    },
  },
};

const GATEWAY_SPEC: FieldOrder = {
  keys: ['servers', 'selector'],
  below: {
    servers: {
      keys: ['port', 'bind', 'hosts', 'tls', 'defaultEndpoint', 'name'],
      below: {
        port: { keys: ['number', 'protocol', 'name', 'targetPort'] },
        tls: {
          keys: [
            'httpsRedirect',
            'mode',
            'serverCertificate',
            'privateKey',
            'caCertificates',
            'caCrl',
            'credentialName',
            'credentialNames',
            'tlsCertificates',
            'subjectAltNames',
            'verifyCertificateSpki',
            'verifyCertificateHash',
            'minProtocolVersion',
            'maxProtocolVersion',
            'cipherSuites',
          ],
        },
      },
    },
  },
};

const TRAFFIC_POLICY: FieldOrder = {
  keys: [
    'loadBalancer',
    'connectionPool',
    'outlierDetection',
    'tls',
    'portLevelSettings',
    'tunnel',
    'proxyProtocol',
  ],
};

const DESTINATION_RULE_SPEC: FieldOrder = {
  keys: ['host', 'trafficPolicy', 'subsets', 'exportTo', 'workloadSelector'],
  below: {
    trafficPolicy: TRAFFIC_POLICY,
    subsets: {
      keys: ['name', 'labels', 'trafficPolicy'],
      below: { trafficPolicy: TRAFFIC_POLICY },
    },
  },
};

const SERVICE_ENTRY_SPEC: FieldOrder = {
  keys: [
    'hosts',
    'addresses',
    'ports',
    'location',
    'resolution',
    'endpoints',
    'workloadSelector',
    'exportTo',
    'subjectAltNames',
  ],
  below: {
    ports: { keys: ['number', 'protocol', 'name', 'targetPort'] },
    endpoints: {
      keys: ['address', 'ports', 'labels', 'network', 'locality', 'weight', 'serviceAccount'],
    },
  },
};

const SERVICE_SPEC: FieldOrder = {
  keys: [
    'ports',
    'selector',
    'clusterIP',
    'clusterIPs',
    'type',
    'externalIPs',
    'sessionAffinity',
    'loadBalancerIP',
    'loadBalancerSourceRanges',
    'externalName',
    'externalTrafficPolicy',
    'healthCheckNodePort',
    'publishNotReadyAddresses',
    'sessionAffinityConfig',
    'ipFamilies',
    'ipFamilyPolicy',
    'allocateLoadBalancerNodePorts',
    'loadBalancerClass',
    'internalTrafficPolicy',
    'trafficDistribution',
  ],
  below: {
    ports: { keys: ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'] },
  },
};

const METADATA: FieldOrder = {
  keys: [
    'name',
    'generateName',
    'namespace',
    'uid',
    'resourceVersion',
    'generation',
    'creationTimestamp',
    'labels',
    'annotations',
    'ownerReferences',
    'finalizers',
  ],
};

const LABEL_SELECTOR: FieldOrder = { keys: ['matchLabels', 'matchExpressions'] };

const POD_TEMPLATE: FieldOrder = {
  keys: ['metadata', 'spec'],
  below: {
    metadata: METADATA,
    spec: {
      keys: [
        'volumes',
        'initContainers',
        'containers',
        'restartPolicy',
        'terminationGracePeriodSeconds',
        'dnsPolicy',
        'nodeSelector',
        'serviceAccountName',
        'securityContext',
        'affinity',
        'tolerations',
      ],
      below: {
        containers: {
          keys: [
            'name',
            'image',
            'command',
            'args',
            'workingDir',
            'ports',
            'envFrom',
            'env',
            'resources',
            'volumeMounts',
            'livenessProbe',
            'readinessProbe',
            'startupProbe',
            'imagePullPolicy',
            'securityContext',
          ],
          below: { ports: { keys: ['name', 'hostPort', 'containerPort', 'protocol'] } },
        },
      },
    },
  },
};

const WORKLOAD_BELOW = { selector: LABEL_SELECTOR, template: POD_TEMPLATE };

const SPECS: Readonly<Record<ResourceKind, FieldOrder>> = {
  VirtualService: VIRTUAL_SERVICE_SPEC,
  Gateway: GATEWAY_SPEC,
  DestinationRule: DESTINATION_RULE_SPEC,
  ServiceEntry: SERVICE_ENTRY_SPEC,
  Service: SERVICE_SPEC,
  Deployment: {
    keys: [
      'replicas',
      'selector',
      'template',
      'strategy',
      'minReadySeconds',
      'revisionHistoryLimit',
      'paused',
      'progressDeadlineSeconds',
    ],
    below: WORKLOAD_BELOW,
  },
  StatefulSet: {
    keys: [
      'replicas',
      'selector',
      'template',
      'volumeClaimTemplates',
      'serviceName',
      'podManagementPolicy',
      'updateStrategy',
      'revisionHistoryLimit',
      'minReadySeconds',
    ],
    below: WORKLOAD_BELOW,
  },
  DaemonSet: {
    keys: ['selector', 'template', 'updateStrategy', 'minReadySeconds', 'revisionHistoryLimit'],
    below: WORKLOAD_BELOW,
  },
};

const ROOT_KEYS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

/**
 * The canonical key order of the map at `path` (relative to a resource of `kind`), or undefined
 * when the map has none (its keys are names, or it is not one Sailplan knows).
 */
export function canonicalKeyOrder(
  kind: ResourceKind,
  path: YamlPath,
): readonly string[] | undefined {
  const [first, ...rest] = path;
  if (first === undefined) return ROOT_KEYS;
  let order: FieldOrder | undefined =
    first === 'metadata' ? METADATA : first === 'spec' ? SPECS[kind] : undefined;
  for (const segment of rest) {
    if (order === undefined) return undefined;
    // A list item shares its list's order: `http`, then `0`, is still an HTTPRoute.
    if (typeof segment === 'string') order = order.below?.[segment];
  }
  return order?.keys;
}
