import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics';
import { loadDesign } from '../model';
import { analyze } from './analyze';

// Resources that between them trip webhook validation, cross-resource analyzers and Sailplan's own
// checks, with the cluster domain set by an IstioOperator.
const RESOURCES = [
  `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: installed, namespace: istio-system}
spec:
  values: {global: {proxy: {clusterDomain: corp.example}}}`,
  `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["shop.example.com"]
    tls: {credentialName: shop-cert}
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["shop/shop.example.com"]`,
  `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: custom, namespace: shop}
spec:
  selector: {app: my-gateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]`,
  `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
  - {name: web, port: 80, targetPort: 8080}
  - {name: grpc, port: 9090}`,
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [shop.example.com, api.example.com]
  gateways: [istio-system/public, missing]
  http:
  - route: [{destination: {host: web.shop.svc.cluster.local}}]
  - match: [{uri: {prefix: /api}}]
    rewrite: {uri: /}
    fault: {abort: {httpStatus: 503}}
    route: [{destination: {host: web.shop.svc.corp.example, subset: v9, port: {number: 80}}}]
  - match: [{headers: {method: {exact: POST}}}]
    redirect: {uri: /x, redirectCode: 304}`,
  `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  trafficPolicy: {tls: {mode: SIMPLE}}
  subsets: [{name: v1, labels: {version: v1}}, {name: v1, labels: {version: v2}}]`,
  `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {a: b}`,
  `apiVersion: v1
kind: Service
metadata: {name: typo, namespace: shop}
spec:
  ports: 80`,
];

/** Each document as an item of one `kind: List`, written the way kubectl get -o yaml writes it. */
function asList(documents: readonly string[]): string {
  const items = documents.map((document) => {
    const [first = '', ...rest] = document.split('\n');
    return [`- ${first}`, ...rest.map((line) => `  ${line}`)].join('\n');
  });
  return `apiVersion: v1\nkind: List\nitems:\n${items.join('\n')}\n`;
}

/** What a diagnostic says and the text its range covers (offsets and lines differ by layout). */
function facts(diagnostics: readonly Diagnostic[], text: string) {
  return diagnostics.map((diagnostic) => ({
    code: diagnostic.code,
    level: diagnostic.level,
    message: diagnostic.message,
    resource: diagnostic.resource,
    path: diagnostic.path,
    covers: text.slice(diagnostic.range?.start ?? 0, diagnostic.range?.end ?? 0),
  }));
}

function diagnose(text: string) {
  const design = loadDesign([{ name: 'mesh.yaml', text }]);
  return {
    model: design.model,
    diagnostics: [...design.model.diagnostics, ...analyze(design)],
  };
}

describe('analyze: kind: List items', () => {
  const documents = `${RESOURCES.join('\n---\n')}\n`;
  const list = asList(RESOURCES);

  it('given the same resources as documents and as List items, then every diagnostic is the same, at the same field', () => {
    const separate = diagnose(documents);
    const listed = diagnose(list);
    expect(listed.model.clusterDomain).toBe('corp.example');
    const codes = new Set(separate.diagnostics.map((diagnostic) => diagnostic.code));
    // The fixture reaches every layer: model, webhook, istioctl analyzers and Sailplan's checks.
    for (const code of [
      'SP0007',
      'SP0009',
      'SP0013',
      'IST0106',
      'IST0133',
      'IST0101',
      'IST0118',
      'SP1001',
      'SP1003',
    ])
      expect(codes).toContain(code);
    expect(separate.diagnostics.length).toBeGreaterThan(10);
    expect(facts(listed.diagnostics, list)).toEqual(facts(separate.diagnostics, documents));
  });

  it('given List items, then each range is the exact token on the item line that holds it', () => {
    const { diagnostics } = diagnose(list);
    const lines = list.split('\n');
    for (const diagnostic of diagnostics) {
      const range = diagnostic.range;
      expect(range).toBeDefined();
      if (range === undefined) continue;
      const line = lines[range.line - 1] ?? '';
      expect(line.slice(range.column - 1)).toContain(
        list.slice(range.start, range.end).split('\n')[0],
      );
      expect(range.start).toBeLessThan(range.end);
    }
  });
});
