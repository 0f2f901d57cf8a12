/**
 * A mesh for the store's tests (the engine's generateMesh is reached only through the engine's
 * index, which does not export it): per app a Service, a Deployment, a DestinationRule with two
 * subsets and a VirtualService splitting between them, behind one Gateway; `apps` apps spread over
 * ten namespaces.
 */
export function meshOf(apps: number): string {
  const documents = [
    `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: istio-system
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
`,
  ];
  for (let index = 0; index < apps; index += 1) {
    const name = `app-${index}`;
    const namespace = `team-${index % 10}`;
    documents.push(
      `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    app: ${name}
  ports:
  - name: http
    port: 80
`,
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}-v1
  namespace: ${namespace}
spec:
  selector:
    matchLabels: {app: ${name}, version: v1}
  template:
    metadata:
      labels: {app: ${name}, version: v1}
`,
      `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  host: ${name}
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v2
    labels: {version: v2}
`,
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  hosts: [${name}.example.com]
  gateways: [istio-system/public]
  http:
  - name: split
    route:
    - destination: {host: ${name}, subset: v1}
      weight: 90
    - destination: {host: ${name}, subset: v2}
      weight: 10
`,
    );
  }
  return documents.join('---\n');
}
