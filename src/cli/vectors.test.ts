import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from './main';

// Every routing vector of routing-vectors.md, run through the CLI exactly as a user would:
// `sailplan test V.yaml --tests V.tests.yaml` and `sailplan analyze V.yaml --json`. The command
// line's own entry point (`main`, what bin/sailplan.mjs runs) with its arguments, in this process:
// a Node process per vector cost more than all the vectors' routing. One vector also goes through
// the launcher in a process of its own, as `npx sailplan` does.

const root = fileURLToPath(new URL('../../', import.meta.url));
const vectorsDirectory = join(root, 'tests', 'vectors');
const launcher = join(root, 'bin', 'sailplan.mjs');

interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function sailplan(args: readonly string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(args, {
    out: (text) => out.push(`${text}\n`),
    err: (text) => err.push(`${text}\n`),
  });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

function filesEndingWith(suffix: string): string[] {
  return readdirSync(vectorsDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((directory) =>
      readdirSync(join(vectorsDirectory, directory.name))
        .filter((name) => name.endsWith(suffix))
        .map((name) => join(vectorsDirectory, directory.name, name)),
    )
    .sort();
}

function manifestOf(path: string, suffix: string): string {
  return `${path.slice(0, -suffix.length)}.yaml`;
}

const testFiles = filesEndingWith('.tests.yaml');
const analyzeFiles = filesEndingWith('.analyze.yaml');
const timeout = 120_000;

describe('routing vectors: route tests through `sailplan test`', () => {
  it('runs a vector through the launcher in a process of its own, as npx does', async () => {
    const tests = join(vectorsDirectory, 'A-gateways', 'V01.tests.yaml');
    const { stdout } = await promisify(execFile)(process.execPath, [
      launcher,
      'test',
      manifestOf(tests, '.tests.yaml'),
      '--tests',
      tests,
    ]);
    const count = (parse(readFileSync(tests, 'utf8')) as { tests: unknown[] }).tests.length;
    expect(stdout.trim().split('\n').at(-1)).toBe(`${count} passed, 0 failed`);
  });

  it('finds a manifest and tests for every vector V01-V69', () => {
    const covered = new Set(testFiles.map((path) => /V(\d\d)/.exec(path)?.[1]));
    for (let number = 1; number <= 69; number += 1)
      expect(covered).toContain(String(number).padStart(2, '0'));
    for (const path of testFiles) expect(existsSync(manifestOf(path, '.tests.yaml'))).toBe(true);
  });

  it.each(testFiles.map((path) => [relative(vectorsDirectory, path), path] as const))(
    '%s passes',
    async (_name, path) => {
      const manifest = manifestOf(path, '.tests.yaml');
      const count = (parse(readFileSync(path, 'utf8')) as { tests: unknown[] }).tests.length;
      const result = await sailplan(['test', manifest, '--tests', path]);
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect(result.stdout.trim().split('\n').at(-1)).toBe(`${count} passed, 0 failed`);
    },
    timeout,
  );
});

interface ExpectedMessage {
  readonly code?: string;
  readonly resource?: string;
  readonly message?: string;
}

interface AnalyzeExpectation {
  readonly status: number;
  readonly messages?: readonly ExpectedMessage[];
  readonly absent?: readonly ExpectedMessage[];
}

interface ReportedDiagnostic {
  readonly code: string;
  readonly resource?: string;
  readonly message: string;
}

function fits(expected: ExpectedMessage, reported: ReportedDiagnostic): boolean {
  return (
    (expected.code === undefined || expected.code === reported.code) &&
    (expected.resource === undefined || expected.resource === reported.resource) &&
    (expected.message === undefined || reported.message.includes(expected.message))
  );
}

describe('validation vectors: analyzer messages through `sailplan analyze --json`', () => {
  it('finds analyze expectations for every validation vector V70-V77', () => {
    const covered = new Set(analyzeFiles.map((path) => /V(\d\d)/.exec(path)?.[1]));
    for (let number = 70; number <= 77; number += 1) expect(covered).toContain(String(number));
  });

  it.each(analyzeFiles.map((path) => [relative(vectorsDirectory, path), path] as const))(
    '%s reports what the webhook says',
    async (_name, path) => {
      const expectation = parse(readFileSync(path, 'utf8')) as AnalyzeExpectation;
      const result = await sailplan(['analyze', manifestOf(path, '.analyze.yaml'), '--json']);
      expect(result.status, result.stderr).toBe(expectation.status);
      const reported = JSON.parse(result.stdout) as ReportedDiagnostic[];
      for (const expected of expectation.messages ?? []) {
        expect(
          reported.some((diagnostic) => fits(expected, diagnostic)),
          `missing ${JSON.stringify(expected)}`,
        ).toBe(true);
      }
      for (const unwanted of expectation.absent ?? []) {
        expect(
          reported.filter((diagnostic) => fits(unwanted, diagnostic)),
          `unexpected ${JSON.stringify(unwanted)}`,
        ).toEqual([]);
      }
    },
    timeout,
  );
});
