#!/usr/bin/env node
// Runs the TypeScript CLI in place through tsx, so `npx sailplan` needs no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../tsconfig.node.json', import.meta.url));
register({ tsconfig });

let cli;
try {
  cli = await import('../src/cli/main.ts');
} catch (error) {
  // A broken source tree is not the user's input: say so in one line, without a stack trace.
  process.stderr.write(
    `sailplan: cannot load the CLI: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));
