import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLoad, meetsBudget } from './measure';
import type { BenchResult } from './types';

/** Where the results are kept: `latest.*` and a dated copy of each. */
export const RESULTS_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), 'results');

/** A result as saved: with whether it met its budget. */
export interface SavedResult extends BenchResult {
  readonly met?: boolean;
}

/** A table of figures (the engine's stages by design size, the browser's journeys). */
export interface BenchTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** How to read the table: what was measured and how. */
  readonly notes: readonly string[];
}

/** The machine while a benchmark ran: it is shared, and its load says how far to trust a figure. */
export interface MachineState {
  readonly cpus: number;
  /** Load averages (1, 5, 15 minutes) when the run started and when it ended. */
  readonly loadAtStart: readonly number[];
  readonly loadAtEnd: readonly number[];
}

/** What one benchmark command measured. */
export interface BenchSection {
  readonly title: string;
  readonly command: string;
  readonly measuredAt: string;
  /** The commit measured, and whether the working tree had changes on top of it. */
  readonly commit: string;
  readonly runtime: string;
  readonly durationSeconds: number;
  readonly machine: MachineState;
  readonly tables: readonly BenchTable[];
  readonly results: readonly SavedResult[];
}

/** `bench/results/latest.json`: the latest section of each benchmark command. */
export interface BenchReport {
  readonly engine?: BenchSection;
  readonly browser?: BenchSection;
}

/** The commit of the working tree, marked when it has changes on top (other engineers' work in progress). */
export function describeCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
    // The results written by the other bench are not a change to what is measured.
    const changes = execFileSync(
      'git',
      ['status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)bench/results'],
      { encoding: 'utf8' },
    ).trim();
    return changes === '' ? commit : `${commit} + uncommitted changes`;
  } catch {
    return 'unknown';
  }
}

/** Starts timing a benchmark command: call the result when it ends for its section's header. */
export function startSection(title: string, command: string) {
  const startedAt = new Date();
  const loadAtStart = machineLoad();
  return (
    tables: readonly BenchTable[],
    results: readonly BenchResult[],
    runtime: string,
  ): BenchSection => ({
    title,
    command,
    measuredAt: startedAt.toISOString(),
    commit: describeCommit(),
    runtime,
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: {
      cpus: loadAtStart.cpus,
      loadAtStart: loadAtStart.loadAverage,
      loadAtEnd: machineLoad().loadAverage,
    },
    tables,
    results: results.map((result) => {
      const met = meetsBudget(result);
      return met === undefined ? result : { ...result, met };
    }),
  });
}

function readReport(path: string): BenchReport {
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BenchReport;
  } catch {
    return {};
  }
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function markdownTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}

function formatValue(result: BenchResult): string {
  return `${result.value.toLocaleString('en-US')} ${result.unit}`;
}

function formatLimit(result: BenchResult): string {
  if (result.budget === undefined) return '';
  const { limit, better } = result.budget;
  return `${better === 'lower' ? '≤' : '≥'} ${limit.toLocaleString('en-US')} ${result.unit}`;
}

function sectionMarkdown(section: BenchSection): string {
  const { machine } = section;
  const parts = [
    `## ${section.title} (\`${section.command}\`)`,
    `Measured ${section.measuredAt.replace('T', ' ').slice(0, 16)} UTC on ${section.commit}, ` +
      `${section.runtime}, in ${section.durationSeconds} s. Machine: ${machine.cpus} CPUs, load ` +
      `average ${machine.loadAtStart.join(' / ')} (1 / 5 / 15 min) at the start and ` +
      `${machine.loadAtEnd.join(' / ')} at the end.`,
  ];
  for (const table of section.tables) {
    parts.push(`### ${table.title}`, markdownTable(table.columns, table.rows));
    if (table.notes.length > 0) parts.push(table.notes.map((note) => `- ${note}`).join('\n'));
  }
  const budgets = section.results.filter((result) => result.budget !== undefined);
  if (budgets.length > 0) {
    parts.push(
      '### Budgets',
      markdownTable(
        ['Budget', 'Measured', 'Limit', 'Verdict', 'Source'],
        budgets.map((result) => [
          result.name,
          formatValue(result),
          formatLimit(result),
          result.met === true ? 'met' : '**missed**',
          result.budget?.source ?? '',
        ]),
      ),
    );
  }
  const others = section.results.filter((result) => result.budget === undefined);
  if (others.length > 0) {
    parts.push(
      '### Other figures',
      markdownTable(
        ['Figure', 'Value'],
        others.map((result) => [result.name, formatValue(result)]),
      ),
    );
  }
  return parts.join('\n\n');
}

/** The whole report as markdown: each command's section, engine first. */
export function reportMarkdown(report: BenchReport): string {
  const sections = [report.engine, report.browser].filter(
    (section): section is BenchSection => section !== undefined,
  );
  return `${[
    '# Sailplan benchmarks',
    'The latest results of `npm run bench` (the engine, in Node) and `npm run bench:browser` ' +
      '(the production build in headless Chromium). Budgets come from GitHub issue 9 and the ' +
      'issues it gathers; they are reported as met or missed, never as failing tests. The ' +
      'machines are shared with other jobs: each section says what the load was.',
    ...sections.map(sectionMarkdown),
  ].join('\n\n')}\n`;
}

/**
 * Saves one command's section into `latest.json` (keeping the other command's section), renders
 * `latest.md` from both, and writes a copy of each under today's date.
 */
export function saveSection(key: keyof BenchReport, section: BenchSection): string {
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const latestJson = join(RESULTS_DIRECTORY, 'latest.json');
  const report: BenchReport = { ...readReport(latestJson), [key]: section };
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const markdown = reportMarkdown(report);
  const date = section.measuredAt.slice(0, 10);
  writeFileSync(latestJson, json);
  writeFileSync(join(RESULTS_DIRECTORY, 'latest.md'), markdown);
  writeFileSync(join(RESULTS_DIRECTORY, `${date}.json`), json);
  writeFileSync(join(RESULTS_DIRECTORY, `${date}.md`), markdown);
  return join(RESULTS_DIRECTORY, 'latest.md');
}
