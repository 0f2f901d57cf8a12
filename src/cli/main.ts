import { parseArgs } from 'node:util';
import { runAnalyze } from './analyzeCommand';
import type { Output } from './io';
import { BadInput, PROCESS_OUTPUT } from './io';
import { runTest } from './testCommand';
import { runTrace } from './traceCommand';

/** The usage text of `sailplan --help`. */
export const USAGE = `Usage:
  sailplan test FILE... --tests TESTS.yaml
      Run the route tests of TESTS.yaml against the manifests in FILE...
      Exit status: 0 all pass, 1 a test failed, 2 bad input.
  sailplan trace FILE... --url URL [-X METHOD] [-H 'name: value']... [--from ingress|NS/label=value,...] [--json]
      Trace one request through the design, step by step.
      Exit status: 0 traced (whatever the outcome), 2 bad input.
  sailplan analyze FILE... [--json]
      Report validation and analysis messages.
      Exit status: 0 no errors, 1 errors found, 2 bad input.
`;

const OPTIONS = {
  tests: { type: 'string' },
  url: { type: 'string' },
  method: { type: 'string', short: 'X' },
  header: { type: 'string', short: 'H', multiple: true },
  from: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs `sailplan` with its arguments (without `node` and the script) and returns the exit status. */
export async function main(
  argv: readonly string[],
  output: Output = PROCESS_OUTPUT,
): Promise<number> {
  try {
    return await dispatch(argv, output);
  } catch (error) {
    if (error instanceof BadInput) {
      output.err(`sailplan: ${error.message}`);
      return 2;
    }
    // A failure of Sailplan itself: one line for the user, never a stack trace.
    output.err(
      `sailplan: internal error: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
}

async function dispatch(argv: readonly string[], output: Output): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new BadInput(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.help === true || command === undefined || command === 'help') {
    output.out(USAGE);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  const allowed: Readonly<Record<string, readonly string[]>> = {
    test: ['tests'],
    trace: ['url', 'method', 'header', 'from', 'json'],
    analyze: ['json'],
  };
  const allowedOptions = allowed[command];
  if (allowedOptions === undefined) throw new BadInput(`unknown command "${command}"\n${USAGE}`);
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && !allowedOptions.includes(name)) {
      throw new BadInput(`${command} does not take --${name}\n${USAGE}`);
    }
  }
  if (files.length === 0)
    throw new BadInput(`${command} needs at least one manifest FILE\n${USAGE}`);
  switch (command) {
    case 'test': {
      if (values.tests === undefined) throw new BadInput(`test needs --tests TESTS.yaml\n${USAGE}`);
      return runTest(files, values.tests, output);
    }
    case 'trace': {
      if (values.url === undefined) throw new BadInput(`trace needs --url URL\n${USAGE}`);
      return runTrace(
        files,
        {
          url: values.url,
          method: values.method,
          headers: values.header ?? [],
          from: values.from,
          json: values.json === true,
        },
        output,
      );
    }
    default:
      return runAnalyze(files, values.json === true, output);
  }
}
