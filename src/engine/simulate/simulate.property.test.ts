import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../model';
import { compareOutcome } from './compareOutcome';
import type { Request } from './request';
import { simulate } from './simulate';

const vectors = fileURLToPath(new URL('../../../tests/vectors/', import.meta.url));
const designs = readdirSync(vectors, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((directory) =>
    readdirSync(join(vectors, directory.name))
      .filter((name) => /^V\d\d[a-z]?\.yaml$/.test(name))
      .map((name) =>
        loadDesign([{ name, text: readFileSync(join(vectors, directory.name, name), 'utf8') }]),
      ),
  );

const host = fc.constantFrom(
  'shop.example.com',
  'a.example.com',
  'API.Example.COM',
  'web',
  'web.default',
  'cart.shop.svc.cluster.local',
  'x.test',
  '10.0.0.1',
  'a.secure.example.com',
  'legacy.internal',
);
const segment = fc.constantFrom(
  '',
  'api',
  'cart',
  'v2',
  'legacy',
  '..',
  '.',
  'login',
  'r',
  'abc',
  'service',
  'foo',
  '%2F',
  'x',
);
const request: fc.Arbitrary<Request> = fc.record(
  {
    url: fc
      .tuple(
        fc.constantFrom('http', 'https', 'tcp', 'tls'),
        host,
        fc.option(fc.constantFrom(80, 443, 8080, 9000, 31400), { nil: undefined }),
        fc.array(segment, { maxLength: 4 }),
        fc.constantFrom('', '?version=2', '?id=a1&id=2', '?'),
      )
      .map(
        ([scheme, name, port, path, query]) =>
          `${scheme}://${name}${port === undefined ? (scheme === 'tcp' ? ':31400' : '') : `:${port}`}/${path.join('/')}${query}`,
      ),
    method: fc.constantFrom('GET', 'POST', 'OPTIONS'),
    headers: fc.dictionary(
      fc.constantFrom(
        'x-user',
        'X-Canary',
        'x-beta',
        'origin',
        'access-control-request-method',
        'host',
        'end-user',
      ),
      fc.constantFrom('', 'alice', 'BOB', 'true', 'https://app.example.com', 'b.example.com'),
    ),
    from: fc.oneof(
      fc.constant('ingress' as const),
      fc.record({
        namespace: fc.constantFrom('default', 'shop', 'istio-system'),
        labels: fc.dictionary(
          fc.constantFrom('app', 'version'),
          fc.constantFrom('web', 'api', 'v1'),
        ),
      }),
    ),
    draw: fc.double({ min: 0, max: 0.999999, noNaN: true }),
  },
  { requiredKeys: ['url'] },
);

describe('simulate, on every vector design with arbitrary requests', () => {
  it('never throws, always ends with a summary, and a test of its own outcome passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: designs.length - 1 }), request, (index, input) => {
        const design = designs[index];
        if (design === undefined) return;
        const trace = simulate(design, input);
        expect(trace.summary).not.toBe('');
        expect(['response', 'upstream', 'refused', 'closed', 'unanswerable']).toContain(
          trace.ending,
        );
        if (trace.ending === 'response') expect(trace.outcome.status).not.toBeNull();
        if (trace.ending === 'refused') expect(trace.outcome.destinations).toBeNull();
        // The outcome compared with itself (as a route test would write it) shows no difference.
        const { destination, destinations, ...rest } = trace.outcome;
        expect(compareOutcome({ ...rest, destination, destinations }, trace)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
