import { formatPercent } from './compareOutcome';
import type { Outcome, Trace, TraceStep, TraceStepStatus } from './trace';

const STATUS_MARKS: Readonly<Record<TraceStepStatus, string>> = {
  matched: 'ok  ',
  failed: 'no  ',
  skipped: 'skip',
  info: '    ',
  unreached: '    ',
};

/** The text form of a trace the CLI prints: one line per step, then the outcome. */
export function formatTrace(trace: Trace): string {
  const lines: string[] = [];
  const request = trace.request;
  const where = request.port === null ? '' : `, port ${request.port}`;
  lines.push(`${request.method} ${request.url} (from ${request.from}${where})`);
  for (const [name, value] of request.headers) lines.push(`   ${name}: ${value}`);
  trace.steps.forEach((step, index) => {
    lines.push(formatStep(step, index + 1));
  });
  lines.push(`=> ${trace.summary}`);
  lines.push(...formatOutcome(trace.outcome).map((line) => `   ${line}`));
  return lines.join('\n');
}

function formatStep(step: TraceStep, number: number): string {
  const details: string[] = [];
  if (step.cluster !== undefined) details.push(`cluster ${step.cluster}`);
  if (step.share !== undefined) details.push(`${formatPercent(step.share)}% of requests`);
  if (step.probability !== undefined)
    details.push(`probability ${formatPercent(step.probability)}%`);
  if (step.before !== undefined && step.after !== undefined)
    details.push(`${step.before} -> ${step.after}`);
  if (step.flag !== undefined) details.push(`flag ${step.flag}`);
  if (step.workloads !== undefined) {
    details.push(
      step.workloads.length === 0 ? 'no endpoints' : `endpoints ${step.workloads.join(', ')}`,
    );
  }
  const source = step.source === undefined ? '' : ` (${step.source.file}:${step.source.line})`;
  const reach = step.status === 'unreached' ? ' (not reached)' : '';
  const head = `${String(number).padStart(3)}. ${STATUS_MARKS[step.status]} ${step.title}${reach}${source}`;
  const reason = step.reason === '' ? '' : `\n          ${step.reason}`;
  const extra = details.length === 0 ? '' : `\n          ${details.join('; ')}`;
  return head + reason + extra;
}

/** The outcome's keys that are set, one `key: value` line each, in route-test order. */
export function formatOutcome(outcome: Outcome): string[] {
  const lines: string[] = [];
  const put = (key: string, value: string | number | null): void => {
    if (value !== null) lines.push(`${key}: ${value}`);
  };
  put('gateway', outcome.gateway);
  put('virtualService', outcome.virtualService);
  put('route', outcome.route);
  if (outcome.destination !== null) {
    const destination = outcome.destination;
    put(
      'destination',
      `${destination.host} port ${destination.port}${destination.subset === null ? '' : ` subset ${destination.subset}`}`,
    );
  } else if (outcome.destinations !== null) {
    for (const destination of outcome.destinations) {
      const subset = destination.subset === null ? '' : ` subset ${destination.subset}`;
      put(
        'destinations',
        `${destination.host} port ${destination.port}${subset} weight ${formatPercent(destination.weight)}`,
      );
    }
  }
  if (outcome.redirect !== null)
    put('redirect', `${outcome.redirect.status} ${outcome.redirect.location}`);
  if (outcome.directResponse !== null) {
    put(
      'directResponse',
      `${outcome.directResponse.status} ${JSON.stringify(outcome.directResponse.body)}`,
    );
  }
  put('status', outcome.status);
  put('flag', outcome.flag);
  put('path', outcome.path);
  put('authority', outcome.authority);
  return lines;
}
