import type { Diagnostic } from '../../diagnostics';
import { designOf, documents } from '../../testing/designOf';
import { analyze } from '../analyze';
import type { AnalyzeOptions } from '../analyze';

/** Analyzes YAML documents given as separate strings (test helper). */
export function analyzeYaml(yaml: readonly string[], options: AnalyzeOptions = {}): Diagnostic[] {
  return analyze(designOf(documents(...yaml), 'shop.yaml'), options);
}

/** The diagnostics with one code (test helper). */
export function withCode(
  code: string,
  yaml: readonly string[],
  options: AnalyzeOptions = {},
): Diagnostic[] {
  return analyzeYaml(yaml, options).filter((diagnostic) => diagnostic.code === code);
}

/** The messages of the diagnostics with one code (test helper). */
export function messagesOf(
  code: string,
  yaml: readonly string[],
  options: AnalyzeOptions = {},
): string[] {
  return withCode(code, yaml, options).map((diagnostic) => diagnostic.message);
}

/**
 * routing-vectors.md fixture F0 (ingress Service and app Services) with the pods it describes in
 * prose as Deployments, and F1 (the shared Gateway `istio-system/public`).
 */
export const F0 = [
  `apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system, labels: {istio: ingressgateway}}
spec:
  type: LoadBalancer
  selector: {istio: ingressgateway}
  ports:
  - {name: status-port, port: 15021, targetPort: 15021}
  - {name: http2, port: 80, targetPort: 8080}
  - {name: https, port: 443, targetPort: 8443}`,
  `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]`,
  `apiVersion: v1
kind: Service
metadata: {name: api, namespace: default}
spec:
  selector: {app: api}
  ports: [{name: http, port: 8080, targetPort: 8080}]`,
  `apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec:
  selector: {app: cart}
  ports: [{name: http, port: 80, targetPort: 9080}]`,
  deployment('ingressgateway', 'istio-system', {
    istio: 'ingressgateway',
    app: 'istio-ingressgateway',
  }),
  deployment('web-v1', 'default', { app: 'web', version: 'v1' }),
  deployment('web-v2', 'default', { app: 'web', version: 'v2' }),
  deployment('api', 'default', { app: 'api', version: 'v1' }),
  deployment('cart-v1', 'shop', { app: 'cart', version: 'v1' }),
  deployment('cart-v2', 'shop', { app: 'cart', version: 'v2' }),
  deployment('other-v2', 'default', { app: 'other', version: 'v2' }),
] as const;

/** routing-vectors.md fixture F1: Gateway `istio-system/public`, HTTP on port 80 for any host. */
export const F1 = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]`;

/** A Deployment whose pod template carries `labels` (test helper). */
export function deployment(
  name: string,
  namespace: string,
  labels: Readonly<Record<string, string>>,
): string {
  const labelText = Object.entries(labels)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ');
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {${labelText}}}
  template:
    metadata: {labels: {${labelText}}}
    spec: {containers: [{name: app, image: example}]}`;
}

/**
 * An IstioOperator that installs the mesh with cluster domain `domain`
 * (`spec.values.global.proxy.clusterDomain`), the design's cluster domain setting (test helper).
 */
export function istioOperator(domain: string): string {
  return `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: installed, namespace: istio-system}
spec:
  profile: default
  values:
    global:
      proxy:
        clusterDomain: ${domain}`;
}
