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
    // given a new destination for rule 1 of that section
    const intent = {
      type: 'route.addDestination',
      virtualService: 'VirtualService/default/reviews',
      rule: 1,
      destination,
      ...(section === undefined ? {} : { section }),
    } as const;
    // then the hover feedback names the rule in its section
    expect(describeIntent(intent)).toBe(expected);
  });
});
