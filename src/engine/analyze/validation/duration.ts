/**
 * Durations as Istio's CRDs take them (`10s`, `1.5s`, `100ms`, `1m30s`: Go duration syntax) and the
 * webhook's ValidateDuration (at least 1ms, whole milliseconds).
 */

const UNIT_NANOSECONDS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const DURATION_PART = /([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/y;

/** Nanoseconds of a Go-style duration string, or undefined when it does not parse. */
export function parseDurationNanoseconds(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  let position = 0;
  while (position < rest.length) {
    DURATION_PART.lastIndex = position;
    const part = DURATION_PART.exec(rest);
    if (part === null) return undefined;
    const [whole, amount = '', unit = ''] = part;
    if (amount === '' || amount === '.') return undefined;
    const factor = UNIT_NANOSECONDS[unit];
    if (factor === undefined) return undefined;
    total += Math.round(Number(amount) * factor);
    position += whole.length;
  }
  return sign * total;
}

/** The webhook's duration check: the message, or undefined when the duration is acceptable. */
export function validateDuration(text: string): string | undefined {
  const nanoseconds = parseDurationNanoseconds(text);
  if (nanoseconds === undefined) return `time: invalid duration ${JSON.stringify(text)}`;
  if (nanoseconds < 1e6) return 'duration must be greater than 1ms';
  if (nanoseconds % 1e6 !== 0) return 'only durations to ms precision are supported';
  return undefined;
}
