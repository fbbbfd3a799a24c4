/** Dates and times as staff in Unna read them: their language, the directory's time zone. */
export function dateTimeFormat(lang: string) {
  const f = new Intl.DateTimeFormat(lang, {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  });
  return (iso: string | null) => (iso ? f.format(new Date(iso)) : null);
}
