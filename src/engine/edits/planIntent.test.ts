import { describe, expect, it } from 'vitest';
import { loadDesign } from '../model/loadDesign';
import { designOf, documents } from '../testing/designOf';
import { applyEdits } from './applyEdits';
import type { Intent, PlannedEdits } from './intents';
import { isRefused } from './intents';
import { editsForFile, planIntent, prepareToEdit } from './planIntent';
import { apportion } from './planners/common';

/** Plans `intent` on a one-file design and returns the edited text (throws when refused). */
function edited(text: string, intent: Intent): string {
  return applyEdits(text, planned(text, intent).edits);
}

function planned(text: string, intent: Intent): PlannedEdits {
  const plan = planIntent(designOf(text), intent);
  if (isRefused(plan)) throw new Error(`Refused: ${plan.refused}`);
  return plan;
}

/** A VirtualService whose one rule routes to `backend-<n>` with these weights (in this order). */
const split = (
  weights: readonly (number | undefined)[],
  backends = weights.map((_, index) => index),
) =>
  documents(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: default}
spec:
  hosts: [shop]
  http:
  - route:
${weights
  .map(
    (weight, index) =>
      `    - destination: {host: backend-${backends[index] ?? index}}${weight === undefined ? '' : `\n      weight: ${weight}`}`,
  )
  .join('\n')}`);

const VIRTUAL_SERVICE = 'VirtualService/default/shop';

describe('apportion', () => {
  it('splits a total in proportion, giving the remainder to the largest fractions', () => {
    expect(apportion(20, [30, 20])).toEqual([12, 8]);
    expect(apportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportion(10, [0, 0])).toEqual([5, 5]);
    expect(apportion(0, [5, 5])).toEqual([0, 0]);
  });
});

describe('route.setWeight', () => {
  it('rebalances the others in proportion when the split sums to 100', () => {
    const after = edited(split([50, 30, 20]), {
      type: 'route.setWeight',
      virtualService: VIRTUAL_SERVICE,
      rule: 0,
      destination: 0,
      weight: 80,
    });
    expect(after).toBe(split([80, 12, 8]));
  });

  it('changes only the one weight when weights are relative (their sum is not 100)', () => {
    const after = edited(split([3, 1]), {
      type: 'route.setWeight',
      virtualService: VIRTUAL_SERVICE,
      rule: 0,
      destination: 1,
      weight: 2,
    });
    expect(after).toBe(split([3, 2]));
  });

  it('writes weights for destinations that had none', () => {
    const after = edited(split([undefined, undefined]), {
      type: 'route.setWeight',
      virtualService: VIRTUAL_SERVICE,
      rule: 0,
      destination: 1,
      weight: 30,
    });
    expect(after).toBe(split([70, 30]));
  });
});

describe('prepareToEdit', () => {
  const intent: Intent = {
    type: 'route.setWeight',
    virtualService: VIRTUAL_SERVICE,
    rule: 0,
    destination: 0,
    weight: 80,
  };

  it('parses the document ahead, kept with the design: the plan made afterwards is the same', () => {
    const text = `# a comment the edit keeps\n${split([50, 50])}`;
    const design = designOf(text);
    prepareToEdit(design, VIRTUAL_SERVICE);
    expect(planIntent(design, intent)).toEqual(planIntent(designOf(text), intent));
  });

  it('ignores a resource the design does not hold', () => {
    const design = designOf(split([50, 50]));
    expect(() => prepareToEdit(design, 'VirtualService/default/gone')).not.toThrow();
  });
});

describe('route.removeDestination', () => {
  it('rebalances what is left of a split of 100', () => {
    const after = edited(split([50, 30, 20]), {
      type: 'route.removeDestination',
      virtualService: VIRTUAL_SERVICE,
      rule: 0,
      destination: 0,
    });
    expect(after).toBe(split([60, 40], [1, 2]));
  });
});

describe('field.set', () => {
  it('removes the field when the value is undefined', () => {
    const text = split([80, 20]);
    const after = edited(text, {
      type: 'field.set',
      key: VIRTUAL_SERVICE,
      path: ['spec', 'http', 0, 'route', 1, 'weight'],
      value: undefined,
    });
    expect(after).toBe(text.replace('\n      weight: 20', ''));
  });

  it('leaves a document with a syntax error alone while editing another', () => {
    const text = `${split([80, 20])}---\nkind: [broken\n`;
    const after = edited(text, {
      type: 'field.set',
      key: VIRTUAL_SERVICE,
      path: ['spec', 'http', 0, 'timeout'],
      value: '5s',
    });
    expect(after.endsWith('    timeout: 5s\n---\nkind: [broken\n')).toBe(true);
  });
});

describe('resource.add', () => {
  it('starts an empty file without a separator', () => {
    const after = edited('', { type: 'resource.add', kind: 'DestinationRule', namespace: 'shop' });
    expect(after).toBe(
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: destination-rule\n  namespace: shop\nspec:\n  host: destination-rule\n',
    );
  });

  const services = documents(
    'apiVersion: v1\nkind: Service\nmetadata: {name: edge, namespace: istio-system}\nspec: {type: LoadBalancer, selector: {istio: ingressgateway}, ports: [{port: 80}]}',
    'apiVersion: v1\nkind: Service\nmetadata: {name: other, namespace: shop}\nspec: {selector: {app: other}, ports: [{name: http, port: 80}]}',
    'apiVersion: v1\nkind: Service\nmetadata: {name: cart, namespace: web}\nspec: {selector: {app: cart}, ports: [{name: http, port: 80}]}',
    'apiVersion: v1\nkind: Service\nmetadata: {name: shop, namespace: web}\nspec: {selector: {app: shop}, ports: [{name: http, port: 8080}, {name: grpc, port: 9090}]}',
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: cart, namespace: web}\nspec: {hosts: [cart], http: [{route: [{destination: {host: cart}}]}]}',
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: shop, namespace: web}\nspec: {host: shop.web.svc.cluster.local}',
  );
  const addedDocument = (text: string, intent: Intent) =>
    edited(text, intent)
      .slice(text.length)
      .replace(/^---\n/, '');

  it('routes a new VirtualService to a Service of its namespace that nothing routes to yet, on its first port when it has several', () => {
    expect(
      addedDocument(services, { type: 'resource.add', kind: 'VirtualService', namespace: 'web' }),
    ).toBe(
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: virtual-service\n  namespace: web\nspec:\n  hosts:\n    - shop\n  http:\n    - route:\n        - destination:\n            host: shop\n            port:\n              number: 8080\n',
    );
    // In another namespace, by its full name; never the gateway's LoadBalancer Service.
    expect(
      addedDocument(services, { type: 'resource.add', kind: 'VirtualService', namespace: 'edge' }),
    ).toContain('hosts:\n    - other.shop.svc.cluster.local\n');
  });

  it('gives a new VirtualService its own example.com host when the Service has a VirtualService already', () => {
    const onlyCart = documents(
      'apiVersion: v1\nkind: Service\nmetadata: {name: cart, namespace: web}\nspec: {selector: {app: cart}, ports: [{name: http, port: 80}]}',
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: cart, namespace: web}\nspec: {hosts: [cart], http: [{route: [{destination: {host: cart}}]}]}',
    );
    const after = addedDocument(onlyCart, {
      type: 'resource.add',
      kind: 'VirtualService',
      namespace: 'web',
    });
    expect(after).toContain('hosts:\n    - virtual-service.example.com\n');
    expect(after).toContain('host: cart\n');
  });

  it('makes a new VirtualService answer directly when the design has no Service, until it is connected to one', () => {
    const after = edited('', { type: 'resource.add', kind: 'VirtualService', namespace: 'web' });
    expect(after).toBe(
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: virtual-service\n  namespace: web\nspec:\n  hosts:\n    - virtual-service.example.com\n  http:\n    - directResponse:\n        status: 200\n        body:\n          string: "This VirtualService routes nowhere yet: connect its rule to a Service."\n',
    );
    const withService = documents(
      after,
      'apiVersion: v1\nkind: Service\nmetadata: {name: cart, namespace: web}\nspec: {selector: {app: cart}, ports: [{name: http, port: 80}]}',
    );
    const plan = planned(withService, {
      type: 'route.addDestination',
      virtualService: 'VirtualService/web/virtual-service',
      rule: 0,
      destination: { host: 'cart' },
    });
    expect(applyEdits(withService, plan.edits)).toBe(
      withService.replace(
        '    - directResponse:\n        status: 200\n        body:\n          string: "This VirtualService routes nowhere yet: connect its rule to a Service."\n',
        '    - route:\n        - destination:\n            host: cart\n',
      ),
    );
    expect(plan.effects.map((effect) => effect.description)).toEqual([
      'Rule 0 answered with a placeholder direct response, which the route replaces',
    ]);
  });

  it('still refuses to route a rule that answers directly with a response of its own', () => {
    const own = documents(
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs, namespace: web}\nspec: {hosts: [a.example.com], http: [{directResponse: {status: 503}}]}',
    );
    expect(
      planIntent(designOf(own), {
        type: 'route.addDestination',
        virtualService: 'VirtualService/web/vs',
        rule: 0,
        destination: { host: 'cart' },
      }),
    ).toEqual({
      refused: expect.stringMatching(/answers directly/) as unknown as string,
    });
  });

  it('points a new DestinationRule at a Service no DestinationRule configures yet', () => {
    expect(
      addedDocument(services, { type: 'resource.add', kind: 'DestinationRule', namespace: 'web' }),
    ).toContain('spec:\n  host: cart\n');
  });

  it('gives a new Gateway its own host when another Gateway binds * on port 80', () => {
    const gateway = edited('', { type: 'resource.add', kind: 'Gateway', namespace: 'edge' });
    expect(gateway).toContain('hosts:\n        - "*"\n');
    expect(
      addedDocument(gateway, { type: 'resource.add', kind: 'Gateway', namespace: 'edge' }),
    ).toContain('hosts:\n        - gateway-2.example.com\n');
  });

  it('selects the new resource and refuses an invalid namespace', () => {
    expect(
      planned('', { type: 'resource.add', kind: 'Gateway', namespace: 'edge' }).selection,
    ).toEqual({
      key: 'Gateway/edge/gateway',
      path: [],
    });
    expect(
      planIntent(designOf(''), { type: 'resource.add', kind: 'Gateway', namespace: 'Edge_1' }),
    ).toEqual({
      refused: expect.stringMatching(/not a valid namespace/) as unknown as string,
    });
  });
});

describe('designs of several files', () => {
  const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: edge, namespace: ingress}
spec:
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["./*"]
`;
  const routes = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: site, namespace: ingress}
spec:
  hosts: ["site.example.com"]
  gateways: [edge]
  http:
  - match:
    - uri: {prefix: /}
      gateways: [ingress/edge]
    route:
    - destination: {host: site.web.svc.cluster.local}
`;
  const design = loadDesign([
    { name: 'gateway.yaml', text: gateway },
    { name: 'routes.yaml', text: routes },
  ]);

  it('labels each edit with its file, and each file applies its own', () => {
    const plan = planIntent(design, {
      type: 'resource.setNamespace',
      key: 'Gateway/ingress/edge',
      namespace: 'edge-system',
    });
    if (isRefused(plan)) throw new Error(plan.refused);
    expect(applyEdits(gateway, editsForFile(plan.edits, 'gateway.yaml'))).toBe(
      gateway
        .replace('namespace: ingress}', 'namespace: edge-system}')
        .replace('"./*"', '"ingress/*"'),
    );
    expect(applyEdits(routes, editsForFile(plan.edits, 'routes.yaml'))).toBe(
      routes
        .replace('gateways: [edge]', 'gateways: [edge-system/edge]')
        .replace('gateways: [ingress/edge]', 'gateways: [edge-system/edge]'),
    );
  });

  it('removes every reference to a deleted Gateway and says so', () => {
    const plan = planIntent(design, { type: 'resource.delete', key: 'Gateway/ingress/edge' });
    if (isRefused(plan)) throw new Error(plan.refused);
    expect(applyEdits(gateway, editsForFile(plan.edits, 'gateway.yaml'))).toBe('');
    const after = applyEdits(routes, editsForFile(plan.edits, 'routes.yaml'));
    expect(after).not.toContain('edge');
    expect(plan.effects.map((effect) => effect.resource)).toEqual([
      'VirtualService/ingress/site',
      'VirtualService/ingress/site',
    ]);
  });
});

describe('delegates', () => {
  const text = documents(
    `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: root, namespace: shop}
spec:
  hosts: [shop.example.com]
  http:
  - match: [{uri: {prefix: /cart}}]
    delegate: {name: cart}
  - route:
    - destination: {host: web}`,
    `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: cart, namespace: shop}
spec:
  http:
  - route:
    - destination: {host: cart}`,
  );

  it('follow a rename of the delegate', () => {
    expect(
      edited(text, { type: 'resource.rename', key: 'VirtualService/shop/cart', name: 'basket' }),
    ).toBe(
      text
        .replace('delegate: {name: cart}', 'delegate: {name: basket}')
        .replace('name: cart, namespace', 'name: basket, namespace'),
    );
  });

  it('name the old namespace when the delegate moves', () => {
    const after = edited(text, {
      type: 'resource.setNamespace',
      key: 'VirtualService/shop/cart',
      namespace: 'checkout',
    });
    expect(after).toContain('delegate: {name: cart, namespace: checkout}');
    expect(after).toContain('destination: {host: cart.shop.svc.cluster.local}');
  });

  it('are removed with the delegate', () => {
    const plan = planned(text, { type: 'resource.delete', key: 'VirtualService/shop/cart' });
    expect(applyEdits(text, plan.edits)).not.toContain('delegate');
    expect(plan.effects).toEqual([
      {
        resource: 'VirtualService/shop/root',
        description: 'Its rules delegating to VirtualService shop/cart are removed',
      },
    ]);
  });
});

describe('subset.rename', () => {
  const design = documents(
    `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec:
  host: api
  subsets: [{name: v1, labels: {version: v1}}]`,
    `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api-local, namespace: edge}
spec:
  host: api.shop.svc.cluster.local
  subsets: [{name: v1, labels: {track: edge}}]`,
    `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: edge}
spec:
  hosts: [api.shop.svc.cluster.local]
  http:
  - route:
    - destination: {host: api.shop.svc.cluster.local, subset: v1}`,
    `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: shop}
spec:
  hosts: [api]
  http:
  - route:
    - destination: {host: api, subset: v1}`,
  );
  const rename = (name: string): Intent => ({
    type: 'subset.rename',
    destinationRule: 'DestinationRule/shop/api',
    subset: 0,
    name,
  });

  it('leaves references that resolve through another namespace’s own rule for the host', () => {
    // given edge has its own DestinationRule for api.shop, which Istio prefers there (§3.2)
    // when the shop rule's subset v1 is renamed
    const plan = planned(design, rename('stable'));
    const after = applyEdits(design, plan.edits);
    // then the shop VirtualService follows and the edge one keeps naming its own rule's v1
    expect(after).toContain('- destination: {host: api, subset: stable}');
    expect(after).toContain('- destination: {host: api.shop.svc.cluster.local, subset: v1}');
    expect(plan.effects.map((effect) => effect.resource)).toEqual(['VirtualService/shop/api']);
  });

  it('refuses a name Istio rejects, and the name it already has', () => {
    const refusal = (name: string) => {
      const plan = planIntent(designOf(design), rename(name));
      return isRefused(plan) ? plan.refused : 'planned';
    };
    expect(refusal('V_1')).toMatch(/not a valid subset name/);
    expect(refusal('v1')).toBe('Subset v1 already has that name');
  });
});

describe('gateway.setServerProtocol', () => {
  const redirecting = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: shop-gw
  namespace: ingress
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["shop.example.com"]
    tls: {httpsRedirect: true}   # send browsers to HTTPS
`;
  const protocol = (value: string) =>
    ({
      type: 'gateway.setServerProtocol',
      gateway: 'Gateway/ingress/shop-gw',
      server: 0,
      protocol: value,
    }) as const;

  it('given an HTTP server whose tls is a flow map with only httpsRedirect, then HTTPS adds mode and credential in one value', () => {
    // (found by the property test: two insertions at the end of the flow map overlapped)
    const after = edited(redirecting, protocol('HTTPS'));
    const server = loadDesign([{ name: 'design.yaml', text: after }]).model.gateways[0]?.spec
      .servers?.[0];
    expect(server?.port?.protocol).toBe('HTTPS');
    expect(server?.tls).toMatchObject({ httpsRedirect: true, mode: 'SIMPLE' });
    expect(server?.tls?.credentialName).toBeTruthy();
    expect(after).toContain('# send browsers to HTTPS');
  });

  it('given that server made HTTPS, then HTTP again gives back its text: the flow map keeps only httpsRedirect', () => {
    // (found by the property test: removing mode and credentialName one by one overlapped)
    const https = edited(redirecting, protocol('HTTPS'));
    expect(edited(https, protocol('HTTP'))).toBe(redirecting);
  });
});
