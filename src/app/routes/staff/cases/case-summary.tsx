import { Form, Link } from "react-router";
import { CASE_TYPES, HOUSING_STAGES } from "#app/modules/casework/model.ts";
import { Checkbox, ErrorSummary, Select } from "../../../components/form/index.ts";
import { useT } from "../../../i18n.tsx";
import { SavedNotice, type SectionProps, useFormat } from "./detail-shared.tsx";

/** What the case is: household, type, office, workers, phase, status, dates. */
export function CaseFacts({ d }: SectionProps) {
  const t = useT();
  const f = useFormat();
  const c = d.case;
  const phaseLabel = new Map(d.allPhases.map((p) => [p.key, p.label]));
  return (
    <dl className="case-facts">
      <dt>{t("cases.household")}</dt>
      <dd>
        <Link to={`/staff/households/${d.household.id}`}>{d.household.label}</Link>
      </dd>
      <dt>{t("cases.case_type")}</dt>
      <dd>
        {t(`cases.type_${c.caseType}`)}
        {c.housingStage ? ` – ${t(`cases.stage_${c.housingStage}`)}` : ""}
      </dd>
      <dt>{t("cases.office")}</dt>
      <dd>{d.office?.name ?? "—"}</dd>
      <dt>{t("cases.workers")}</dt>
      <dd>
        {d.workers
          .map((w) => (w.lead ? `${w.displayName} (${t("cases.lead")})` : w.displayName))
          .join(", ") || "—"}
      </dd>
      <dt>{t("cases.phase")}</dt>
      <dd>{phaseLabel.get(c.phaseKey) ?? c.phaseKey}</dd>
      <dt>{t("cases.status")}</dt>
      <dd>
        {t(`cases.status_${c.status}`)}
        {c.closedOn ? ` (${f.day(c.closedOn)}, ${t(`cases.closure_${c.closureReason}`)})` : ""}
      </dd>
      <dt>{t("cases.opened_on")}</dt>
      <dd>{f.day(c.openedOn)}</dd>
      {c.retentionDueOn ? (
        <>
          <dt>{t("cases.retention_due")}</dt>
          <dd>{f.day(c.retentionDueOn)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** Links to the sections of the page. */
export function CaseSectionNav() {
  const t = useT();
  return (
    <nav aria-label={t("cases.sections")} className="case-sections">
      <ul>
        <li>
          <a href="#persons">{t("cases.section_persons")}</a>
        </li>
        <li>
          <a href="#phase">{t("cases.section_phase")}</a>
        </li>
        <li>
          <a href="#needs">{t("cases.section_needs")}</a>
        </li>
        <li>
          <a href="#plan">{t("cases.section_plan")}</a>
        </li>
        <li>
          <a href="#contacts">{t("cases.section_contacts")}</a>
        </li>
        <li>
          <a href="#notes">{t("cases.section_notes")}</a>
        </li>
        <li>
          <a href="#attachments">{t("cases.section_attachments")}</a>
        </li>
        <li>
          <a href="#referrals">{t("cases.section_referrals")}</a>
        </li>
        <li>
          <a href="#closure">{t("cases.section_closure")}</a>
        </li>
      </ul>
    </nav>
  );
}

/** The case type (and the housing-loss stage). */
export function CaseEditSection({ d, errorsFor, savedFor }: SectionProps) {
  const t = useT();
  const c = d.case;
  const v = d.case.version;
  return (
    <>
      {d.canWrite ? (
        <section aria-labelledby="case-edit-h">
          <h2 id="case-edit-h">{t("cases.section_case")}</h2>
          <ErrorSummary errors={errorsFor("case")} />
          <SavedNotice show={savedFor("case")} />
          <Form method="post" className="stack" noValidate key={`case-${v}`}>
            <input type="hidden" name="intent" value="case" />
            <input type="hidden" name="version" value={v} />
            <Select
              name="caseType"
              label={t("cases.case_type")}
              options={CASE_TYPES.map((x) => ({ value: x, label: t(`cases.type_${x}`) }))}
              defaultValue={c.caseType}
              errors={errorsFor("case")}
            />
            <Select
              name="housingStage"
              label={t("cases.housing_stage")}
              hint={t("cases.housing_stage_hint")}
              empty="—"
              options={HOUSING_STAGES.map((x) => ({ value: x, label: t(`cases.stage_${x}`) }))}
              defaultValue={c.housingStage}
              errors={errorsFor("case")}
            />
            <p>
              <button type="submit">{t("cases.save")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}

/** The case workers (supervisors only). */
export function WorkersSection({ d, errorsFor, savedFor }: SectionProps) {
  const t = useT();
  const v = d.case.version;
  const staffOptions = d.staff.map((s) => ({ value: s.id, label: s.displayName }));
  return (
    <>
      {d.canAssign ? (
        <section aria-labelledby="workers-h">
          <h2 id="workers-h">{t("cases.workers")}</h2>
          <ErrorSummary errors={errorsFor("workers")} />
          <SavedNotice show={savedFor("workers")} />
          <Form method="post" key={`w-${v}`}>
            <input type="hidden" name="intent" value="workers" />
            <input type="hidden" name="version" value={v} />
            <fieldset>
              <legend>{t("cases.workers_choose")}</legend>
              {d.staff.map((s) => (
                <Checkbox
                  key={s.id}
                  name="workerIds"
                  value={s.id}
                  label={s.displayName}
                  defaultChecked={d.workers.some((w) => w.userId === s.id)}
                />
              ))}
            </fieldset>
            <Select
              name="leadId"
              label={t("cases.lead")}
              options={staffOptions}
              defaultValue={d.workers.find((w) => w.lead)?.userId}
              errors={errorsFor("workers")}
            />
            <p>
              <button type="submit">{t("cases.workers_save")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}

/** The household's persons. */
export function PersonsSection({ d }: SectionProps) {
  const t = useT();
  const f = useFormat();
  return (
    <section id="persons" aria-labelledby="persons-h">
      <h2 id="persons-h">{t("cases.section_persons")}</h2>
      <div className="table-wrap">
        <table>
          <caption>{t("cases.persons_caption", { household: d.household.label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cases.name")}</th>
              <th scope="col">{t("cases.household_relation")}</th>
              <th scope="col">{t("cases.birth_date")}</th>
              <th scope="col">{t("cases.residence_status")}</th>
              <th scope="col">{t("cases.languages")}</th>
            </tr>
          </thead>
          <tbody>
            {d.persons.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{t(`cases.relation_${p.householdRelation}`)}</td>
                <td>{f.day(p.birthDate)}</td>
                <td>{p.residenceStatus ? t(`cases.residence_${p.residenceStatus}`) : "—"}</td>
                <td dir="ltr">{p.languages.map((l) => `${l.lang} (${l.level})`).join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link to={`/staff/households/${d.household.id}`}>{t("cases.household_open")}</Link>
      </p>
    </section>
  );
}
