import { Form, Link } from "react-router";
import { CLOSURE_REASONS } from "#app/modules/casework/model.ts";
import { ErrorSummary, Notice, Select, TextField } from "../../../components/form/index.ts";
import { useT } from "../../../i18n.tsx";
import { SavedNotice, type SectionProps } from "./detail-shared.tsx";

/** Questionnaires: forms to fill and the responses given in this case. */
export function ResponsesSection({ d }: SectionProps) {
  const t = useT();
  return (
    <section id="responses" aria-labelledby="responses-h">
      <h2 id="responses-h">{t("surveys.case_section")}</h2>
      {d.surveys.notice ? (
        <Notice kind="success">
          {t(`surveys.${d.surveys.notice.key}`, { count: d.surveys.notice.needs })}
        </Notice>
      ) : null}
      {d.surveys.forms.length > 0 ? (
        <ul>
          {d.surveys.forms.map((f) => (
            <li key={f.id}>
              <a href={`/staff/cases/${d.caseId}/forms/${f.id}`}>
                {t("surveys.fill_form", { title: f.title })}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("surveys.no_forms")}</p>
      )}
      <div className="table-wrap">
        <table>
          <caption>{t("surveys.case_responses_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("surveys.col_form")}</th>
              <th scope="col">{t("surveys.col_person")}</th>
              <th scope="col">{t("surveys.col_channel")}</th>
              <th scope="col">{t("surveys.col_submitted")}</th>
            </tr>
          </thead>
          <tbody>
            {d.surveys.responses.length === 0 ? (
              <tr>
                <td colSpan={4}>{t("surveys.no_responses")}</td>
              </tr>
            ) : (
              d.surveys.responses.map((r) => (
                <tr key={r.id} data-response-id={r.id}>
                  <td>
                    <Link to={`/staff/surveys/responses/${r.id}`}>
                      <bdi>{r.formTitle}</bdi> ({t("surveys.version_n", { n: String(r.formVersion) })})
                    </Link>
                  </td>
                  <td>
                    {r.personId
                      ? (d.persons.find((p) => p.id === r.personId)?.name ?? "—")
                      : t("surveys.respondent_household")}
                  </td>
                  <td>{t(`surveys.channel_${r.channel}`)}</td>
                  <td>{r.submittedAt.slice(0, 16).replace("T", " ")}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Links to the consent and referral pages of the case. */
export function ReferralsSection({ d }: SectionProps) {
  const t = useT();
  return (
    <>
      {/* CASEDP's consent and referral pages plug in here (routes /staff/cases/:id/consents and /referrals). */}
      <section id="referrals" aria-labelledby="referrals-h" data-case-id={d.caseId}>
        <h2 id="referrals-h">{t("cases.section_referrals")}</h2>
        <p>{t("cases.referrals_intro")}</p>
        <ul>
          <li>
            <Link to={`/staff/cases/${d.caseId}/consents`}>{t("cases.consents_link")}</Link>
          </li>
          <li>
            <Link to={`/staff/cases/${d.caseId}/referrals`}>{t("cases.referrals_link")}</Link>
          </li>
        </ul>
      </section>
    </>
  );
}

/** Closing and reopening. */
export function ClosureSection({ d, errorsFor, savedFor }: SectionProps) {
  const t = useT();
  const v = d.case.version;
  const open = d.case.status === "open";
  return (
    <section id="closure" aria-labelledby="closure-h">
      <h2 id="closure-h">{t("cases.section_closure")}</h2>
      <ErrorSummary errors={errorsFor(open ? "close" : "reopen")} />
      <SavedNotice show={savedFor(open ? "close" : "reopen")} />
      {d.canWrite && open ? (
        <Form method="post" className="stack" noValidate key={`cl-${v}`}>
          <input type="hidden" name="intent" value="close" />
          <input type="hidden" name="version" value={v} />
          <TextField
            name="closedOn"
            id="close-on"
            type="date"
            label={t("cases.closed_on")}
            defaultValue={d.today}
            required
            errors={errorsFor("close")}
          />
          <Select
            name="reason"
            id="close-reason"
            label={t("cases.closure_reason")}
            options={CLOSURE_REASONS.map((x) => ({ value: x, label: t(`cases.closure_${x}`) }))}
            errors={errorsFor("close")}
          />
          <p className="hint">{t("cases.closure_hint")}</p>
          <p>
            <button type="submit">{t("cases.close")}</button>
          </p>
        </Form>
      ) : null}
      {d.canWrite && !open ? (
        <Form method="post" key={`ro-${v}`}>
          <input type="hidden" name="intent" value="reopen" />
          <input type="hidden" name="version" value={v} />
          <p>
            <button type="submit">{t("cases.reopen")}</button>
          </p>
        </Form>
      ) : null}
    </section>
  );
}
