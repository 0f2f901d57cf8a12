import type { Request, RequestSource } from '../engine';
import { formatTrace, loadDesign, parseRequest, simulate } from '../engine';
import type { Output } from './io';
import { BadInput, diagnosticPlace, readSources, splitDiagnostics } from './io';

/** The options of `sailplan trace`. */
export interface TraceArguments {
  readonly url: string;
  readonly method: string | undefined;
  /** `name: value` strings as given with -H. */
  readonly headers: readonly string[];
  /** `ingress` or `NS/label=value,...`. */
  readonly from: string | undefined;
  readonly json: boolean;
}

/** `sailplan trace FILE... --url URL ...`: the steps, or one JSON object with --json. */
export function runTrace(
  files: readonly string[],
  options: TraceArguments,
  output: Output,
): number {
  const request: Request = {
    url: options.url,
    ...(options.method === undefined ? {} : { method: options.method }),
    headers: options.headers.map(parseHeader),
    from: parseFrom(options.from),
  };
  const parsedRequest = parseRequest(request);
  if (!parsedRequest.ok) throw new BadInput(parsedRequest.error);
  const design = loadDesign(readSources(files));
  const { fatal, other } = splitDiagnostics(design.model.diagnostics);
  for (const diagnostic of fatal)
    output.err(`${diagnosticPlace(diagnostic)}: ${diagnostic.message}`);
  if (fatal.length > 0) throw new BadInput('the manifests are not valid YAML');
  for (const diagnostic of other) {
    output.err(
      `${diagnostic.level}: ${diagnosticPlace(diagnostic)}: [${diagnostic.code}] ${diagnostic.message}`,
    );
  }
  const trace = simulate(design, request);
  output.out(options.json ? JSON.stringify(trace, null, 2) : formatTrace(trace));
  return 0;
}

function parseHeader(text: string): readonly [string, string] {
  // A pseudo-header name starts with ':', so look for the separator after the first character.
  const colon = text.indexOf(':', 1);
  if (colon < 0) throw new BadInput(`header "${text}" is not of the form 'name: value'`);
  const name = text.slice(0, colon).trim();
  if (name === '') throw new BadInput(`header "${text}" has no name`);
  return [name, text.slice(colon + 1).trim()];
}

/** Parses `--from`: `ingress`, or `NS/label=value,...` for a workload inside the mesh. */
export function parseFrom(text: string | undefined): RequestSource {
  if (text === undefined || text === 'ingress') return 'ingress';
  const slash = text.indexOf('/');
  // A word alone is more likely a misspelt `ingress` than a namespace: `NS/` says it is one.
  if (slash < 0) throw new BadInput(`--from "${text}" is neither ingress nor NS/label=value,...`);
  const namespace = text.slice(0, slash).trim();
  if (namespace === '')
    throw new BadInput(`--from "${text}" needs a namespace: NS/label=value,...`);
  const labels: Record<string, string> = {};
  const labelText = text.slice(slash + 1);
  for (const pair of labelText.split(',')) {
    if (pair.trim() === '') continue;
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new BadInput(`--from label "${pair}" is not of the form label=value`);
    labels[pair.slice(0, equals).trim()] = pair.slice(equals + 1).trim();
  }
  return { namespace, labels };
}
