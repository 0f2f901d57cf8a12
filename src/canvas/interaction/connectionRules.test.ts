import { describe, expect, it } from 'vitest';
import { createSailplanStore } from '../../store';
import { createConnectionChecker, describeIntent } from './connectionRules';

describe('describeIntent: a connection to a rule, in words', () => {
  const destination = { host: 'reviews', subset: 'v2' };

  it.each([
    [undefined, 'Rule 0 will also route to reviews subset v2'],
    ['http', 'Rule 0 will also route to reviews subset v2'],
    ['tcp', 'TCP rule 0 will also route to reviews subset v2'],
    ['tls', 'TLS rule 0 will also route to reviews subset v2'],
  ] as const)('given a rule of section %s, then it is named as such', (section, expected) => {
    // given a new destination for the first rule of that section (index 0)
    const intent = {
      type: 'route.addDestination',
      virtualService: 'VirtualService/default/reviews',
      rule: 0,
      destination,
      ...(section === undefined ? {} : { section }),
    } as const;
    // then the hover feedback names the rule in its section by its index, as the canvas, the
    // route tests (`route: 0`) and the edits' messages do
    expect(describeIntent(intent)).toBe(expected);
  });

  it('given a binding to a Gateway’s first server, then it is server 1, as the inspector says', () => {
    expect(
      describeIntent({
        type: 'virtualService.bindGateway',
        virtualService: 'VirtualService/default/reviews',
        gateway: 'Gateway/istio-system/default-gateway',
        server: 0,
      }),
    ).toBe('Binds the VirtualService to server 1 of this Gateway');
  });

  it('given a connection the checker allowed to a named rule, then the rule is named', () => {
    // given a design whose first rule is named `split`, and a checker over it
    const store = createSailplanStore({
      text: [
        'apiVersion: networking.istio.io/v1',
        'kind: VirtualService',
        'metadata: {name: reviews, namespace: default}',
        'spec:',
        '  hosts: [reviews]',
        '  http:',
        '  - name: split',
        '    route:',
        '    - destination: {host: reviews}',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: ratings, namespace: default}',
        'spec:',
        '  selector: {app: ratings}',
        '  ports: [{name: http, port: 80}]',
        '',
      ].join('\n'),
    });
    const check = createConnectionChecker(store).check(
      'VirtualService/default/reviews#http/0',
      'Service/default/ratings',
    );
    // then the hover names the rule by its name, as the rule row on the canvas does
    if (!check.allowed) throw new Error(check.reason);
    expect(describeIntent(check.intent)).toBe('Rule "split" will also route to ratings');
  });
});
