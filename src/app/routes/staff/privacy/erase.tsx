import { data, Form } from "react-router";
import { PersonSearch } from "../../../components/casework-fields.tsx";
import { ErrorSummary, Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/erase";

export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").slice(0, 100);
  const person = params.get("person") ?? "";
  const results = q ? await ctx.services.privacy.searchPersons(principal, q) : null;
  let preview = null;
  if (person) {
    const r = await formAction(ctx.t, () => ctx.services.privacy.erasurePreview(principal, person));
    if (!("data" in r)) preview = r.value;
  }
  return { q, person, results, preview };
}

type ActionResult = { ok: true; deleted: Record<string, number> } | { ok: false; errors: FormErrors };

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const person = String(form.get("person") ?? "");
  const r = await formAction(ctx.t, () =>
    ctx.services.privacy.erase(principal, person, { confirm: form.get("confirm") === "on" }, ctx.requestId),
  );
  if ("data" in r) return data({ ok: false as const, errors: r.data.errors }, r.init ?? undefined);
  return { ok: true, deleted: r.value.deleted } satisfies ActionResult;
}

export default function Erase({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as ActionResult | undefined;
  if (result?.ok) {
    return (
      <>
        <h1>{t("privacy.erase_title")}</h1>
        <Notice kind="success">{t("privacy.erased")}</Notice>
        <ul>
          {Object.entries(result.deleted).map(([k, n]) => (
            <li key={k}>
              <code>{k}</code>: {n}
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <>
      <h1>{t("privacy.erase_title")}</h1>
      <p>{t("privacy.erase_intro")}</p>
      <PersonSearch q={d.q} results={d.results} selected={d.person} />
      <ErrorSummary errors={result && !result.ok ? result.errors : undefined} />
      {d.preview ? (
        <section aria-labelledby="erase-person">
          <h2 id="erase-person">{d.preview.name}</h2>
          {d.preview.legalHold ? <Notice kind="warning">{t("errors.legal_hold_active")}</Notice> : null}
          <p>
            {d.preview.householdRemoved
              ? t("privacy.erase_household", { cases: d.preview.cases })
              : t("privacy.erase_person_only")}
          </p>
          <Form method="post">
            <input type="hidden" name="person" value={d.person} />
            <div className="checkbox">
              <input type="checkbox" id="f-confirm" name="confirm" required />
              <label htmlFor="f-confirm">{t("privacy.erase_confirm")}</label>
            </div>
            <button type="submit" className="button-danger">
              {t("privacy.erase_submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
