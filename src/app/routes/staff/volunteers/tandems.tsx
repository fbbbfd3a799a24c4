import { data, Form, Link } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { registerTandemInput } from "#app/modules/volunteers/tandem-contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Select, TextField } from "../../../components/form/index.ts";
import { languageNames } from "../../../components/volunteers.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/tandems";

/** "ti, ar" → ["ti", "ar"]: the form's language fields are lists of codes. */
export const codes = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);

/**
 * Language tandems (issue 17, What must work 4; decision 068): the waiting list of newcomers,
 * running and ended tandems, and the form to register a newcomer without a case.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const tandems = await ctx.services.volunteers.listTandems(principal);
  return {
    tandems,
    languageNames: languageNames(
      tandems.flatMap((t) => [...t.offers, ...t.wants]),
      ctx.lang,
    ),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const r = await formAction(ctx.t, () =>
    ctx.services.volunteers.registerTandem(
      principal,
      parseInput(registerTandemInput, {
        newcomerName: formString(form, "newcomerName"),
        newcomerEmail: formString(form, "newcomerEmail"),
        newcomerLanguage: formString(form, "newcomerLanguage"),
        offers: codes(formString(form, "offers")),
        wants: codes(formString(form, "wants")),
        area: formString(form, "area"),
      }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, errors: undefined };
}

export default function Tandems({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const names = (list: string[]) => list.map((c) => loaderData.languageNames[c] ?? c).join(", ");
  return (
    <>
      <p>
        <Link to="/staff/volunteers">{t("volunteers.back")}</Link>
      </p>
      <h1>{t("volunteers.tandems_title")}</h1>
      <p>{t("volunteers.tandems_intro")}</p>
      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.tandems_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("volunteers.tandem_newcomer")}</th>
              <th scope="col">{t("volunteers.tandem_wants")}</th>
              <th scope="col">{t("volunteers.tandem_offers")}</th>
              <th scope="col">{t("volunteers.tandem_partner")}</th>
              <th scope="col">{t("volunteers.state")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.tandems.map((x) => (
              <tr key={x.id}>
                <th scope="row">
                  <Link to={`/staff/volunteers/tandems/${x.id}`}>
                    {x.newcomerName ?? t("volunteers.tandem_case", { reference: x.caseReference ?? "" })}
                  </Link>
                </th>
                <td>{names(x.wants)}</td>
                <td>{names(x.offers)}</td>
                <td>{x.volunteerName ?? "–"}</td>
                <td>
                  {t(`volunteers.tandem_state_${x.state}`, {
                    since: x.startedOn ?? "",
                    until: x.endedOn ?? "",
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loaderData.tandems.length === 0 ? <p>{t("volunteers.tandems_none")}</p> : null}
      <section aria-labelledby="register">
        <h2 id="register">{t("volunteers.tandem_register")}</h2>
        {actionData?.ok ? <p role="status">{t("volunteers.tandem_registered")}</p> : null}
        <ErrorSummary errors={errors} />
        <Form method="post" className="stack" noValidate>
          <TextField
            name="newcomerName"
            label={t("volunteers.tandem_newcomer_name")}
            required
            errors={errors}
          />
          <TextField
            name="newcomerEmail"
            type="email"
            dir="ltr"
            label={t("volunteers.tandem_newcomer_email")}
            errors={errors}
          />
          <Select
            name="newcomerLanguage"
            label={t("volunteers.tandem_newcomer_language")}
            options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
            defaultValue="de"
            errors={errors}
          />
          <TextField
            name="offers"
            dir="ltr"
            label={t("volunteers.tandem_offers")}
            hint={t("volunteers.tandem_codes_hint")}
            required
            errors={errors}
          />
          <TextField
            name="wants"
            dir="ltr"
            label={t("volunteers.tandem_wants")}
            hint={t("volunteers.tandem_codes_hint")}
            defaultValue="de"
            required
            errors={errors}
          />
          <TextField name="area" label={t("volunteers.tandem_area")} errors={errors} />
          <p>
            <button type="submit">{t("volunteers.tandem_register_button")}</button>
          </p>
        </Form>
      </section>
    </>
  );
}
