import { data, Form, Link, useParams } from "react-router";
import { saveDraftInput } from "#app/modules/funding/contracts.ts";
import { moneyInput } from "#app/modules/funding/model.ts";
import { isContentLanguage } from "#app/modules/translations/languages.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  CheckboxGroup,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../components/form/index.ts";
import { EligibilityTable } from "../../components/funding-eligibility.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formAction } from "../../server/guard.server.ts";
import type { Route } from "./+types/funding-apply";

/**
 * The applicant's draft behind the e-mail link: who, what, the costs per cost type in German
 * number format, and the eligible amount explained. "Save" keeps the draft; "Submit" saves and
 * files it. Plain forms, one column: works without JavaScript and on a phone.
 */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}
const NO_STORE = { "cache-control": "no-store", "referrer-policy": "same-origin" };

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const r = await ctx.services.funding.applicant.byLink(ctx.tenant.id, params.token.slice(0, 200));
  // The optional classification (area, fields of action, target groups) for the draft's form.
  const lang = isContentLanguage(ctx.lang) ? ctx.lang : "de";
  const [areas, axes] =
    r.state === "open"
      ? await Promise.all([
          ctx.services.areas.list(ctx.tenant.id),
          ctx.services.framework.list(ctx.tenant.id, lang),
        ])
      : [[], []];
  const groups = axes
    .filter((a) => a.kind === "field_of_action" || a.kind === "target_group")
    .map((a) => ({
      kind: a.kind,
      label: a.label?.text ?? a.key,
      options: a.terms.filter((t) => t.active).map((t) => ({ value: t.id, label: t.label?.text ?? t.key })),
    }))
    .filter((g) => g.options.length > 0);
  const choices = { areas: areas.map((a) => ({ value: a.id, label: a.name })), groups };
  return data({ ...r, choices }, { headers: NO_STORE });
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const token = params.token.slice(0, 200);
  const form = await request.formData();
  const intent = formString(form, "intent");
  const link = await ctx.services.funding.applicant.byLink(ctx.tenant.id, token);
  if (!("application" in link))
    return data({ ok: false as const, errors: undefined, intent }, { headers: NO_STORE });
  const rules = link.application.call.costRules;
  const r = await formAction(ctx.t, async () => {
    const saved = await ctx.services.funding.applicant.saveDraft(
      ctx.tenant.id,
      token,
      parseInput(saveDraftInput, {
        version: Number(formString(form, "version")) || 0,
        organizationName: formString(form, "organizationName"),
        contactName: formString(form, "contactName"),
        title: formString(form, "title"),
        summary: formString(form, "summary"),
        areaId: formString(form, "areaId"),
        termIds: form.getAll("termIds").filter((v) => typeof v === "string"),
        budget: rules.map((rule, i) => ({
          type: rule.type,
          amount: formString(form, `budget.${i}.amount`) || 0,
          description: formString(form, `budget.${i}.description`),
        })),
      }),
    );
    if (intent === "submit") await ctx.services.funding.applicant.submit(ctx.tenant.id, token, saved.version);
    return saved;
  });
  if ("data" in r) return data({ ...r.data, intent }, { ...r.init, headers: NO_STORE });
  return data({ ok: true as const, errors: undefined, intent }, { headers: NO_STORE });
}

export default function FundingApply({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  if (!("application" in loaderData)) {
    return (
      <>
        <h1>{t("funding.apply_title")}</h1>
        <Notice kind="warning">{t(`funding.apply_state_${loaderData.state}`)}</Notice>
      </>
    );
  }
  const a = loaderData.application;
  if (a.status !== "draft") {
    return (
      <>
        <h1>{a.title || t("funding.apply_title")}</h1>
        {actionData?.ok ? <Notice kind="success">{t("funding.apply_submitted")}</Notice> : null}
        <p>
          {t("funding.apply_submitted_on", {
            date: a.submittedAt?.slice(0, 10) ?? "",
            status: t(`funding.status_${a.status}`),
          })}
        </p>
        <EligibilityTable
          eligibility={a.eligibility}
          projectCapCents={a.call.projectCapCents}
          year={a.year}
          descriptions={a.budget.map((l) => l.description)}
        />
        {DECIDED_STATUSES.has(a.status) ? <LetterLinks letters={a.letters} /> : null}
        {a.status === "granted" || a.status === "partly_granted" ? <ProofLink /> : null}
      </>
    );
  }
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  // One row per cost type of the call, in the call's order (the error paths follow it).
  const lineOf = (type: string) => a.budget.find((l) => l.type === type);
  return (
    <>
      <h1>{t("funding.apply_title")}</h1>
      <p>
        <strong>{a.call.title}</strong>
      </p>
      <p>{t("funding.apply_intro")}</p>
      {actionData?.ok ? <Notice kind="success">{t("funding.apply_saved")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <Form method="post" className="stack" noValidate key={a.version}>
        <input type="hidden" name="version" value={a.version} />
        <TextField
          name="organizationName"
          label={t("funding.apply_org")}
          defaultValue={a.organizationName}
          errors={errors}
        />
        <TextField
          name="contactName"
          label={t("funding.apply_contact")}
          defaultValue={a.contactName}
          autoComplete="name"
          errors={errors}
        />
        <TextField
          name="title"
          label={t("funding.apply_project_title")}
          defaultValue={a.title}
          errors={errors}
        />
        <TextField
          name="summary"
          label={t("funding.apply_summary")}
          multiline
          rows={5}
          defaultValue={a.summary}
          errors={errors}
        />
        {loaderData.choices.areas.length > 0 ? (
          <Select
            name="areaId"
            label={t("funding.apply_area")}
            hint={t("funding.apply_optional")}
            empty={t("funding.apply_area_none")}
            options={loaderData.choices.areas}
            defaultValue={a.areaId}
            errors={errors}
          />
        ) : null}
        {loaderData.choices.groups.map((g) => (
          <CheckboxGroup
            key={g.kind + g.label}
            id={`terms-${g.kind}-${g.label}`}
            name="termIds"
            legend={g.label}
            hint={t("funding.apply_optional")}
            options={g.options}
            defaultValue={a.termIds}
            errors={errors}
          />
        ))}
        <fieldset>
          <legend>{t("funding.apply_budget")}</legend>
          <p className="hint">{t("funding.apply_budget_hint")}</p>
          {a.call.costRules.map((rule, i) => {
            const line = lineOf(rule.type);
            const type = t(`funding.cost_${rule.type}`);
            return (
              <div key={rule.type}>
                <TextField
                  name={`budget.${i}.amount`}
                  label={t("funding.apply_amount", { type })}
                  inputMode="decimal"
                  defaultValue={line && line.amountCents > 0 ? moneyInput(line.amountCents) : ""}
                  errors={errors}
                  dir="ltr"
                />
                <TextField
                  name={`budget.${i}.description`}
                  label={t("funding.apply_description", { type })}
                  defaultValue={line?.description ?? ""}
                  errors={errors}
                />
              </div>
            );
          })}
        </fieldset>
        <h2>{t("funding.apply_explain_heading")}</h2>
        <EligibilityTable
          eligibility={a.eligibility}
          projectCapCents={a.call.projectCapCents}
          year={a.year}
          potLeftCents={a.potLeftCents}
          descriptions={a.budget.map((l) => l.description)}
        />
        <div className="actions">
          <button type="submit" name="intent" value="save">
            {t("funding.apply_save")}
          </button>
          <button type="submit" name="intent" value="submit">
            {t("funding.apply_submit")}
          </button>
        </div>
      </Form>
    </>
  );
}

const DECIDED_STATUSES = new Set(["granted", "partly_granted", "refused"]);

/** After a grant: the way to the proof of use (decision 070). */
function ProofLink() {
  const t = useT();
  const lang = useLang();
  const { token = "" } = useParams();
  return (
    <section aria-labelledby="proof-heading">
      <h2 id="proof-heading">{t("funding.proof_title")}</h2>
      <p>
        <Link to={`/${lang}/funding/apply/${encodeURIComponent(token)}/proof`}>
          {t("funding.proof_open")}
        </Link>
      </p>
      <p>
        <Link to={`/${lang}/funding/apply/${encodeURIComponent(token)}/funds`}>
          {t("funding.funds_link")}
        </Link>
      </p>
    </section>
  );
}

/** The decision letter through the status link: German, and the courtesy translation if any. */
function LetterLinks({ letters }: { letters: string[] }) {
  const t = useT();
  const { token = "" } = useParams();
  return (
    <section aria-labelledby="letter-heading">
      <h2 id="letter-heading">{t("funding.letter_heading")}</h2>
      {letters.length === 0 ? (
        <Notice kind="info">{t("funding.letter_pending")}</Notice>
      ) : (
        <ul>
          {letters.map((lang) => (
            <li key={lang}>
              <a href={`/api/v1/funding/drafts/${encodeURIComponent(token)}/letter/${lang}`} download>
                {t("funding.letter_download", { language: t(`funding.letter_lang_${lang}`) })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
