import { data, Form, Link } from "react-router";
import {
  type AccommodationView,
  createAccommodationInput,
} from "#app/modules/accommodation/housing.contracts.ts";
import { ACCOMMODATION_KINDS, dayOrToday } from "#app/modules/accommodation/housing-model.ts";
import { parseGermanNumber } from "#app/modules/accommodation/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { Checkbox, ErrorSummary, Notice, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/housing";

export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const day = dayOrToday(new URL(request.url).searchParams.get("on"), ctx.services.core.clock.now());
  const list = await ctx.services.accommodation.accommodations.list({ kind: "user", principal }, day);
  return {
    day,
    list,
    canManage: can(principal, "accommodation.manage"),
    canPlace: can(principal, "accommodation.place"),
    canRoster: can(principal, "accommodation.residents"),
  };
}

type ActionResult = { ok: true } | { ok: false; errors: FormErrors };

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "accommodation.manage");
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const result = await formAction(ctx.t, () =>
    ctx.services.accommodation.accommodations.create(
      { kind: "user", principal },
      parseInput(createAccommodationInput, {
        name: str("name"),
        kind: str("kind"),
        address: str("address"),
        lon: parseGermanNumber(str("lon")),
        lat: parseGermanNumber(str("lat")),
        places: parseGermanNumber(str("places")),
        accessible: form.get("accessible") === "on",
        operator: str("operator"),
        contact: str("contact"),
        opensOn: str("opensOn"),
        closesOn: str("closesOn"),
      }),
      ctx.requestId,
    ),
  );
  if (!("data" in result)) return { ok: true } satisfies ActionResult;
  return data(result.data satisfies ActionResult, result.init ?? undefined);
}

export default function Housing({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { day, list, canManage, canPlace, canRoster } = loaderData as {
    day: string;
    list: AccommodationView[];
    canManage: boolean;
    canPlace: boolean;
    canRoster: boolean;
  };
  const result = actionData as ActionResult | undefined;
  const errors = result && !result.ok ? result.errors : undefined;
  const sum = (k: "places" | "occupied" | "reserved" | "free") =>
    list.reduce((n, a) => n + a.occupancy[k], 0);
  return (
    <>
      <h1>{t("accommodation.housing_title")}</h1>
      <p>{t("accommodation.housing_intro")}</p>
      <p>
        <Link to="/staff/accommodation/compare">{t("accommodation.compare_link")}</Link>
      </p>
      {canPlace && (
        <p>
          <Link to="/staff/accommodation/proposal">{t("accommodation.proposal_link")}</Link>
        </p>
      )}
      {canRoster && (
        <p>
          <Link to="/staff/accommodation/residents">{t("accommodation.roster_link")}</Link>
        </p>
      )}
      <Form method="get" aria-label={t("accommodation.housing_on")}>
        <TextField name="on" type="date" label={t("accommodation.housing_on")} defaultValue={day} />
        <button type="submit">{t("accommodation.housing_show")}</button>
      </Form>
      {list.length ? (
        <table>
          <caption>{t("accommodation.housing_caption", { day })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accommodation.housing_name")}</th>
              <th scope="col">{t("accommodation.housing_kind")}</th>
              <th scope="col">{t("accommodation.housing_area")}</th>
              <th scope="col">{t("accommodation.housing_places")}</th>
              <th scope="col">{t("accommodation.housing_occupied")}</th>
              <th scope="col">{t("accommodation.housing_reserved")}</th>
              <th scope="col">{t("accommodation.housing_free")}</th>
              <th scope="col">{t("accommodation.housing_accessible")}</th>
              <th scope="col">{t("accommodation.housing_operator")}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link to={`/staff/accommodation/housing/${a.id}`}>{a.name}</Link>
                </th>
                <td>{t(`accommodation.kind_${a.kind}`)}</td>
                <td>{a.areaName}</td>
                <td>{a.occupancy.places}</td>
                <td>{a.occupancy.occupied}</td>
                <td>{a.occupancy.reserved}</td>
                <td>{a.occupancy.free}</td>
                <td>{a.accessible ? t("accommodation.yes") : t("accommodation.no")}</td>
                <td>{a.operator ?? "–"}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t("accommodation.housing_total")}
              </th>
              <td>{sum("places")}</td>
              <td>{sum("occupied")}</td>
              <td>{sum("reserved")}</td>
              <td>{sum("free")}</td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </table>
      ) : (
        <p>{t("accommodation.housing_empty")}</p>
      )}
      {canManage && (
        <Form method="post" noValidate aria-labelledby="housing-add">
          <h2 id="housing-add">{t("accommodation.housing_add")}</h2>
          {result?.ok && <Notice kind="success">{t("accommodation.housing_added")}</Notice>}
          <ErrorSummary errors={errors} />
          <TextField
            id="housing-name"
            name="name"
            label={t("accommodation.housing_name")}
            errors={errors}
            required
          />
          <Select
            name="kind"
            label={t("accommodation.housing_kind")}
            options={ACCOMMODATION_KINDS.map((k) => ({ value: k, label: t(`accommodation.kind_${k}`) }))}
            errors={errors}
            required
          />
          <TextField name="address" label={t("accommodation.housing_address")} errors={errors} required />
          <TextField
            name="lat"
            label={t("accommodation.site_lat")}
            inputMode="decimal"
            errors={errors}
            required
          />
          <TextField
            name="lon"
            label={t("accommodation.site_lon")}
            inputMode="decimal"
            errors={errors}
            required
          />
          <TextField
            name="places"
            label={t("accommodation.housing_places")}
            inputMode="numeric"
            errors={errors}
            required
          />
          <Checkbox name="accessible" label={t("accommodation.housing_accessible")} />
          <TextField name="operator" label={t("accommodation.housing_operator")} errors={errors} />
          <TextField name="contact" label={t("accommodation.housing_contact")} errors={errors} />
          <TextField
            name="opensOn"
            type="date"
            label={t("accommodation.housing_opens")}
            errors={errors}
            required
          />
          <TextField name="closesOn" type="date" label={t("accommodation.housing_closes")} errors={errors} />
          <button type="submit">{t("accommodation.housing_submit")}</button>
        </Form>
      )}
    </>
  );
}
