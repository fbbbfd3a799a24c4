import { timeRangeParts } from "./format.ts";

/**
 * When an event takes place, as the reader's locale writes a range (`formatRange`), in a `<bdi>`
 * so digits, "م" and the dash keep their order in right-to-left pages (decision 094). The start's
 * and the end's parts are `<time>` elements; an event without a (later) end shows its start only.
 */
export function TimeRange({ lang, start, end }: { lang: string; start: Date; end: Date | null }) {
  const parts = timeRangeParts(lang, start, end);
  return (
    <bdi className="time-range">
      {parts.map((p, i) =>
        p.source === "shared" ? (
          p.text
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one formatted range, in order.
          <time key={i} dateTime={(p.source === "endRange" && end ? end : start).toISOString()}>
            {p.text}
          </time>
        ),
      )}
    </bdi>
  );
}
