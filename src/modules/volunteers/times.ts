/** The pool's wall clock: dates and times of conversations are Unna's local time. */
export const POOL_TIME_ZONE = "Europe/Berlin";

/** The instant a conversation starts: its date and minute in the pool's time zone. */
export function startsAt(date: string, minute: number): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  guess.setUTCMinutes(minute);
  const local = new Date(guess.toLocaleString("en-US", { timeZone: POOL_TIME_ZONE }));
  const utc = new Date(guess.toLocaleString("en-US", { timeZone: "UTC" }));
  return new Date(guess.getTime() - (local.getTime() - utc.getTime()));
}
