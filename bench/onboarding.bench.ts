// A municipality live in an hour (issue 15 §11, decision 097): the onboarding wizard's run-through
// on the demo files, timed per step on a throwaway PostgreSQL cluster — a new tenant and its first
// admin, Unna's seed template, the areas (GeoJSON import run), two offices with catchments, the
// organizations, the offers (CSV import run), coordinator and data-protection officer, the
// public contact, go-live. The machine's time only: the people's time (reading the wizard,
// preparing the files) is what the hour is for. Reports figures, asserts no timings.
import { RUN_STEPS, runOnboarding } from "../src/modules/demo/onboarding-run.ts";
import { fmt, onPostgres } from "./harness.ts";
import type { Bench, BenchRow } from "./types.ts";

const bench: Bench = {
  title: "Onboarding run-through (demo files)",
  async run(log) {
    return onPostgres(log, async ({ services }) => {
      const started = performance.now();
      const { ms } = await runOnboarding(services, { slug: "neustadt", name: "Neustadt (Bench)" });
      const total = performance.now() - started;
      log(`live after ${fmt(total / 1000, 2)} s`);
      const rows: BenchRow[] = RUN_STEPS.map((step) => ({
        metric: `step ${step}`,
        value: `${fmt(ms[step])} ms`,
      }));
      rows.push({ metric: "total, empty tenant → live", value: `${fmt(total / 1000, 2)} s` });
      return rows;
    });
  },
};
export default bench;
