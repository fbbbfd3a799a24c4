import { data, Form, Link, useNavigation } from "react-router";
import { CONSENT_FORMS, CONSENT_PURPOSES } from "#app/modules/casework/model.ts";
import { consentInput, withdrawConsentInput } from "#app/modules/casework/referrals.contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { RecipientSelect, ScrollRegion } from "../../components/casework-fields.tsx";
import { ErrorSummary, Notice, Select, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/case-consents";

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const r = await formAction(ctx.t, async () => {
    const access = await ctx.services.casework.cases.access(principal, params.id, "read");
    const [list, choices] = await Promise.all([
      ctx.services.referrals.consents.list(principal, access),
      ctx.services.referrals.formChoices(principal, access),
    ]);
    return { list, choices };
  });
  if ("data" in r) throw r;
  const { list, choices } = r.value;
  const names = new Map<string, string>([
    ...choices.offers.map((o) => [o.id, o.name] as const),
    ...choices.organizations.map((o) => [o.id, o.name] as const),
    ...choices.offices.map((o) => [o.id, o.name] as const),
    ...choices.volunteers.map((o) => [o.id, o.name] as const),
  ]);
  const persons = new Map(choices.persons.map((p) => [p.id, `${p.givenName} ${p.familyName}`]));
  return {
    caseId: params.id,
    today: list.today,
    purposes: [...CONSENT_PURPOSES],
    forms: [...CONSENT_FORMS],
    choices,
    consents: list.consents.map((c) => ({
      id: c.id,
      version: c.version,
      person: persons.get(c.personId) ?? "—",
      purpose: c.purpose,
      recipientType: c.recipientType,
      recipient: c.recipientId ? (names.get(c.recipientId) ?? c.recipientId.slice(0, 8)) : null,
      form: c.form,
      givenOn: c.givenOn,
      expiresOn: c.expiresOn,
      withdrawnOn: c.withdrawnOn,
      state: c.state,
    })),
  };
}

type ActionResult =
  | { ok: true; intent: string }
  | { ok: false; intent: string; errors: FormErrors; values: Record<string, string> };

export async function action({ request, params, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "cases.write");
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const intent = str("intent");
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
  if (intent === "withdraw") {
    const r = await formAction(ctx.t, async () => {
      const input = parseInput(withdrawConsentInput, {
        version: Number(str("version")),
        withdrawnOn: str("withdrawnOn"),
      });
      const access = await ctx.services.casework.cases.access(principal, params.id, "write");
      return ctx.services.referrals.consents.withdraw(
        principal,
        access,
        str("consentId"),
        input,
        ctx.requestId,
      );
    });
    if ("data" in r) return data({ ...r.data, intent, values }, r.init ?? undefined);
    return { ok: true, intent } satisfies ActionResult;
  }
  const [recipientType, recipientId] = str("recipient").split(":");
  const r = await formAction(ctx.t, async () => {
    const input = parseInput(consentInput, {
      personId: str("personId"),
      purpose: str("purpose"),
      recipientType: recipientType ?? "",
      recipientId: recipientId || null,
      form: str("form"),
      givenOn: str("givenOn"),
      expiresOn: str("expiresOn") || null,
    });
    const access = await ctx.services.casework.cases.access(principal, params.id, "write");
    return ctx.services.referrals.consents.record(principal, access, input, ctx.requestId);
  });
  if ("data" in r) return data({ ...r.data, intent, values }, r.init ?? undefined);
  return { ok: true, intent } satisfies ActionResult;
}

export default function CaseConsents({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const nav = useNavigation();
  const result = actionData as ActionResult | undefined;
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors;
  const v = failed?.values ?? {};
  return (
    <>
      <p>
        <Link to={`/staff/cases/${d.caseId}`}>{t("referrals.back_to_case")}</Link> ·{" "}
        <Link to={`/staff/cases/${d.caseId}/referrals`}>{t("referrals.title_case")}</Link>
      </p>
      <h1>{t("referrals.consents_title")}</h1>
      <p>{t("referrals.consents_intro")}</p>
      {result?.ok ? (
        <Notice kind="success">
          {result.intent === "withdraw" ? t("referrals.consent_withdrawn") : t("referrals.consent_recorded")}
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      <ScrollRegion className="table-wrap">
        <table>
          <caption>{t("referrals.consents_caption", { count: d.consents.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("referrals.col_person")}</th>
              <th scope="col">{t("referrals.col_purpose")}</th>
              <th scope="col">{t("referrals.col_recipient")}</th>
              <th scope="col">{t("referrals.col_form")}</th>
              <th scope="col">{t("referrals.col_period")}</th>
              <th scope="col">{t("referrals.col_state")}</th>
              <th scope="col">{t("referrals.col_actions")}</th>
            </tr>
          </thead>
          <tbody>
            {d.consents.map((c) => (
              <tr key={c.id}>
                <td>{c.person}</td>
                <td>{t(`referrals.purpose_${c.purpose}`)}</td>
                <td>
                  {t(`referrals.recipient_${c.recipientType}`)}
                  {c.recipient ? `: ${c.recipient}` : ""}
                </td>
                <td>{t(`referrals.form_${c.form}`)}</td>
                <td>
                  {c.givenOn} – {c.expiresOn ?? t("referrals.no_expiry")}
                  {c.withdrawnOn ? ` (${t("referrals.withdrawn_on", { date: c.withdrawnOn })})` : ""}
                </td>
                <td>
                  <span className={`badge badge-${c.state}`}>{t(`referrals.state_${c.state}`)}</span>
                </td>
                <td>
                  {c.withdrawnOn ? null : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="consentId" value={c.id} />
                      <input type="hidden" name="version" value={c.version} />
                      <label htmlFor={`w-${c.id}`} className="visually-hidden">
                        {t("referrals.withdrawn_date")}
                      </label>
                      <input
                        id={`w-${c.id}`}
                        type="date"
                        name="withdrawnOn"
                        defaultValue={d.today}
                        required
                      />
                      <button type="submit" className="button-secondary">
                        {t("referrals.withdraw")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h2 id="consent-new">{t("referrals.consent_new")}</h2>
      <Form method="post" aria-labelledby="consent-new" noValidate>
        <input type="hidden" name="intent" value="record" />
        <Select
          empty={t("referrals.choose")}
          name="personId"
          label={t("referrals.col_person")}
          errors={errors}
          defaultValue={v.personId}
          options={d.choices.persons.map((p) => ({ value: p.id, label: `${p.givenName} ${p.familyName}` }))}
        />
        <Select
          empty={t("referrals.choose")}
          name="purpose"
          label={t("referrals.col_purpose")}
          errors={errors}
          defaultValue={v.purpose ?? "referral"}
          options={d.purposes.map((p) => ({ value: p, label: t(`referrals.purpose_${p}`) }))}
        />
        <RecipientSelect choices={d.choices} errors={errors} defaultValue={v.recipient} withAny />
        <Select
          empty={t("referrals.choose")}
          name="form"
          label={t("referrals.col_form")}
          errors={errors}
          defaultValue={v.form ?? "written"}
          options={d.forms.map((f) => ({ value: f, label: t(`referrals.form_${f}`) }))}
        />
        <TextField
          name="givenOn"
          type="date"
          label={t("referrals.given_on")}
          defaultValue={v.givenOn ?? d.today}
          errors={errors}
          required
        />
        <TextField
          name="expiresOn"
          type="date"
          label={t("referrals.expires_on")}
          hint={t("referrals.expires_hint")}
          defaultValue={v.expiresOn}
          errors={errors}
        />
        <button type="submit" disabled={nav.state === "submitting"}>
          {t("referrals.consent_save")}
        </button>
      </Form>
    </>
  );
}
