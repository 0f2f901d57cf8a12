import type { JSONSchema } from 'monaco-yaml';
import { OBJECT_META_SCHEMA, type ResourceSchema } from './crdToJsonSchema';

/*
 * Focused schemas for the Kubernetes kinds Sailplan reads (no offline Kubernetes JSON schema with
 * descriptions exists on npm). They describe the fields the model uses, in Sailplan's words, and
 * allow every other field: a real manifest carries much more, and it is not ours to refuse.
 */

const labelMap = (description: string): JSONSchema => ({
  type: 'object',
  description,
  additionalProperties: { type: 'string' },
});

const portNumber = (description: string): JSONSchema => ({
  type: 'integer',
  minimum: 1,
  maximum: 65535,
  description,
});

const PROTOCOL: JSONSchema = {
  type: 'string',
  enum: ['TCP', 'UDP', 'SCTP'],
  description: 'The transport protocol. Left out, it is TCP.',
};

const SERVICE_PORT: JSONSchema = {
  type: 'object',
  required: ['port'],
  properties: {
    name: {
      type: 'string',
      description:
        'The port name. Istio reads the protocol from a prefix such as `http-`, `http2-`, `grpc-` or `tcp-` when `appProtocol` is not set.',
    },
    port: portNumber('The port the Service listens on, which clients and routes name.'),
    targetPort: {
      anyOf: [
        { type: 'integer', minimum: 1, maximum: 65535 },
        { type: 'string', minLength: 1 },
      ],
      description:
        "The pods' port that traffic goes to: a number, or the name of a container port. Left out, it is the same as `port`.",
    },
    protocol: PROTOCOL,
    appProtocol: {
      type: 'string',
      description:
        'The application protocol (`http`, `http2`, `grpc`, `tcp`, `tls`...). Istio prefers it to the port name.',
    },
    nodePort: {
      type: 'integer',
      minimum: 1,
      maximum: 65535,
      description:
        'For NodePort and LoadBalancer Services, the port opened on every node; the cluster picks one when left out.',
    },
  },
};

const SERVICE_SCHEMA: JSONSchema = {
  type: 'object',
  description: 'A stable name and virtual address in front of the pods its selector matches.',
  required: ['apiVersion', 'kind', 'metadata'],
  properties: {
    apiVersion: { type: 'string', const: 'v1', description: 'Services are in the core API: v1.' },
    kind: { type: 'string', const: 'Service', description: 'The resource kind: Service.' },
    metadata: OBJECT_META_SCHEMA,
    spec: {
      type: 'object',
      description: 'How the Service is reached and which pods serve it.',
      properties: {
        type: {
          type: 'string',
          enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
          description:
            "How the Service is exposed. ClusterIP (the default): inside the cluster only. NodePort: also on each node's port. LoadBalancer: also through the cloud's load balancer, the way external traffic reaches Istio's ingress gateway. ExternalName: a DNS alias for `externalName`.",
        },
        selector: labelMap(
          'The labels of the pods this Service sends traffic to. Left out, the Service selects no pods.',
        ),
        ports: {
          type: 'array',
          description: 'The ports the Service exposes, each mapped to a port of the pods.',
          items: SERVICE_PORT,
        },
        externalName: {
          type: 'string',
          description: 'For an ExternalName Service: the DNS name it stands for.',
        },
        clusterIP: {
          type: 'string',
          description: 'The virtual IP address; assigned by the cluster, or `None` for a headless Service.',
        },
        externalTrafficPolicy: {
          type: 'string',
          enum: ['Cluster', 'Local'],
          description:
            'For NodePort and LoadBalancer Services: whether external traffic may hop to pods on other nodes (Cluster) or stays on the node it arrived at (Local).',
        },
      },
    },
  },
};

const CONTAINER: JSONSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: {
      type: 'string',
      description: 'The container name, unique in the pod. `istio-proxy` is the Envoy sidecar.',
    },
    image: { type: 'string', description: 'The container image to run.' },
    ports: {
      type: 'array',
      description:
        'The ports the container listens on. A Service whose `targetPort` is a name finds its number here.',
      items: {
        type: 'object',
        required: ['containerPort'],
        properties: {
          name: { type: 'string', description: "The port's name, which a Service's `targetPort` may use." },
          containerPort: portNumber('The port number the container listens on.'),
          protocol: PROTOCOL,
        },
      },
    },
  },
};

function workloadSchema(kind: 'Deployment' | 'StatefulSet' | 'DaemonSet'): JSONSchema {
  const summary = {
    Deployment: 'Runs a set of identical, interchangeable pods and replaces them on update.',
    StatefulSet: 'Runs pods with stable names and storage, one after the other.',
    DaemonSet: 'Runs one pod on every node (or every node its rules pick).',
  }[kind];
  const specProperties: Record<string, JSONSchema> = {
    selector: {
      type: 'object',
      description: "Which pods this workload owns; it must match the pod template's labels.",
      properties: {
        matchLabels: labelMap('The labels every owned pod has.'),
        matchExpressions: {
          type: 'array',
          description: 'Set-based requirements on the pod labels (In, NotIn, Exists, DoesNotExist).',
        },
      },
    },
    template: {
      type: 'object',
      description: 'The pods to run. Sailplan stands them in for the pods a Service or subset selects.',
      properties: {
        metadata: {
          type: 'object',
          description: "The pods' labels and annotations.",
          properties: {
            labels: labelMap(
              'The labels of the pods: Services, Gateways and DestinationRule subsets select pods by them.',
            ),
            annotations: labelMap(
              'Annotations of the pods, such as `sidecar.istio.io/inject`.',
            ),
          },
        },
        spec: {
          type: 'object',
          description: "The pods' containers and settings.",
          properties: {
            containers: {
              type: 'array',
              description: 'The containers of each pod.',
              items: CONTAINER,
            },
          },
        },
      },
    },
  };
  if (kind !== 'DaemonSet') {
    specProperties.replicas = {
      type: 'integer',
      minimum: 0,
      description: 'How many pods to run. Left out, it is 1.',
    };
  }
  if (kind === 'StatefulSet') {
    specProperties.serviceName = {
      type: 'string',
      description: 'The headless Service that gives each pod its stable DNS name.',
    };
  }
  return {
    type: 'object',
    description: summary,
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: { type: 'string', const: 'apps/v1', description: `${kind}s are in apps/v1.` },
      kind: { type: 'string', const: kind, description: `The resource kind: ${kind}.` },
      metadata: OBJECT_META_SCHEMA,
      spec: {
        type: 'object',
        description: `What the ${kind} runs.`,
        properties: specProperties,
      },
    },
  };
}

/** Schemas for v1 Service and apps/v1 Deployment, StatefulSet and DaemonSet. */
export const KUBERNETES_RESOURCE_SCHEMAS: readonly ResourceSchema[] = [
  { kind: 'Service', apiVersions: ['v1'], schema: SERVICE_SCHEMA },
  ...(['Deployment', 'StatefulSet', 'DaemonSet'] as const).map((kind) => ({
    kind,
    apiVersions: ['apps/v1'],
    schema: workloadSchema(kind),
  })),
];
