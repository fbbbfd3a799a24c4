/** Time comes through this, so tests (and the retention run) can set it. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

/** A clock that tests move forward by hand. */
export function manualClock(start: Date): Clock & { set(d: Date): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (d) => {
      current = new Date(d);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/**
 * Browser tests only: a clock that reads the current time from a file (ISO date-time), so a
 * test can move the time of a running server (e.g. past a retention period) by rewriting it.
 * `runtime.ts` uses it only when NODE_ENV=test and LOTSE_TEST_CLOCK_FILE is set; an empty or
 * unreadable file means the real time.
 */
export function fileClock(file: string, readFile: (f: string) => string): Clock {
  return {
    now: () => {
      try {
        const d = new Date(readFile(file).trim());
        return Number.isNaN(d.getTime()) ? new Date() : d;
      } catch {
        return new Date();
      }
    },
  };
}
