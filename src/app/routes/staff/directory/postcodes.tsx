import { data, Form, useNavigation } from "react-router";
import { can } from "#app/server/policy/policy.ts";
import { ErrorSummary, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/postcodes";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const rows = await ctx.services.postcodes.list(ctx.tenant.id);
  return {
    title: ctx.t("interchange.postcodes_title"),
    canEdit: can(principal, "directory.import"),
    rows: rows.map((r) => ({
      postcode: r.postcode,
      name: r.name,
      lat: r.lat,
      lon: r.lon,
      approximate: r.approximate,
    })),
  };
}

type Values = { postcode: string; name: string; lat: string; lon: string; approximate: boolean };
type ActionResult =
  | { ok: true; saved?: string; removed?: string }
  | { ok: false; errors: FormErrors; values: Values };

/** A typed coordinate with a decimal comma or point; anything else goes to the service as text and fails there per field. */
function coordinate(v: string): number | string {
  const n = Number(v.trim().replace(",", "."));
  return v.trim() !== "" && Number.isFinite(n) ? n : v;
}

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  if (str("intent") === "delete") {
    const postcode = str("postcode");
    const r = await formAction(ctx.t, () =>
      ctx.services.postcodes.remove(principal, postcode, ctx.requestId),
    );
    if ("data" in r) return r;
    return { ok: true, removed: postcode } satisfies ActionResult;
  }
  const values: Values = {
    postcode: str("postcode"),
    name: str("name"),
    lat: str("lat"),
    lon: str("lon"),
    approximate: form.get("approximate") === "on",
  };
  const r = await formAction(ctx.t, () =>
    ctx.services.postcodes.set(
      principal,
      {
        postcode: values.postcode,
        name: values.name,
        lat: coordinate(values.lat) as number,
        lon: coordinate(values.lon) as number,
        approximate: values.approximate,
      },
      ctx.requestId,
    ),
  );
  if ("data" in r) return data({ ...r.data, values } satisfies ActionResult, r.init ?? undefined);
  return { ok: true, saved: r.value.postcode } satisfies ActionResult;
}

export default function Postcodes({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const result = actionData as ActionResult | undefined;
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors;
  const shown = failed?.values;
  const formKey = result?.ok ? `saved-${result.saved ?? result.removed}` : "form";
  return (
    <>
      <h1>{loaderData.title}</h1>
      <p>{t("interchange.postcodes_intro")}</p>
      {result?.ok && result.saved ? (
        <Notice kind="success">{t("interchange.postcodes_saved", { postcode: result.saved })}</Notice>
      ) : null}
      {result?.ok && result.removed ? (
        <Notice kind="success">{t("interchange.postcodes_removed", { postcode: result.removed })}</Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      <table>
        <caption>{t("interchange.postcodes_table")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("interchange.postcodes_postcode")}</th>
            <th scope="col">{t("interchange.postcodes_name")}</th>
            <th scope="col">{t("interchange.postcodes_lat")}</th>
            <th scope="col">{t("interchange.postcodes_lon")}</th>
            <th scope="col">{t("interchange.postcodes_approximate")}</th>
            <th scope="col">{t("interchange.postcodes_actions")}</th>
          </tr>
        </thead>
        <tbody>
          {loaderData.rows.length === 0 ? (
            <tr>
              <td colSpan={6}>{t("interchange.postcodes_none")}</td>
            </tr>
          ) : (
            loaderData.rows.map((r) => (
              <tr key={r.postcode}>
                <th scope="row">{r.postcode}</th>
                <td>{r.name ?? ""}</td>
                <td className="num">{r.lat.toFixed(5)}</td>
                <td className="num">{r.lon.toFixed(5)}</td>
                <td>{r.approximate ? t("interchange.postcodes_yes") : t("interchange.postcodes_no")}</td>
                <td>
                  {loaderData.canEdit ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="postcode" value={r.postcode} />
                      <button type="submit" className="button-secondary">
                        {t("interchange.postcodes_remove", { postcode: r.postcode })}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {loaderData.canEdit ? (
        <Form method="post" noValidate key={formKey}>
          <h2>{t("interchange.postcodes_add")}</h2>
          <input type="hidden" name="intent" value="save" />
          <TextField
            name="postcode"
            label={t("interchange.postcodes_postcode")}
            defaultValue={shown?.postcode}
            required
            inputMode="numeric"
            maxLength={5}
            errors={errors}
          />
          <TextField
            name="name"
            label={t("interchange.postcodes_name")}
            defaultValue={shown?.name}
            maxLength={100}
            errors={errors}
          />
          <TextField
            name="lat"
            label={t("interchange.postcodes_lat")}
            hint={t("interchange.postcodes_coordinate_hint")}
            defaultValue={shown?.lat}
            required
            errors={errors}
            dir="ltr"
          />
          <TextField
            name="lon"
            label={t("interchange.postcodes_lon")}
            hint={t("interchange.postcodes_coordinate_hint")}
            defaultValue={shown?.lon}
            required
            errors={errors}
            dir="ltr"
          />
          <div className="field">
            <label>
              <input type="checkbox" name="approximate" defaultChecked={shown?.approximate ?? false} />{" "}
              {t("interchange.postcodes_approximate")}
            </label>
          </div>
          <button type="submit" disabled={navigation.state !== "idle"}>
            {t("interchange.postcodes_save")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
