import type { ExpectedDestination, Expectation } from './routeTests';
import type { OutcomeDestination, Trace, WeightedOutcomeDestination } from './trace';

/** One key of `expect` that the trace does not satisfy. */
export interface OutcomeDifference {
  readonly key: keyof Expectation;
  /** What was expected and what happened, as short text. */
  readonly expected: string;
  readonly actual: string;
}

// Route tests compare split shares to a hundredth of a percent.
const WEIGHT_TOLERANCE = 0.01;

/**
 * Compares a trace with a route test's `expect` (route-tests.md): only the keys written are
 * checked; `null` means "none"; hosts are compared fully qualified and case-insensitively;
 * `destinations` is a set whose weights may differ by 0.01; `route` is the rule's index or name.
 */
export function compareOutcome(expect: Expectation, trace: Trace): readonly OutcomeDifference[] {
  const outcome = trace.outcome;
  const differences: OutcomeDifference[] = [];
  const check = (
    key: keyof Expectation,
    equal: boolean,
    expected: string,
    actual: string,
  ): void => {
    if (!equal) differences.push({ key, expected, actual });
  };
  if (expect.gateway !== undefined) {
    check(
      'gateway',
      expect.gateway === outcome.gateway,
      show(expect.gateway),
      show(outcome.gateway),
    );
  }
  if (expect.virtualService !== undefined) {
    check(
      'virtualService',
      expect.virtualService === outcome.virtualService,
      show(expect.virtualService),
      show(outcome.virtualService),
    );
  }
  if (expect.route !== undefined) {
    const rule = trace.rule;
    const actual =
      rule === null
        ? 'null'
        : rule.name === null
          ? String(rule.index)
          : `${rule.index} (${rule.name})`;
    let equal: boolean;
    if (expect.route === null) equal = rule === null;
    else if (typeof expect.route === 'number') equal = rule !== null && rule.index === expect.route;
    else equal = rule !== null && rule.name === expect.route;
    check('route', equal, show(expect.route), actual);
  }
  if (expect.destination !== undefined) {
    const actual = outcome.destination;
    const equal =
      expect.destination === null
        ? actual === null
        : actual !== null && destinationMatches(expect.destination, actual);
    const actualText =
      actual === null && (outcome.destinations?.length ?? 0) > 1
        ? `a split: ${showDestinations(outcome.destinations ?? [])}`
        : actual === null
          ? 'null'
          : showDestinations([{ ...actual, weight: 100 }]);
    check('destination', equal, showExpectedDestination(expect.destination), actualText);
  }
  if (expect.destinations !== undefined) {
    const actualList = outcome.destinations;
    const equal =
      expect.destinations === null
        ? actualList === null
        : actualList !== null && sameSet(expect.destinations, actualList);
    check(
      'destinations',
      equal,
      expect.destinations === null
        ? 'null'
        : expect.destinations.map(showExpectedDestination).join(', '),
      actualList === null ? 'null' : showDestinations(actualList),
    );
  }
  if (expect.redirect !== undefined) {
    const actual = outcome.redirect;
    const equal =
      expect.redirect === null
        ? actual === null
        : actual !== null &&
          (expect.redirect.status === undefined || expect.redirect.status === actual.status) &&
          (expect.redirect.location === undefined || expect.redirect.location === actual.location);
    check(
      'redirect',
      equal,
      expect.redirect === null ? 'null' : JSON.stringify(expect.redirect),
      actual === null ? 'null' : JSON.stringify(actual),
    );
  }
  if (expect.directResponse !== undefined) {
    const actual = outcome.directResponse;
    const equal =
      expect.directResponse === null
        ? actual === null
        : actual !== null &&
          (expect.directResponse.status === undefined ||
            expect.directResponse.status === actual.status) &&
          (expect.directResponse.body === undefined || expect.directResponse.body === actual.body);
    check(
      'directResponse',
      equal,
      expect.directResponse === null ? 'null' : JSON.stringify(expect.directResponse),
      actual === null ? 'null' : JSON.stringify(actual),
    );
  }
  if (expect.status !== undefined) {
    check('status', expect.status === outcome.status, show(expect.status), show(outcome.status));
  }
  if (expect.flag !== undefined) {
    check('flag', expect.flag === outcome.flag, show(expect.flag), show(outcome.flag));
  }
  if (expect.path !== undefined) {
    check('path', expect.path === outcome.path, show(expect.path), show(outcome.path));
  }
  if (expect.authority !== undefined) {
    check(
      'authority',
      expect.authority === outcome.authority,
      show(expect.authority),
      show(outcome.authority),
    );
  }
  return differences;
}

function destinationMatches(
  expected: ExpectedDestination,
  actual: OutcomeDestination | WeightedOutcomeDestination,
): boolean {
  if (expected.host.toLowerCase() !== actual.host.toLowerCase()) return false;
  if (expected.port !== undefined && expected.port !== actual.port) return false;
  if (expected.subset !== undefined && expected.subset !== actual.subset) return false;
  if (expected.weight !== undefined && 'weight' in actual) {
    return Math.abs(expected.weight - actual.weight) <= WEIGHT_TOLERANCE;
  }
  return true;
}

/** Each expected destination pairs with a distinct actual one (a small bipartite matching). */
function sameSet(
  expected: readonly ExpectedDestination[],
  actual: readonly WeightedOutcomeDestination[],
): boolean {
  if (expected.length !== actual.length) return false;
  const used = new Array<boolean>(actual.length).fill(false);
  const assign = (index: number): boolean => {
    const wanted = expected[index];
    if (wanted === undefined) return true;
    for (let candidate = 0; candidate < actual.length; candidate += 1) {
      const destination = actual[candidate];
      if (used[candidate] || destination === undefined || !destinationMatches(wanted, destination))
        continue;
      used[candidate] = true;
      if (assign(index + 1)) return true;
      used[candidate] = false;
    }
    return false;
  };
  return assign(0);
}

function show(value: string | number | null): string {
  return value === null
    ? 'null'
    : typeof value === 'number'
      ? String(value)
      : JSON.stringify(value);
}

function showExpectedDestination(destination: ExpectedDestination | null): string {
  if (destination === null) return 'null';
  const parts = [destination.host];
  if (destination.port !== undefined) parts.push(`port ${destination.port}`);
  if (destination.subset !== undefined)
    parts.push(destination.subset === null ? 'no subset' : `subset ${destination.subset}`);
  if (destination.weight !== undefined) parts.push(`${destination.weight}%`);
  return parts.join(' ');
}

function showDestinations(destinations: readonly WeightedOutcomeDestination[]): string {
  if (destinations.length === 0) return 'none';
  return destinations
    .map((destination) => {
      const subset = destination.subset === null ? '' : ` subset ${destination.subset}`;
      return `${destination.host} port ${destination.port}${subset} ${formatPercent(destination.weight)}%`;
    })
    .join(', ');
}

/** A percentage with at most two decimals (`33.33`, `75`). */
export function formatPercent(value: number): string {
  return String(Math.round(value * 100) / 100);
}
