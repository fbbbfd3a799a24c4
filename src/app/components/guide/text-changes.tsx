import type { DiffPart } from "#app/modules/guide/model.ts";

/**
 * The word changes to a German text since a translation was made (decisions 066, 115): added
 * words underlined (`ins`), removed ones struck through (`del`), so screen readers name them too.
 * Paragraphs of the readable text stay lines (`white-space: pre-line` on `.guide-diff`).
 */
export function TextChanges({ parts }: { parts: DiffPart[] }) {
  // Each part's offset in the combined text is its stable key.
  let offset = 0;
  const keyed = parts.map((p) => {
    const key = `${p.kind}-${offset}`;
    offset += p.text.length;
    return { ...p, key };
  });
  return (
    <p className="guide-diff" lang="de" dir="ltr">
      {keyed.map((p) =>
        p.kind === "added" ? (
          <ins key={p.key}>{p.text}</ins>
        ) : p.kind === "removed" ? (
          <del key={p.key}>{p.text}</del>
        ) : (
          <span key={p.key}>{p.text}</span>
        ),
      )}
    </p>
  );
}
