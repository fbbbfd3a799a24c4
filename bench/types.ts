/** A benchmark file (bench/*.bench.ts) default-exports one of these; bench/run.ts runs them in sequence. */
export type BenchRow = { metric: string; value: string; note?: string };
export type Bench = {
  title: string;
  /** `log` prints progress lines; the returned rows go into the summary table. */
  run(log: (line: string) => void): Promise<BenchRow[]>;
};
