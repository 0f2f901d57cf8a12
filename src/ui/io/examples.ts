import { fromShareDocument, SHARE_FORMAT_VERSION } from '../../engine';
import type { DesignContent } from './designContent';
// The seed is the first start's design, so it is in the main bundle anyway (src/app/App.tsx).
import seedText from '../../../examples/seed-ingress.yaml?raw';
import seedTests from '../../../examples/seed-ingress.tests.yaml?raw';
import seedRequest from '../../../examples/seed-ingress.request.json?raw';

/** An example design of the Examples menu. */
export interface Example {
  readonly id: string;
  readonly title: string;
  /** One line under the title. */
  readonly description: string;
  /** Its manifest, route tests and the Simulator's ready request (loaded on demand). */
  readonly load: () => Promise<DesignContent>;
}

type RawModule = Promise<{ default: string }>;

/**
 * Reads an example's three files (examples/NAME.yaml, NAME.tests.yaml, NAME.request.json) into
 * design content, through the same validation as share links and saved designs.
 */
async function loadExample(
  files: readonly [RawModule, RawModule, RawModule],
): Promise<DesignContent> {
  const [manifest, tests, request] = await Promise.all(files);
  const checked = fromShareDocument({
    v: SHARE_FORMAT_VERSION,
    text: manifest.default,
    positions: {},
    tests: tests.default,
    request: JSON.parse(request.default) as unknown,
    silenced: [],
  });
  if (!checked.ok) throw new Error(checked.message);
  return checked.design;
}

// Each example is its own lazily loaded chunk: the menu costs nothing until an example opens.
/** The examples, in the menu's order. */
export const EXAMPLES: readonly Example[] = [
  {
    id: 'seed-ingress',
    title: 'Ingress to one app',
    description: 'The starting design: the ingress gateway in front of one Service.',
    load: () =>
      loadExample([
        Promise.resolve({ default: seedText }),
        Promise.resolve({ default: seedTests }),
        Promise.resolve({ default: seedRequest }),
      ]),
  },
  {
    id: 'header-routing-subsets',
    title: 'Header routing with subsets',
    description: 'Bookinfo style: user jason sees reviews v2, everyone else v1.',
    load: () =>
      loadExample([
        import('../../../examples/header-routing-subsets.yaml?raw'),
        import('../../../examples/header-routing-subsets.tests.yaml?raw'),
        import('../../../examples/header-routing-subsets.request.json?raw'),
      ]),
  },
  {
    id: 'canary-split',
    title: 'Canary split',
    description: '90/10 between stable and canary, with an opt-in header.',
    load: () =>
      loadExample([
        import('../../../examples/canary-split.yaml?raw'),
        import('../../../examples/canary-split.tests.yaml?raw'),
        import('../../../examples/canary-split.request.json?raw'),
      ]),
  },
  {
    id: 'fault-injection',
    title: 'Fault injection',
    description: 'Delays and aborts injected by the sidecars, chosen by a header.',
    load: () =>
      loadExample([
        import('../../../examples/fault-injection.yaml?raw'),
        import('../../../examples/fault-injection.tests.yaml?raw'),
        import('../../../examples/fault-injection.request.json?raw'),
      ]),
  },
  {
    id: 'redirects-rewrites',
    title: 'Redirects and rewrites',
    description: 'Bare domain to www, a moved page, path and Host rewrites.',
    load: () =>
      loadExample([
        import('../../../examples/redirects-rewrites.yaml?raw'),
        import('../../../examples/redirects-rewrites.tests.yaml?raw'),
        import('../../../examples/redirects-rewrites.request.json?raw'),
      ]),
  },
  {
    id: 'egress-service-entry',
    title: 'Egress through a ServiceEntry',
    description: 'Calls out of the mesh to external HTTP and TLS hosts.',
    load: () =>
      loadExample([
        import('../../../examples/egress-service-entry.yaml?raw'),
        import('../../../examples/egress-service-entry.tests.yaml?raw'),
        import('../../../examples/egress-service-entry.request.json?raw'),
      ]),
  },
  {
    id: 'shared-gateway-teams',
    title: 'A gateway shared by teams',
    description: "One Gateway; each team's VirtualService in its own namespace.",
    load: () =>
      loadExample([
        import('../../../examples/shared-gateway-teams.yaml?raw'),
        import('../../../examples/shared-gateway-teams.tests.yaml?raw'),
        import('../../../examples/shared-gateway-teams.request.json?raw'),
      ]),
  },
];
