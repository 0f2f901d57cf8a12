/** The design sizes the benchmarks use (number of resources). */
export const MESH_SIZES = [10, 100, 1000, 5000] as const;

/** Options of `generateMesh`. */
export interface MeshOptions {
  /** About how many resources to generate (the result has at least this many). */
  readonly resources: number;
  /** Seed of the pseudo-random choices: the same seed gives the same text. */
  readonly seed?: number;
  /** Number of application namespaces (default: one per ten apps, at least one). */
  readonly namespaces?: number;
}

/** A generated design. */
export interface GeneratedMesh {
  /** Multi-document YAML, documents separated by `---`. */
  readonly text: string;
  /** Each document's text, in order (without the `---` separators). */
  readonly documents: readonly string[];
  readonly resourceCount: number;
  /** Resources per kind. */
  readonly counts: Readonly<Record<string, number>>;
}

/** A small, fast deterministic PRNG (mulberry32): benchmarks need the same mesh on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

interface App {
  readonly name: string;
  readonly namespace: string;
  readonly versions: readonly string[];
  readonly port: number;
}

/** An app's Service as other workloads call it. */
function upstreamHost(app: App): string {
  return `${app.name}.${app.namespace}.svc.cluster.local`;
}

const WORDS = [
  'cart',
  'checkout',
  'catalog',
  'search',
  'reviews',
  'ratings',
  'payments',
  'orders',
  'users',
  'auth',
  'inventory',
  'shipping',
  'pricing',
  'media',
  'notify',
  'profile',
  'ledger',
  'billing',
  'gateway-api',
  'recommend',
];

/**
 * Generates a realistic Istio mesh: an ingress LoadBalancer Service, Gateways (one per about twenty
 * apps, HTTP and HTTPS servers), and per app a Service, one to three Deployments (versions), a
 * DestinationRule with a subset per version, a VirtualService with 1-20 http rules (matches,
 * weighted splits, rewrites, retries, some redirects and faults), plus ServiceEntries for external
 * APIs. Block style with comments, some flow style and quoting, as people write it. About 1 KB per
 * resource. Deterministic by seed. Clean for the analyzer: path prefixes end in `/` (no `//` after a
 * rewrite, no `/v1` covering `/v10`), and routes to another app name its subset.
 */
export function generateMesh(options: MeshOptions): GeneratedMesh {
  const next = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const documents: string[] = [];
  const counts: Record<string, number> = {};
  const emit = (kind: string, text: string) => {
    documents.push(text);
    counts[kind] = (counts[kind] ?? 0) + 1;
  };

  emit(
    'Service',
    `# The ingress LoadBalancer an Istio install creates.
apiVersion: v1
kind: Service
metadata:
  name: istio-ingressgateway
  namespace: istio-system
  labels:
    istio: ingressgateway
spec:
  type: LoadBalancer
  selector:
    istio: ingressgateway
  ports:
  - name: http2
    port: 80
    targetPort: 8080
  - name: https
    port: 443
    targetPort: 8443
`,
  );

  // An app contributes about 4.9 resources; Gateways and ServiceEntries add a few more.
  const appCount = Math.max(1, Math.round((options.resources - 1) / 5));
  const namespaceCount = options.namespaces ?? Math.max(1, Math.round(appCount / 10));
  const namespaces = Array.from({ length: namespaceCount }, (_, index) => `team-${index}`);
  const apps: App[] = Array.from({ length: appCount }, (_, index) => ({
    name: `${pick(WORDS)}-${index}`,
    namespace: namespaces[index % namespaceCount] ?? 'default',
    versions: ['v1', 'v2', 'v3'].slice(0, between(1, 3)),
    port: pick([80, 8080, 9080, 3000]),
  }));
  const gatewayCount = Math.max(1, Math.round(appCount / 20));
  const gateways = Array.from({ length: gatewayCount }, (_, index) => ({
    name: `public-${index}`,
    domain: `site${index}.example.com`,
  }));
  const externalCount = Math.max(1, Math.round(appCount / 25));

  for (const gateway of gateways) {
    emit(
      'Gateway',
      `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${gateway.name}
  namespace: istio-system
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*.${gateway.domain}"
    tls:
      httpsRedirect: ${next() < 0.5 ? 'true' : 'false'}
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["*.${gateway.domain}"]
    tls:
      mode: SIMPLE
      credentialName: ${gateway.name}-cert
`,
    );
  }

  for (let index = 0; index < externalCount; index += 1) {
    emit(
      'ServiceEntry',
      `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: external-${index}
  namespace: ${pick(namespaces)}
spec:
  hosts:
  - api${index}.partner.example.net
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - number: 443
    name: tls
    protocol: TLS
  - {number: 80, name: http, protocol: HTTP}
`,
    );
  }

  for (const app of apps) {
    emit(
      'Service',
      `apiVersion: v1
kind: Service
metadata:
  name: ${app.name}
  namespace: ${app.namespace}
  labels:
    app: ${app.name}
spec:
  selector:
    app: ${app.name}
  ports:
  - name: http-web
    port: ${app.port}
    targetPort: 8080
`,
    );
    for (const version of app.versions) {
      emit(
        'Deployment',
        `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app.name}-${version}
  namespace: ${app.namespace}
  labels: {app: ${app.name}, version: ${version}}
spec:
  replicas: ${between(1, 6)}
  selector:
    matchLabels:
      app: ${app.name}
      version: ${version}
  template:
    metadata:
      labels:
        app: ${app.name}
        version: ${version}
      annotations:
        sidecar.istio.io/inject: "true"
    spec:
      containers:
      - name: ${app.name}
        image: registry.example.com/${app.name}:${version}.${between(0, 40)}
        ports:
        - name: http
          containerPort: 8080
        env:
        - name: LOG_LEVEL
          value: info
        - name: UPSTREAM
          value: http://${upstreamHost(pick(apps))}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: "1", memory: 512Mi}
        readinessProbe:
          httpGet: {path: /healthz, port: 8080}
          periodSeconds: 10
`,
      );
    }
    const subsets = app.versions
      .map((version) => `  - name: ${version}\n    labels:\n      version: ${version}\n`)
      .join('');
    emit(
      'DestinationRule',
      `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${app.name}
  namespace: ${app.namespace}
spec:
  host: ${app.name}
  trafficPolicy:
    loadBalancer:
      simple: ${pick(['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM'])}
    connectionPool:
      http: {http1MaxPendingRequests: 100}
  subsets:
${subsets}`,
    );

    const gateway = pick(gateways);
    const ruleCount = between(1, 20);
    const rules: string[] = [];
    for (let rule = 0; rule < ruleCount; rule += 1) {
      const last = rule === ruleCount - 1;
      const match = last
        ? ''
        : `    match:
    - uri:
        prefix: /${app.name}/v${rule}/
      headers:
        x-tenant:
          exact: "tenant-${between(0, 99)}"
`;
      const choice = next();
      let action: string;
      if (choice < 0.08 && !last) {
        action = `    redirect:\n      uri: /${app.name}/v${rule + 1}/\n      redirectCode: 302\n`;
      } else if (choice < 0.14 && !last) {
        action = `    fault:\n      abort:\n        httpStatus: 503\n        percentage: {value: ${between(1, 10)}}\n    route:\n    - destination: {host: ${app.name}}\n`;
      } else if (app.versions.length > 1 && choice < 0.6) {
        const weight = between(5, 95);
        action = `    route:
    - destination:
        host: ${app.name}
        subset: ${app.versions[0] ?? 'v1'}
      weight: ${weight}
    - destination:
        host: ${app.name}
        subset: ${app.versions[1] ?? 'v2'}
      weight: ${100 - weight}
    retries:
      attempts: 3
      perTryTimeout: 2s
`;
      } else {
        const external = next() < 0.1;
        const other = pick(apps);
        const host = external
          ? `api${between(0, externalCount - 1)}.partner.example.net`
          : upstreamHost(other);
        // Another app is pinned to its stable subset: a route from the ingress without a subset
        // would bypass that app's own subset split (IST0140).
        const subset = external ? '' : '        subset: v1\n';
        // The prefix ends in a slash, so the rewrite keeps one between the parts (SP1002); the
        // catch-all rule has no prefix to strip.
        const rewrite = last ? '' : '    rewrite:\n      uri: /\n';
        action = `${rewrite}    route:
    - destination:
        host: ${host}
${subset}        port:
          number: ${external ? 80 : other.port}
    timeout: 10s
`;
      }
      rules.push(`  # rule ${rule}\n  - name: r${rule}\n${match}${action}`);
    }
    emit(
      'VirtualService',
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${app.name}
  namespace: ${app.namespace}
spec:
  hosts:
  - ${app.name}.${gateway.domain}
  - ${app.name}
  gateways:
  - istio-system/${gateway.name}
  - mesh
  http:
${rules.join('')}`,
    );
  }

  return {
    text: documents.join('---\n'),
    documents,
    resourceCount: documents.length,
    counts,
  };
}
