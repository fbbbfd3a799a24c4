import { Form, Link } from "react-router";
import type { PlacementView } from "#app/modules/accommodation/housing.contracts.ts";
import { dayOrToday } from "#app/modules/accommodation/housing-model.ts";
import { TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/residents";

/**
 * The placement list over every accommodation (Belegungsliste) for the housing coordinator
 * (decision 081): the stays running on the day or starting later, without the case file.
 * A GET form, so it works without JavaScript.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const day = dayOrToday(new URL(request.url).searchParams.get("on"), ctx.services.core.clock.now());
  const list = await ctx.services.accommodation.placements.roster(principal, day, {
    requestId: ctx.requestId,
  });
  return { day, list };
}

export default function Residents({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { day, list } = loaderData as { day: string; list: PlacementView[] };
  return (
    <>
      <h1>{t("accommodation.roster_title")}</h1>
      <p>{t("accommodation.roster_intro")}</p>
      <p>
        <Link to="/staff/accommodation/housing">{t("accommodation.housing_back")}</Link>
      </p>
      <Form method="get" aria-label={t("accommodation.housing_on")}>
        <TextField name="on" type="date" label={t("accommodation.housing_on")} defaultValue={day} />
        <button type="submit">{t("accommodation.housing_show")}</button>
      </Form>
      {list.length ? (
        <table>
          <caption>{t("accommodation.roster_caption", { day })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accommodation.housing_name")}</th>
              <th scope="col">{t("accommodation.residents_case")}</th>
              <th scope="col">{t("accommodation.residents_persons")}</th>
              <th scope="col">{t("accommodation.residents_room")}</th>
              <th scope="col">{t("accommodation.residents_move_in")}</th>
              <th scope="col">{t("accommodation.residents_move_out")}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/staff/accommodation/housing/${p.accommodationId}`}>{p.accommodationName}</Link>
                </td>
                <th scope="row">{p.caseReference}</th>
                <td>{p.persons}</td>
                <td>
                  {p.rooms.length
                    ? p.rooms
                        .map((r) =>
                          t("accommodation.residents_room_share", { name: r.name, persons: r.persons }),
                        )
                        .join(", ")
                    : (p.room ?? "–")}
                </td>
                <td>{p.moveIn}</td>
                <td>{p.moveOut ?? t("accommodation.residents_open")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("accommodation.roster_empty")}</p>
      )}
    </>
  );
}
