import { shapes } from './shape';
import type { Shape } from './shape';

const { string, integer, number, boolean, intOrString, loose, enumOf, object, list, map } = shapes;

const strings = list(string);
const labels = map(string);

const stringMatch = object({ exact: string, prefix: string, regex: string });
const portSelector = object({ number: integer });
const destination = object({ host: string, subset: string, port: portSelector });
const headerOperations = object({ set: map(string), add: map(string), remove: strings });
const headers = object({ request: headerOperations, response: headerOperations });
const percent = object({ value: number });

const httpMatchRequest = object({
  name: string,
  uri: stringMatch,
  scheme: stringMatch,
  method: stringMatch,
  authority: stringMatch,
  headers: map(stringMatch),
  withoutHeaders: map(stringMatch),
  queryParams: map(stringMatch),
  port: integer,
  sourceLabels: labels,
  sourceNamespace: string,
  gateways: strings,
  ignoreUriCase: boolean,
  statPrefix: string,
});

const httpRoute = object({
  name: string,
  match: list(httpMatchRequest),
  route: list(object({ destination, weight: integer, headers })),
  redirect: object({
    uri: string,
    prefixRewrite: string,
    authority: string,
    port: integer,
    derivePort: enumOf(['FROM_PROTOCOL_DEFAULT', 'FROM_REQUEST_PORT']),
    scheme: string,
    redirectCode: integer,
  }),
  directResponse: object({ status: integer, body: object({ string, bytes: string }) }),
  delegate: object({ name: string, namespace: string }),
  rewrite: object({
    uri: string,
    authority: string,
    uriRegexRewrite: object({ match: string, rewrite: string }),
  }),
  timeout: string,
  retries: object({
    attempts: integer,
    perTryTimeout: string,
    retryOn: string,
    retryRemoteLocalities: boolean,
    retryIgnorePreviousHosts: boolean,
    backoff: string,
  }),
  fault: object({
    delay: object({
      fixedDelay: string,
      exponentialDelay: string,
      percentage: percent,
      percent: integer,
    }),
    abort: object({
      httpStatus: integer,
      grpcStatus: string,
      http2Error: string,
      percentage: percent,
    }),
  }),
  mirror: destination,
  mirrors: list(object({ destination, percentage: percent })),
  mirrorPercentage: percent,
  mirrorPercent: integer,
  corsPolicy: object({
    allowOrigins: list(stringMatch),
    allowOrigin: strings,
    allowMethods: strings,
    allowHeaders: strings,
    exposeHeaders: strings,
    maxAge: string,
    allowCredentials: boolean,
    unmatchedPreflights: enumOf(['UNSPECIFIED', 'FORWARD', 'IGNORE']),
  }),
  headers,
});

const routeDestination = object({ destination, weight: integer });
const l4Match = {
  destinationSubnets: strings,
  port: integer,
  sourceLabels: labels,
  sourceNamespace: string,
  gateways: strings,
};

/** VirtualService `spec`. */
export const virtualServiceSpecShape: Shape = object({
  hosts: strings,
  gateways: strings,
  http: list(httpRoute),
  tcp: list(object({ match: list(object(l4Match)), route: list(routeDestination) })),
  tls: list(
    object({
      match: list(object({ ...l4Match, sniHosts: strings })),
      route: list(routeDestination),
    }),
  ),
  exportTo: strings,
});

/** Server-side TLS modes, as the CRD's enum spells them. */
export const SERVER_TLS_MODES = [
  'PASSTHROUGH',
  'SIMPLE',
  'MUTUAL',
  'AUTO_PASSTHROUGH',
  'ISTIO_MUTUAL',
  'OPTIONAL_MUTUAL',
] as const;

/** Gateway `spec`. */
export const gatewaySpecShape: Shape = object({
  selector: labels,
  servers: list(
    object({
      port: object({ number: integer, name: string, protocol: string, targetPort: integer }),
      hosts: strings,
      tls: object({
        httpsRedirect: boolean,
        mode: enumOf(SERVER_TLS_MODES),
        credentialName: string,
        credentialNames: strings,
        serverCertificate: string,
        privateKey: string,
        caCertificates: string,
        caCrl: string,
        tlsCertificates: list(
          object({ serverCertificate: string, privateKey: string, caCertificates: string }),
        ),
        subjectAltNames: strings,
        verifyCertificateSpki: strings,
        verifyCertificateHash: strings,
        minProtocolVersion: string,
        maxProtocolVersion: string,
        cipherSuites: strings,
      }),
      bind: string,
      name: string,
      defaultEndpoint: string,
    }),
  ),
});

const clientTls = object({
  mode: enumOf(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']),
  clientCertificate: string,
  privateKey: string,
  caCertificates: string,
  credentialName: string,
  subjectAltNames: strings,
  sni: string,
  insecureSkipVerify: boolean,
  caCrl: string,
});

const policyFields = {
  loadBalancer: loose,
  connectionPool: loose,
  outlierDetection: loose,
  tls: clientTls,
};

const trafficPolicy = object(
  { ...policyFields, portLevelSettings: list(object({ ...policyFields, port: portSelector })) },
  'loose',
);

/** DestinationRule `spec`. */
export const destinationRuleSpecShape: Shape = object({
  host: string,
  trafficPolicy,
  subsets: list(object({ name: string, labels, trafficPolicy })),
  exportTo: strings,
  workloadSelector: object({ matchLabels: labels }),
});

/** ServiceEntry `spec`. */
export const serviceEntrySpecShape: Shape = object({
  hosts: strings,
  addresses: strings,
  ports: list(object({ number: integer, protocol: string, name: string, targetPort: integer })),
  location: enumOf(['MESH_EXTERNAL', 'MESH_INTERNAL']),
  resolution: enumOf(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS']),
  endpoints: list(
    object({
      address: string,
      ports: map(integer),
      labels,
      network: string,
      locality: string,
      weight: integer,
      serviceAccount: string,
    }),
  ),
  workloadSelector: object({ labels }),
  exportTo: strings,
  subjectAltNames: strings,
});

/** Kubernetes Service types. */
export const SERVICE_TYPES = ['ClusterIP', 'LoadBalancer', 'NodePort', 'ExternalName'] as const;

/** Kubernetes Service `spec` (as written: `type` may be absent). */
export const serviceSpecShape: Shape = object({
  type: enumOf(SERVICE_TYPES),
  selector: labels,
  ports: list(
    object({
      name: string,
      port: integer,
      targetPort: intOrString,
      protocol: string,
      appProtocol: string,
      nodePort: integer,
    }),
  ),
  externalName: string,
});

/** Deployment, StatefulSet and DaemonSet `spec`: the fields that stand in for pods. */
export const workloadSpecShape: Shape = object({
  replicas: integer,
  selector: object({ matchLabels: labels }),
  template: object({
    metadata: object({ labels, annotations: labels }),
    spec: object({
      containers: list(
        object({ name: string, ports: list(object({ name: string, containerPort: integer })) }),
      ),
    }),
  }),
});

/** `metadata`, the fields Sailplan reads. */
export const metadataShape: Shape = object({
  name: string,
  namespace: string,
  labels,
  annotations: labels,
  creationTimestamp: string,
});
