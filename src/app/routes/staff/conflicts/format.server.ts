/** Dates and times as staff in Unna read them: their language, the directory's time zone. */
export function dateTimeFormat(lang: string) {
  const f = new Intl.DateTimeFormat(lang, {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  });
  return (iso: string | null) => (iso ? f.format(new Date(iso)) : null);
}

/** A calendar day (YYYY-MM-DD) in the reader's language. */
export function dayFormat(lang: string) {
  const f = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
  return (day: string) => f.format(new Date(`${day}T00:00:00Z`));
}
