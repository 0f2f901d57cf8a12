// `npm test`: every gate in order (type-check, lint, format, unit, e2e), stopping at the first
// failure. Each gate's outcome goes to test-results/gates.json for the CI summary.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const gates = ['typecheck', 'lint', 'format:check', 'test:unit', 'test:e2e'];
const results = [];
mkdirSync('test-results', { recursive: true });

let failed = false;
for (const gate of gates) {
  console.log(`\n▶ npm run ${gate}`);
  const started = Date.now();
  const run = spawnSync('npm', ['run', '--silent', gate], { stdio: 'inherit' });
  const ok = run.status === 0;
  results.push({ gate, ok, seconds: Math.round((Date.now() - started) / 100) / 10 });
  writeFileSync('test-results/gates.json', JSON.stringify(results, null, 2));
  if (!ok) {
    console.error(`\n✖ ${gate} failed: stopping here.`);
    failed = true;
    break;
  }
}
if (!failed) console.log('\n✔ every gate passed');
process.exit(failed ? 1 : 0);
