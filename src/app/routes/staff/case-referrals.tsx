import { data, Form, Link, useNavigation } from "react-router";
import { REFERRAL_KINDS } from "#app/modules/casework/model.ts";
import {
  issueLinkInput,
  type ReferralCaseView,
  referralWithOverrideInput,
  withdrawReferralInput,
} from "#app/modules/casework/referrals.contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { RecipientSelect, ScrollRegion, SharedList } from "../../components/casework-fields.tsx";
import { Checkbox, Notice, Select, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/case-referrals";

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const r = await formAction(ctx.t, async () => {
    const access = await ctx.services.casework.cases.access(principal, params.id, "read");
    const [items, choices] = await Promise.all([
      ctx.services.referrals.listForCase(principal, access),
      ctx.services.referrals.formChoices(principal, access),
    ]);
    return { items, choices };
  });
  if ("data" in r) throw r;
  const persons = new Map(r.value.choices.persons.map((p) => [p.id, `${p.givenName} ${p.familyName}`]));
  return {
    caseId: params.id,
    tenant: ctx.tenant.name,
    kinds: [...REFERRAL_KINDS],
    choices: r.value.choices,
    items: r.value.items.map((i) => ({ ...i, personName: persons.get(i.personId) ?? "—" })),
  };
}

type Slip = { link: string; expiresAt: string; referral: ReferralCaseView };
type ActionResult =
  | { ok: true; intent: string; slip: Slip | null }
  | { ok: false; intent: string; errors: FormErrors; values: Record<string, string> };

export async function action({ request, params, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "referrals.send");
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
  const fail = (r: { data: { errors: FormErrors }; init: ResponseInit | null }) =>
    data({ ok: false as const, intent, errors: r.data.errors, values }, r.init ?? undefined);
  const opts = { requestId: ctx.requestId, lang: ctx.lang };
  const access = () => ctx.services.casework.cases.access(principal, params.id, "write");
  if (intent === "link") {
    const r = await formAction(ctx.t, async () => {
      const input = parseInput(issueLinkInput, {
        version: Number(str("version")),
        notifyEmail: str("notifyEmail"),
      });
      return ctx.services.referrals.issueLink(principal, await access(), str("referralId"), input, opts);
    });
    if ("data" in r) return fail(r);
    return { ok: true, intent, slip: r.value } satisfies ActionResult;
  }
  if (intent === "withdraw") {
    const r = await formAction(ctx.t, async () => {
      const input = parseInput(withdrawReferralInput, { version: Number(str("version")) });
      return ctx.services.referrals.withdraw(
        principal,
        await access(),
        str("referralId"),
        input,
        ctx.requestId,
      );
    });
    if ("data" in r) return fail(r);
    return { ok: true, intent, slip: null } satisfies ActionResult;
  }
  const [targetType, targetId] = str("target").split(":");
  const r = await formAction(ctx.t, async () => {
    const input = parseInput(referralWithOverrideInput, {
      personId: str("personId"),
      kind: str("kind"),
      targetType: targetType ?? "",
      targetId: targetId ?? "",
      shareGivenName: str("shareGivenName") === "on",
      shareLanguages: str("shareLanguages") === "on",
      phone: str("phone"),
      note: str("note"),
      link: str("link") === "on",
      notifyEmail: str("notifyEmail"),
      consentOverrideReason: str("consentOverrideReason"),
    });
    return ctx.services.referrals.create(principal, await access(), input, opts);
  });
  if ("data" in r) return fail(r);
  const slip = r.value.link
    ? { link: r.value.link, expiresAt: r.value.referral.linkExpiresAt ?? "", referral: r.value.referral }
    : null;
  return { ok: true, intent, slip } satisfies ActionResult;
}

export default function CaseReferrals({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const nav = useNavigation();
  const result = actionData as ActionResult | undefined;
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors;
  const v = failed?.values ?? {};
  const slip = result?.ok ? result.slip : null;
  return (
    <>
      <p className="no-print">
        <Link to={`/staff/cases/${d.caseId}`}>{t("referrals.back_to_case")}</Link> ·{" "}
        <Link to={`/staff/cases/${d.caseId}/consents`}>{t("referrals.consents_title")}</Link>
      </p>
      <h1>{t("referrals.title_case")}</h1>
      {result?.ok && !slip ? (
        <Notice kind="success">
          {t(`referrals.done_${result.intent === "withdraw" ? "withdrawn" : "sent"}`)}
        </Notice>
      ) : null}
      {failed ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{failed.errors.title}</p>
          {failed.errors.code === "referral_consent_missing" ? (
            <p>
              <Link to={`/staff/cases/${d.caseId}/consents`}>{t("referrals.record_consent_first")}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {slip ? (
        <section className="referral-slip" aria-labelledby="slip-title">
          <Notice kind="success">{t("referrals.done_sent")}</Notice>
          <h2 id="slip-title">{t("referrals.slip_title", { tenant: d.tenant })}</h2>
          <p>
            {t(`case_overview.kind_${slip.referral.kind}`)} · {slip.referral.targetName ?? "—"}
          </p>
          <SharedList shared={slip.referral.shared} />
          <p>{t("referrals.slip_text")}</p>
          <p className="slip-link" dir="ltr">
            {slip.link}
          </p>
          <p className="hint">{t("referrals.slip_expires", { date: slip.expiresAt.slice(0, 10) })}</p>
          <button type="button" className="no-print" onClick={() => window.print()}>
            {t("referrals.print")}
          </button>
        </section>
      ) : null}

      <ScrollRegion className="table-wrap no-print">
        <table>
          <caption>{t("referrals.case_caption", { count: d.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("referrals.col_sent")}</th>
              <th scope="col">{t("referrals.col_person")}</th>
              <th scope="col">{t("referrals.col_kind")}</th>
              <th scope="col">{t("referrals.col_recipient")}</th>
              <th scope="col">{t("referrals.col_shared")}</th>
              <th scope="col">{t("referrals.col_status")}</th>
              <th scope="col">{t("referrals.col_actions")}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((r) => (
              <tr key={r.id}>
                <td>{r.sentAt.slice(0, 10)}</td>
                <td>{r.personName}</td>
                <td>{t(`case_overview.kind_${r.kind}`)}</td>
                <td>
                  {t(`referrals.recipient_${r.targetType}`)}: {r.targetName ?? "—"}
                </td>
                <td>
                  <SharedList shared={r.shared} />
                  {r.consentOverridden ? <p className="hint">{t("referrals.override_marker")}</p> : null}
                </td>
                <td>
                  <span className={`badge badge-${r.status}`}>{t(`case_overview.status_${r.status}`)}</span>
                  {r.decisionReason ? <p className="hint">{r.decisionReason}</p> : null}
                  {r.linkExpiresAt ? (
                    <p className="hint">{t("referrals.link_open", { date: r.linkExpiresAt.slice(0, 10) })}</p>
                  ) : null}
                </td>
                <td>
                  {r.status === "sent" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="link" />
                      <input type="hidden" name="referralId" value={r.id} />
                      <input type="hidden" name="version" value={r.version} />
                      <button type="submit" className="button-secondary">
                        {t("referrals.new_link")}
                      </button>
                    </Form>
                  ) : null}
                  {r.status === "sent" || r.status === "accepted" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="referralId" value={r.id} />
                      <input type="hidden" name="version" value={r.version} />
                      <button type="submit" className="button-secondary">
                        {t("referrals.take_back")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h2 id="ref-new" className="no-print">
        {t("referrals.new_title")}
      </h2>
      <Form method="post" aria-labelledby="ref-new" className="no-print" noValidate>
        <input type="hidden" name="intent" value="create" />
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
          name="kind"
          label={t("referrals.col_kind")}
          errors={errors}
          defaultValue={v.kind}
          options={d.kinds.map((k) => ({ value: k, label: t(`case_overview.kind_${k}`) }))}
        />
        <RecipientSelect name="target" choices={d.choices} errors={errors} defaultValue={v.target} />
        <fieldset className="field checkbox-group">
          <legend>{t("referrals.share_legend")}</legend>
          <p className="hint">{t("referrals.share_hint")}</p>
          <Checkbox
            id="f-shareGivenName"
            name="shareGivenName"
            label={t("referrals.shared_givenName")}
            defaultChecked={v.shareGivenName === "on"}
          />
          <Checkbox
            id="f-shareLanguages"
            name="shareLanguages"
            label={t("referrals.shared_languages")}
            defaultChecked={v.shareLanguages === "on"}
          />
        </fieldset>
        <TextField
          name="phone"
          type="tel"
          label={t("referrals.shared_phone")}
          defaultValue={v.phone}
          errors={errors}
          dir="ltr"
          maxLength={60}
        />
        <div className={errors?.fields.note ? "field field-invalid" : "field"}>
          <label htmlFor="f-note">{t("referrals.shared_note")}</label>
          <p className="hint" id="f-note-hint">
            {t("referrals.note_hint")}
          </p>
          <textarea
            id="f-note"
            name="note"
            defaultValue={v.note}
            maxLength={2000}
            rows={3}
            aria-invalid={errors?.fields.note ? true : undefined}
            aria-describedby={errors?.fields.note ? "f-note-hint f-note-error" : "f-note-hint"}
          />
          {errors?.fields.note ? (
            <p className="field-error" id="f-note-error">
              {errors.fields.note}
            </p>
          ) : null}
        </div>
        <div className="checkbox">
          <input type="checkbox" id="f-link" name="link" defaultChecked={v.link === "on"} />
          <label htmlFor="f-link">{t("referrals.link_label")}</label>
        </div>
        <TextField
          name="notifyEmail"
          type="email"
          label={t("referrals.notify_email")}
          hint={t("referrals.notify_hint")}
          defaultValue={v.notifyEmail}
          errors={errors}
          dir="ltr"
        />
        {d.choices.canOverride ? (
          <div className={errors?.fields.consentOverrideReason ? "field field-invalid" : "field"}>
            <label htmlFor="f-consentOverrideReason">{t("referrals.override_label")}</label>
            <p className="hint" id="f-override-hint">
              {t("referrals.override_hint")}
            </p>
            <textarea
              id="f-consentOverrideReason"
              name="consentOverrideReason"
              defaultValue={v.consentOverrideReason}
              maxLength={2000}
              rows={3}
              aria-invalid={errors?.fields.consentOverrideReason ? true : undefined}
              aria-describedby={
                errors?.fields.consentOverrideReason ? "f-override-hint f-override-error" : "f-override-hint"
              }
            />
            {errors?.fields.consentOverrideReason ? (
              <p className="field-error" id="f-override-error">
                {errors.fields.consentOverrideReason}
              </p>
            ) : null}
          </div>
        ) : null}
        <button type="submit" disabled={nav.state === "submitting"}>
          {t("referrals.send")}
        </button>
      </Form>
    </>
  );
}
