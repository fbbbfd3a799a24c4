/**
 * A version of the pool's rules as the coordinator wrote it: paragraphs at blank lines
 * (decision 110). `lang`/`dir` name the text's language when it is not the page's (decision 125).
 */
export function RulesText({
  title,
  body,
  level = 2,
  lang,
  dir,
}: {
  title: string;
  body: string;
  level?: 2 | 3;
  lang?: string;
  dir?: "ltr" | "rtl";
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <article className="stack" lang={lang} dir={dir}>
      <Heading dir="auto">{title}</Heading>
      {body
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          // The text never changes for a version, so its position is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of an immutable text.
          <p key={i} dir="auto" style={{ whiteSpace: "pre-line" }}>
            {p}
          </p>
        ))}
    </article>
  );
}

/** A stored moment as a date in the pool's time zone (server and browser agree). */
export const poolDate = (iso: string, lang: string) =>
  new Date(iso).toLocaleDateString(lang, { timeZone: "Europe/Berlin" });
