import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  buildTopology,
  checkImportedFile,
  decodeShareFragment,
  isRefused,
  loadDesign,
  parseRouteTests,
  planIntent,
  readyRequests,
  simulate,
  type Diagnostic,
  type Intent,
} from '../engine';
import { generateCase, GENERATOR_NAMES } from '../../tests/hostile/generate';

// The hostile corpus (tests/hostile/manifest.json) through the engine and the real CLI: every case
// ends in diagnostics that say where, never in a throw, a changed text, a polluted prototype or a
// stack trace.

interface ExpectedDiagnostic {
  readonly code: string;
  readonly line: number;
  /** The YAML path of the field, dot-separated (`spec.http.0.route`). */
  readonly path?: string;
  /** A part of the message. */
  readonly message?: string;
}

interface ExpectedRouteTestError {
  readonly line: number;
  readonly column: number;
  readonly field: string;
  readonly message: string;
}

interface ExpectedRun {
  readonly args: readonly string[];
  readonly exit: 0 | 1 | 2;
  readonly stdout?: readonly string[];
  readonly stderr?: readonly string[];
}

interface HostileCase {
  readonly id: string;
  readonly kind: 'design' | 'import' | 'route-tests' | 'share-link';
  readonly file?: string;
  readonly generate?: string;
  readonly extension?: string;
  readonly about: string;
  readonly app?: string;
  readonly expect: {
    readonly resources?: number;
    readonly unmodelled?: number;
    readonly diagnostics?: readonly ExpectedDiagnostic[];
    readonly import?: string;
    readonly errors?: readonly ExpectedRouteTestError[];
    readonly problem?: string;
    readonly message?: string;
    readonly trace?: { readonly url: string; readonly repeat: number; readonly header: string };
    readonly cli?: ExpectedRun;
  };
}

const corpus = fileURLToPath(new URL('../../tests/hostile/', import.meta.url));
const launcher = fileURLToPath(new URL('../../bin/sailplan.mjs', import.meta.url));
const seedDesign = fileURLToPath(new URL('../../examples/seed-ingress.yaml', import.meta.url));
const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as {
  readonly cases: readonly HostileCase[];
};
const workspace = mkdtempSync(join(tmpdir(), 'sailplan-hostile-'));

/** The case's file name: its own, or its id for a generated one. */
function fileNameOf(hostile: HostileCase): string {
  return hostile.file?.split('/').at(-1) ?? `${hostile.id}${hostile.extension ?? '.yaml'}`;
}

const made = new Map<string, string>();
/** The case written to disk (generated ones once), as the CLI is given it. */
function pathOf(hostile: HostileCase): string {
  if (hostile.file !== undefined) return join(corpus, hostile.file);
  const known = made.get(hostile.id);
  if (known !== undefined) return known;
  const path = join(workspace, fileNameOf(hostile));
  writeFileSync(path, generateCase(hostile.generate ?? ''));
  made.set(hostile.id, path);
  return path;
}

/** The case as text, decoded as the CLI decodes files (UTF-8, invalid bytes replaced). */
function textOf(hostile: HostileCase): string {
  return readFileSync(pathOf(hostile), 'utf8');
}

function dottedPath(diagnostic: Diagnostic): string | undefined {
  return diagnostic.path?.join('.');
}

/** Gestures tried on every resource: none may throw, whatever names the design holds. */
function intentsFor(key: string): Intent[] {
  return [
    { type: 'resource.rename', key, name: '__proto__' },
    { type: 'resource.setNamespace', key, namespace: 'constructor' },
    { type: 'resource.delete', key },
  ];
}

/** Own properties of Object.prototype before any case ran: a polluting case would add one. */
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

/** The longest a case may take through the engine or the CLI (the 5 MB paste, on a busy machine). */
const SLOW_CASE_MILLISECONDS = 300_000;
const CASE_MILLISECONDS = 60_000;
const timeoutOf = (hostile: HostileCase) =>
  hostile.id === 'paste-5mb' ? SLOW_CASE_MILLISECONDS : CASE_MILLISECONDS;

describe('the hostile corpus', () => {
  it('has a case for every file under tests/hostile and every generator', () => {
    const files = (directory: string): string[] =>
      readdirSync(directory).flatMap((name) => {
        const path = join(directory, name);
        return statSync(path).isDirectory() ? files(path) : [relative(corpus, path)];
      });
    const listed = new Set(manifest.cases.flatMap((hostile) => hostile.file ?? []));
    const unlisted = files(corpus).filter(
      (path) => path.includes('/') && !listed.has(path.split('\\').join('/')),
    );
    expect(unlisted).toEqual([]);
    const generated = new Set(manifest.cases.flatMap((hostile) => hostile.generate ?? []));
    expect(GENERATOR_NAMES.filter((name) => !generated.has(name))).toEqual([]);
  });
});

describe.each(
  manifest.cases.filter((hostile) => hostile.kind === 'design' || hostile.kind === 'import'),
)('the engine, given $id', (hostile) => {
  it(
    `reads it without a throw, keeps the text, and says where: ${hostile.about}`,
    () => {
      const name = fileNameOf(hostile);
      const text = textOf(hostile);
      const design = loadDesign([{ name, text }]);
      expect(design.files[0]?.text).toBe(text);
      // The analysis of a design of thousands of resources is the analyzer benchmark's business;
      // the model's own findings (syntax, limits, shapes) are what a large paste must report.
      const diagnostics = [
        ...design.model.diagnostics,
        ...(text.length < 1024 * 1024 ? analyze(design) : []),
      ];
      const { resources, unmodelled } = hostile.expect;
      if (resources !== undefined) expect(design.model.resources).toHaveLength(resources);
      if (unmodelled !== undefined) expect(design.model.unmodelled).toHaveLength(unmodelled);
      for (const wanted of hostile.expect.diagnostics ?? []) {
        const found = diagnostics.filter(
          (diagnostic) =>
            diagnostic.code === wanted.code &&
            diagnostic.range?.line === wanted.line &&
            (wanted.path === undefined || dottedPath(diagnostic) === wanted.path) &&
            (wanted.message === undefined || diagnostic.message.includes(wanted.message)),
        );
        expect(
          found,
          `${wanted.code} at ${name}:${wanted.line} among\n${diagnostics
            .map((d) => `${d.code} ${d.range?.line} ${dottedPath(d) ?? ''} ${d.message}`)
            .join('\n')}`,
        ).not.toEqual([]);
      }
      // Every finding names its file and line.
      for (const diagnostic of diagnostics) {
        expect(diagnostic.range?.file).toBe(name);
        expect(diagnostic.range?.line).toBeGreaterThanOrEqual(1);
      }
      if (hostile.expect.import !== undefined) {
        const imported = checkImportedFile(name, text);
        expect(imported.ok === false && imported.message).toContain(hostile.expect.import);
      }

      // Whatever the design holds, drawing it, simulating it and gesturing on it never throw.
      buildTopology(design.model);
      for (const ready of readyRequests(design.model).slice(0, 10)) simulate(design, ready.request);
      simulate(design, {
        url: 'http://__proto__/constructor?hasOwnProperty=1',
        headers: [['__proto__', 'x']],
      });
      for (const resource of design.model.resources.slice(0, 20)) {
        for (const intent of intentsFor(resource.key)) void isRefused(planIntent(design, intent));
      }
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();

      const trace = hostile.expect.trace;
      if (trace !== undefined) {
        const near = `${'ab '.repeat(2000)}!`;
        const start = performance.now();
        for (let run = 0; run < trace.repeat; run += 1) {
          const result = simulate(design, {
            url: `${trace.url}${'a'.repeat(5000)}!`,
            headers: [[trace.header, near]],
          });
          expect(result.outcome.destination).not.toBeNull();
        }
        // Backtracking would take exponential time in the input's length: RE2 takes milliseconds.
        expect(performance.now() - start).toBeLessThan(20_000);
      }
    },
    timeoutOf(hostile),
  );
});

describe.each(manifest.cases.filter((hostile) => hostile.kind === 'route-tests'))(
  'the route-test parser, given $id',
  (hostile) => {
    it(`refuses it naming each field with its line and column: ${hostile.about}`, () => {
      const name = fileNameOf(hostile);
      const result = parseRouteTests(textOf(hostile), name);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      for (const wanted of hostile.expect.errors ?? []) {
        expect(result.errors).toContainEqual(
          expect.objectContaining({
            file: name,
            line: wanted.line,
            column: wanted.column,
            field: wanted.field,
            message: expect.stringContaining(wanted.message),
          }),
        );
      }
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    });
  },
);

describe.each(manifest.cases.filter((hostile) => hostile.kind === 'share-link'))(
  'the share-link decoder, given $id',
  (hostile) => {
    it(`refuses it saying why: ${hostile.about}`, () => {
      const fragment = generateCase(hostile.generate ?? '');
      expect(typeof fragment).toBe('string');
      const decoded = decodeShareFragment(fragment as string);
      expect(decoded).toEqual({
        ok: false,
        problem: hostile.expect.problem,
        message: expect.stringContaining(hostile.expect.message ?? ''),
      });
    });
  },
);

/** Runs `node bin/sailplan.mjs` as a user would, with its exit status and both streams. */
function sailplan(args: readonly string[], timeout: number) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [launcher, ...args],
      { timeout, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

function argumentsFor(hostile: HostileCase, run: ExpectedRun): string[] {
  const [command = 'analyze', ...rest] = run.args;
  const path = pathOf(hostile);
  if (command === 'test') return ['test', seedDesign, '--tests', path, ...rest];
  return [command, path, ...rest];
}

describe.concurrent.each(manifest.cases.filter((hostile) => hostile.expect.cli !== undefined))(
  'the CLI, given $id',
  (hostile) => {
    const run = hostile.expect.cli as ExpectedRun;
    it(
      `ends with status ${run.exit} and a message, never a stack trace`,
      async () => {
        const result = await sailplan(argumentsFor(hostile, run), timeoutOf(hostile));
        expect(result.status, result.stderr).toBe(run.exit);
        for (const part of run.stdout ?? []) expect(result.stdout).toContain(part);
        for (const part of run.stderr ?? []) expect(result.stderr).toContain(part);
        if (run.exit === 2) expect(result.stderr).toMatch(/^sailplan: /m);
        expect(result.stderr).not.toMatch(/\n\s+at \S/);
        expect(result.stderr).not.toContain('internal error');
      },
      timeoutOf(hostile) + 10_000,
    );
  },
);
