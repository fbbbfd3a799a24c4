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
