/** One measured figure of `npm run bench`. */
export interface BenchResult {
  /** What was measured, e.g. `parse + model + topology, 1000 resources`. */
  readonly name: string;
  readonly value: number;
  /** `ms`, `req/s`, `ratio`, `KB`... */
  readonly unit: string;
  /** The budget in the same unit, and whether lower or higher is better. */
  readonly budget?: {
    readonly limit: number;
    readonly better: 'lower' | 'higher';
    readonly source: string;
  };
}

/** A benchmark module: `bench/<area>.ts` exports `run`, and can be run alone with `npx tsx`. */
export type BenchModule = { run: () => Promise<readonly BenchResult[]> };
