import {
  ConflictNarrative,
  ConflictParties,
  ConflictWhereRows,
} from "../../../components/conflict-description.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/mediations";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return ctx.services.conflicts.myMediations(requirePrincipal(ctx), ctx.requestId);
}

/**
 * A volunteer mediator's own conflicts (decision 113): only those the log names them in, while
 * open; pseudonyms, no protected details. The contact point hands over contacts in person.
 */
export default function MyMediations({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { mediator, items } = loaderData;
  return (
    <>
      <h1>{t("conflicts.mediations_title")}</h1>
      {mediator ? <p>{t("conflicts.mediations_intro")}</p> : <p>{t("conflicts.mediations_no_profile")}</p>}
      {mediator && items.length === 0 ? <p>{t("conflicts.mediations_none")}</p> : null}
      {items.map((c) => (
        <section key={c.reference} aria-labelledby={`m-${c.reference}`}>
          <h2 id={`m-${c.reference}`}>{t("conflicts.detail_title", { reference: c.reference })}</h2>
          <dl className="facts">
            <dt>{t("conflicts.col_state")}</dt>
            <dd>{t(`conflicts.state_${c.state}`)}</dd>
            <ConflictWhereRows areaName={c.areaName} place={c.place} kind={c.kind} />
            <dt>{t("conflicts.parties_label")}</dt>
            <dd>
              <ConflictParties parties={c.parties} />
            </dd>
            <dt>{t("conflicts.handler")}</dt>
            <dd>{c.handlerName ? <bdi>{c.handlerName}</bdi> : t("conflicts.unassigned")}</dd>
          </dl>
          <ConflictNarrative description={c.description} tried={c.tried} level={3} />
          <div className="table-wrap">
            <table>
              <caption>{t("conflicts.mediations_entries_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("conflicts.log_kind")}</th>
                  <th scope="col">{t("conflicts.mediations_day")}</th>
                  <th scope="col">{t("conflicts.log_text")}</th>
                </tr>
              </thead>
              <tbody>
                {c.entries.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id in this view and never reorder
                  <tr key={i}>
                    <td>{t(`conflicts.log_kind_${e.kind}`)}</td>
                    <td>
                      {e.happenedOn ?? "—"}
                      {e.reviewOn ? ` · ${t("conflicts.log_review_on")}: ${e.reviewOn}` : ""}
                    </td>
                    <td className="prewrap" dir="auto">
                      {e.text}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
