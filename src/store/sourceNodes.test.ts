import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveDocument } from './derive';
import { nodeIdAtOffset, selectionRange } from './sourceNodes';

const seed = readFileSync(new URL('../../examples/seed-ingress.yaml', import.meta.url), 'utf8');

const design = `# the shop's routes
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: shop
spec:
  hosts: [shop]
  http:
  - name: cart
    match:
    - uri:
        prefix: /cart
    route:
    - destination:
        host: cart
      weight: 90
    - destination:
        host: cart-next
      weight: 10
  - name: rest
    route:
    - destination:
        host: shop
---
# subsets of the cart
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: cart
spec:
  host: cart
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: cart
  spec:
    ports:
    - port: 80
- apiVersion: v1
  kind: Service
  metadata:
    name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
`;

const derived = deriveDocument('design.yaml', design, 1, undefined);

/** The offset of the `occurrence`-th match of `needle` (1-based), plus `shift`. */
function at(needle: string, shift = 0, occurrence = 1): number {
  let offset = -1;
  for (let seen = 0; seen < occurrence; seen += 1) {
    offset = design.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`"${needle}" #${occurrence} is not in the design`);
  }
  return offset + shift;
}

describe('nodeIdAtOffset', () => {
  it('gives the rule under the cursor, from its dash to its last line', () => {
    // given a VirtualService with two http rules
    // then inside the first rule's match, on its dash and on its last line, it is the first rule
    expect(nodeIdAtOffset(derived, at('prefix: /cart'))).toBe('VirtualService/default/shop#http/0');
    expect(nodeIdAtOffset(derived, at('- name: cart'))).toBe('VirtualService/default/shop#http/0');
    expect(nodeIdAtOffset(derived, at('weight: 10', 10))).toBe(
      'VirtualService/default/shop#http/0',
    );
    // and the second rule's text is the second rule
    expect(nodeIdAtOffset(derived, at('host: shop'))).toBe('VirtualService/default/shop#http/1');
  });

  it('gives the resource outside its parts, its leading comment included', () => {
    expect(nodeIdAtOffset(derived, at('name: shop'))).toBe('VirtualService/default/shop');
    expect(nodeIdAtOffset(derived, at('hosts: [shop]', 9))).toBe('VirtualService/default/shop');
    expect(nodeIdAtOffset(derived, 0)).toBe('VirtualService/default/shop');
    expect(nodeIdAtOffset(derived, at('# subsets of the cart'))).toBe(
      'DestinationRule/default/cart',
    );
  });

  it('tells flow-style subsets on one line apart by offset', () => {
    expect(nodeIdAtOffset(derived, at('name: v1'))).toBe('DestinationRule/default/cart#subset/0');
    expect(nodeIdAtOffset(derived, at('name: v2'))).toBe('DestinationRule/default/cart#subset/1');
    expect(nodeIdAtOffset(derived, at('host: cart', 0, 3))).toBe('DestinationRule/default/cart');
  });

  it('gives the item of a List, and its port', () => {
    expect(nodeIdAtOffset(derived, at('name: cart', 0, 3))).toBe('Service/default/cart');
    expect(nodeIdAtOffset(derived, at('- port: 80'))).toBe('Service/default/cart#port/0');
    expect(nodeIdAtOffset(derived, at('name: shop', 0, 2))).toBe('Service/default/shop');
  });

  it('gives nothing in a document Sailplan does not model', () => {
    expect(nodeIdAtOffset(derived, at('name: settings'))).toBeUndefined();
  });

  it('gives the Gateway server of the seed design', () => {
    const seedDerived = deriveDocument('design.yaml', seed, 1, undefined);
    const offset = seed.indexOf('protocol: HTTP');
    expect(nodeIdAtOffset(seedDerived, offset)).toBe(
      'Gateway/istio-system/default-gateway#server/0',
    );
  });
});

describe('selectionRange', () => {
  it('is the resource, the part, or the destination that makes a route edge', () => {
    // a resource: its document, from apiVersion to its last line
    const resource = selectionRange(derived, 'VirtualService/default/shop');
    expect(resource).toMatchObject({ line: 2, endLine: 23 });
    // a part: the rule's lines
    const rule = selectionRange(derived, 'VirtualService/default/shop#http/1');
    expect(design.slice(rule?.start, rule?.end)).toBe(
      'name: rest\n    route:\n    - destination:\n        host: shop',
    );
    // a route edge: the destination entry it comes from
    const edge = derived.topology.edges.find(
      (candidate) => candidate.type === 'route' && candidate.host.startsWith('cart-next'),
    );
    expect(edge).toBeDefined();
    const route = selectionRange(derived, edge?.id ?? '');
    expect(design.slice(route?.start, route?.end)).toBe(
      'destination:\n        host: cart-next\n      weight: 10',
    );
  });

  it('is undefined for what the YAML does not hold', () => {
    expect(selectionRange(derived, 'Service/istio-system/istio-ingressgateway')).toBeUndefined();
  });
});
