import { useT } from "../i18n.tsx";
import { isolate } from "./offers/format.ts";

/**
 * The parts of a conflict every staff view shows the same way (the contact point's detail page,
 * the moderation queue, a mediator's own view): where it is, who is involved, what happened and
 * what was tried. Area, place and the reporter's texts are isolated for right-to-left pages.
 */
export function ConflictWhere({ areaName, place }: { areaName: string | null; place: string | null }) {
  return (
    <>
      {areaName ? <bdi>{areaName}</bdi> : "—"}
      {place ? (
        <>
          {" · "}
          <bdi>{place}</bdi>
        </>
      ) : null}
    </>
  );
}

/** The area (with the place) and the kind as rows of a facts list. */
export function ConflictWhereRows(c: { areaName: string | null; place: string | null; kind: string }) {
  const t = useT();
  return (
    <>
      <dt>{t("conflicts.col_area")}</dt>
      <dd>
        <ConflictWhere areaName={c.areaName} place={c.place} />
      </dd>
      <dt>{t("conflicts.kind")}</dt>
      <dd>{t(`conflicts.kind_${c.kind}`)}</dd>
    </>
  );
}

/** The parties, by their pseudonyms. */
export function ConflictParties({ parties }: { parties: readonly string[] }) {
  return parties.length ? parties.map(isolate).join(", ") : "—";
}

/**
 * The description, what was tried and, for the contact point only, the protected details, each
 * under a heading of the given level (h2 on a conflict's page, h3 inside a list's section).
 */
export function ConflictNarrative({
  description,
  tried,
  protectedDetails,
  level,
}: {
  description: string;
  tried: string | null;
  protectedDetails?: string | null;
  level: 2 | 3;
}) {
  const t = useT();
  const H = level === 2 ? "h2" : "h3";
  const block = (label: string, text: string) => (
    <>
      <H>{label}</H>
      <p className="prewrap" dir="auto">
        {text}
      </p>
    </>
  );
  return (
    <>
      {block(t("conflicts.description_label"), description)}
      {tried ? block(t("conflicts.tried_label"), tried) : null}
      {protectedDetails ? block(t("conflicts.protected"), protectedDetails) : null}
    </>
  );
}
