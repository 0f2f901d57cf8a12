import { describe, expect, it } from 'vitest';
import { describeIntent } from './connectionRules';

describe('describeIntent: a connection to a rule, in words', () => {
  const destination = { host: 'reviews', subset: 'v2' };

  it.each([
    [undefined, 'Rule 1 will also route to reviews subset v2'],
    ['http', 'Rule 1 will also route to reviews subset v2'],
    ['tcp', 'TCP rule 1 will also route to reviews subset v2'],
    ['tls', 'TLS rule 1 will also route to reviews subset v2'],
  ] as const)('given a rule of section %s, then it is named as such', (section, expected) => {
    // given a new destination for the first rule of that section (index 0)
    const intent = {
      type: 'route.addDestination',
      virtualService: 'VirtualService/default/reviews',
      rule: 0,
      destination,
      ...(section === undefined ? {} : { section }),
    } as const;
    // then the hover feedback names the rule in its section, counted from 1 as the refusals are
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
});
