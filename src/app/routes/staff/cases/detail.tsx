import { data, Form, Link, useSearchParams } from "react-router";
import {
  assignWorkersInput,
  changePhaseInput,
  closeCaseInput,
  contactInput,
  needInput,
  noteInput,
  planItemInput,
  reopenCaseInput,
  updateCaseInput,
  updateNeedInput,
  updatePlanItemInput,
} from "#app/modules/casework/contracts.ts";
import {
  CASE_TYPES,
  CLOSURE_REASONS,
  CONTACT_KINDS,
  HOUSING_STAGES,
  LIFE_DOMAINS,
  NEED_STATUSES,
  PLAN_ITEM_STATUSES,
} from "#app/modules/casework/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  CheckboxField,
  errorAt,
  formString,
  InputField,
  SelectField,
  TextAreaField,
} from "../../../components/case-fields.tsx";
import { FormErrorSummary, Notice } from "../../../components/forms.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePage } from "../../../server/guard.server.ts";
import type { Route } from "./+types/detail";

const TIME_ZONE = "Europe/Berlin";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "cases.read");
  const search = new URL(request.url).searchParams;
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const d = await ctx.services.casework.cases
    .get(principal, params.id, { requestId: ctx.requestId })
    .catch((e: unknown) => {
      if (e instanceof AppError && (e.status === 404 || e.status === 403))
        throw data(null, { status: e.status });
      throw e;
    });
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(
    ctx.services.core.clock.now(),
  );
  // Questionnaires (issue 5): the active forms to fill and the responses given in this case. The
  // case was loaded (and its read audited) once above; its handle stands for it.
  const [forms, responses] = can(principal, "surveys.capture")
    ? await Promise.all([
        ctx.services.surveys.listForms(principal),
        ctx.services.surveys.caseResponses(principal, d.access),
      ])
    : [[], []];
  const surveyNotice = search.get("notice");
  return {
    caseId: d.case.id,
    today,
    surveys: {
      forms: forms.filter((f) => f.status === "active").map((f) => ({ id: f.id, title: f.title })),
      responses: responses.map((r) => ({
        id: r.id,
        formTitle: r.formTitle,
        formVersion: r.formVersion,
        channel: r.channel,
        personId: r.personId,
        submittedAt: r.submittedAt.toISOString(),
      })),
      notice:
        surveyNotice === "survey_saved" ||
        surveyNotice === "survey_saved_needs" ||
        surveyNotice === "survey_duplicate"
          ? { key: surveyNotice, needs: Number(search.get("needs")) || 0 }
          : null,
    },
    case: {
      id: d.case.id,
      reference: d.case.reference,
      caseType: d.case.caseType,
      housingStage: d.case.housingStage,
      phaseKey: d.case.phaseKey,
      status: d.case.status,
      openedOn: d.case.openedOn,
      closedOn: d.case.closedOn,
      closureReason: d.case.closureReason,
      retentionDueOn: d.case.retentionDueOn,
      version: d.case.version,
    },
    breakGlass: d.breakGlass,
    office: d.office ? { id: d.office.id, name: d.office.name } : null,
    household: { id: d.household.id, label: d.household.label },
    persons: d.persons.map((p) => ({
      id: p.id,
      name: `${p.givenName} ${p.familyName}`,
      birthDate: p.birthDate,
      residenceStatus: p.residenceStatus,
      languages: p.languages,
      householdRelation: p.householdRelation,
    })),
    workers: d.workers,
    phases: d.phases.filter((p) => p.active).map((p) => ({ key: p.key, label: p.label })),
    allPhases: d.phases.map((p) => ({ key: p.key, label: p.label })),
    phaseHistory: d.phaseHistory,
    needs: d.needs.map((n) => ({
      id: n.id,
      domain: n.domain,
      status: n.status,
      note: n.note,
      personId: n.personId,
      version: n.version,
    })),
    planItems: d.planItems.map((p) => ({
      id: p.id,
      goalId: p.goalId,
      title: p.title,
      dueOn: p.dueOn,
      status: p.status,
      responsibleName: p.responsibleName,
      responsibleText: p.responsibleText,
      responsibleUserId: p.responsibleUserId,
      needId: p.needId,
      version: p.version,
    })),
    contacts: d.contacts.map((c) => ({
      id: c.id,
      kind: c.kind,
      occurredAt: c.occurredAt.toISOString(),
      durationMinutes: c.durationMinutes,
      note: c.note,
      authorName: c.authorName,
    })),
    notes: d.notes.map((n) => ({
      id: n.id,
      text: n.text,
      health: n.health,
      authorName: n.authorName,
      createdAt: n.createdAt.toISOString(),
      version: n.version,
    })),
    attachments: d.attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      mimeType: a.mimeType,
      byteSize: a.byteSize,
      createdAt: a.createdAt.toISOString(),
    })),
    staff: d.staff,
    canAssign: d.canAssign,
    canWrite: d.canWrite,
  };
}

const INTENTS = [
  "case",
  "workers",
  "phase",
  "need_add",
  "need_update",
  "plan_add",
  "plan_update",
  "contact",
  "note",
  "attachment",
  "close",
  "reopen",
] as const;
type Intent = (typeof INTENTS)[number];

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "cases.write");
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const s = (n: string) => formString(form, n);
  const intent = (INTENTS as readonly string[]).includes(s("intent")) ? (s("intent") as Intent) : "case";
  const version = Number(s("version"));
  const target = s("target");
  const cw = ctx.services.casework;
  const opts = { requestId: ctx.requestId };
  const id = params.id;
  const planFields = () => ({
    title: s("title"),
    goalId: s("goalId"),
    needId: s("needId"),
    dueOn: s("dueOn"),
    responsibleUserId: s("responsibleUserId"),
    responsibleText: s("responsibleText"),
    status: s("status") || "open",
  });
  const result = await formAction(ctx.t, async (): Promise<unknown> => {
    switch (intent) {
      case "case": {
        const input = { caseType: s("caseType"), housingStage: s("housingStage"), version };
        return cw.cases.update(principal, id, parseInput(updateCaseInput, input), opts);
      }
      case "workers": {
        const workerIds = form.getAll("workerIds").filter((v) => typeof v === "string");
        const input = parseInput(assignWorkersInput, { workerIds, leadId: s("leadId"), version });
        return cw.cases.assignWorkers(principal, id, input, opts);
      }
      case "phase": {
        const input = { toPhase: s("toPhase"), changedOn: s("changedOn"), reason: s("reason"), version };
        return cw.cases.changePhase(principal, id, parseInput(changePhaseInput, input), opts);
      }
      case "need_add": {
        const input = { domain: s("domain"), status: s("status"), personId: s("personId"), note: s("note") };
        return cw.needs.add(principal, id, parseInput(needInput, input), opts);
      }
      case "need_update": {
        const input = parseInput(updateNeedInput, { status: s("status"), note: s("note"), version });
        return cw.needs.update(principal, id, target, input, opts);
      }
      case "plan_add":
        return cw.planItems.add(principal, id, parseInput(planItemInput, planFields()), opts);
      case "plan_update": {
        const input = parseInput(updatePlanItemInput, { ...planFields(), version });
        return cw.planItems.update(principal, id, target, input, opts);
      }
      case "contact": {
        const input = {
          kind: s("kind"),
          occurredAt: s("occurredAt"),
          durationMinutes: s("durationMinutes"),
          note: s("note"),
        };
        return cw.contacts.add(principal, id, parseInput(contactInput, input), opts);
      }
      case "note": {
        const input = { text: s("text"), health: s("health"), personId: s("personId") };
        return cw.notes.add(principal, id, parseInput(noteInput, input), opts);
      }
      case "attachment": {
        const file = form.get("file");
        const upload =
          file instanceof File
            ? { fileName: file.name, mimeType: file.type, content: new Uint8Array(await file.arrayBuffer()) }
            : { fileName: "", content: new Uint8Array() };
        return cw.attachments.add(principal, id, upload, opts);
      }
      case "close": {
        const input = parseInput(closeCaseInput, { closedOn: s("closedOn"), reason: s("reason"), version });
        return cw.cases.close(principal, id, input, opts);
      }
      case "reopen":
        return cw.cases.reopen(principal, id, parseInput(reopenCaseInput, { version }), opts);
    }
  });
  const key = intent === "need_update" || intent === "plan_update" ? `${intent}:${target}` : intent;
  if ("data" in result) return data({ ...result.data, intent: key }, result.init ?? undefined);
  return { ok: true as const, intent: key };
}

function useFormat() {
  const lang = useLang();
  const day = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
  const time = new Intl.DateTimeFormat(lang, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  });
  return {
    day: (d: string | null) => (d ? day.format(new Date(`${d}T00:00:00Z`)) : "—"),
    time: (d: string) => time.format(new Date(d)),
  };
}

export default function CaseDetail({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const f = useFormat();
  const [search] = useSearchParams();
  const d = loaderData;
  const c = d.case;
  const errorsFor = (i: string) =>
    actionData && !actionData.ok && actionData.intent === i ? actionData.errors : undefined;
  const savedFor = (i: string) => actionData?.ok === true && actionData.intent === i;
  const phaseLabel = new Map(d.allPhases.map((p) => [p.key, p.label]));
  const personName = new Map(d.persons.map((p) => [p.id, p.name]));
  const goals = d.planItems.filter((p) => p.goalId === null);
  const tasksOf = (goalId: string) => d.planItems.filter((p) => p.goalId === goalId);
  const open = c.status === "open";
  const v = c.version;
  const staffOptions = d.staff.map((s) => ({ value: s.id, label: s.displayName }));
  const personOptions = d.persons.map((p) => ({ value: p.id, label: p.name }));

  const Saved = ({ i }: { i: string }) =>
    savedFor(i) ? <Notice kind="success">{t("cases.saved")}</Notice> : null;

  return (
    <>
      <p>
        <Link to="/staff/cases">{t("cases.back_to_list")}</Link>
      </p>
      <h1>{t("cases.detail_title", { reference: c.reference })}</h1>
      {search.get("created") ? <Notice kind="success">{t("cases.created")}</Notice> : null}
      {d.breakGlass ? <Notice kind="warning">{t("cases.break_glass_active")}</Notice> : null}
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

      {d.canWrite ? (
        <section aria-labelledby="case-edit-h">
          <h2 id="case-edit-h">{t("cases.section_case")}</h2>
          <FormErrorSummary errors={errorsFor("case")} />
          <Saved i="case" />
          <Form method="post" className="stack" noValidate key={`case-${v}`}>
            <input type="hidden" name="intent" value="case" />
            <input type="hidden" name="version" value={v} />
            <SelectField
              name="caseType"
              label={t("cases.case_type")}
              options={CASE_TYPES.map((x) => ({ value: x, label: t(`cases.type_${x}`) }))}
              defaultValue={c.caseType}
              errors={errorsFor("case")}
            />
            <SelectField
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

      {d.canAssign ? (
        <section aria-labelledby="workers-h">
          <h2 id="workers-h">{t("cases.workers")}</h2>
          <FormErrorSummary errors={errorsFor("workers")} />
          <Saved i="workers" />
          <Form method="post" key={`w-${v}`}>
            <input type="hidden" name="intent" value="workers" />
            <input type="hidden" name="version" value={v} />
            <fieldset>
              <legend>{t("cases.workers_choose")}</legend>
              {d.staff.map((s) => (
                <CheckboxField
                  key={s.id}
                  name="workerIds"
                  value={s.id}
                  label={s.displayName}
                  defaultChecked={d.workers.some((w) => w.userId === s.id)}
                />
              ))}
            </fieldset>
            <SelectField
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

      <section id="phase" aria-labelledby="phase-h">
        <h2 id="phase-h">{t("cases.section_phase")}</h2>
        <p>{t("cases.phase_current", { phase: phaseLabel.get(c.phaseKey) ?? c.phaseKey })}</p>
        {open && d.canWrite ? (
          <>
            <FormErrorSummary errors={errorsFor("phase")} />
            <Saved i="phase" />
            <Form method="post" className="stack" noValidate key={`ph-${v}`}>
              <input type="hidden" name="intent" value="phase" />
              <input type="hidden" name="version" value={v} />
              <SelectField
                name="toPhase"
                label={t("cases.phase_new")}
                options={d.phases.map((p) => ({ value: p.key, label: p.label }))}
                defaultValue={
                  d.phases[d.phases.findIndex((p) => p.key === c.phaseKey) + 1]?.key ?? c.phaseKey
                }
                errors={errorsFor("phase")}
              />
              <InputField
                name="changedOn"
                type="date"
                label={t("cases.phase_changed_on")}
                defaultValue={d.today}
                required
                errors={errorsFor("phase")}
              />
              <TextAreaField
                name="reason"
                label={t("cases.phase_reason")}
                hint={t("cases.encrypted_hint")}
                required
                maxLength={2000}
                rows={3}
                errors={errorsFor("phase")}
              />
              <p>
                <button type="submit">{t("cases.phase_change")}</button>
              </p>
            </Form>
          </>
        ) : null}
        <div className="table-wrap">
          <table>
            <caption>{t("cases.phase_history")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cases.date")}</th>
                <th scope="col">{t("cases.phase_from")}</th>
                <th scope="col">{t("cases.phase_to")}</th>
                <th scope="col">{t("cases.phase_reason")}</th>
                <th scope="col">{t("cases.by")}</th>
              </tr>
            </thead>
            <tbody>
              {d.phaseHistory.map((h) => (
                <tr key={h.id}>
                  <td>{f.day(h.changedOn)}</td>
                  <td>{h.fromPhase ? (phaseLabel.get(h.fromPhase) ?? h.fromPhase) : "—"}</td>
                  <th scope="row">{phaseLabel.get(h.toPhase) ?? h.toPhase}</th>
                  <td className="case-text">{h.reason ?? "—"}</td>
                  <td>{h.changedBy ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section id="needs" aria-labelledby="needs-h">
        <h2 id="needs-h">{t("cases.section_needs")}</h2>
        <div className="table-wrap">
          <table>
            <caption>{t("cases.needs_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cases.domain")}</th>
                <th scope="col">{t("cases.person")}</th>
                <th scope="col">{t("cases.need_status")}</th>
                <th scope="col">{t("cases.note")}</th>
              </tr>
            </thead>
            <tbody>
              {d.needs.map((n) => {
                const key = `need_update:${n.id}`;
                const err = errorsFor(key);
                return (
                  <tr key={n.id}>
                    <th scope="row">{t(`cases.domain_${n.domain}`)}</th>
                    <td>{n.personId ? (personName.get(n.personId) ?? "—") : t("cases.whole_household")}</td>
                    <td>
                      {d.canWrite ? (
                        <Form method="post" className="inline-form" key={`${n.id}-${n.version}`}>
                          <input type="hidden" name="intent" value="need_update" />
                          <input type="hidden" name="target" value={n.id} />
                          <input type="hidden" name="version" value={n.version} />
                          <input type="hidden" name="note" value={n.note ?? ""} />
                          <select
                            name="status"
                            defaultValue={n.status}
                            aria-label={t("cases.need_status_of", { domain: t(`cases.domain_${n.domain}`) })}
                            aria-invalid={err ? true : undefined}
                          >
                            {NEED_STATUSES.map((x) => (
                              <option key={x} value={x}>
                                {t(`cases.need_${x}`)}
                              </option>
                            ))}
                          </select>{" "}
                          <button type="submit" className="button-secondary">
                            {t("cases.save")}
                          </button>
                          {err ? (
                            <p className="field-error" role="alert">
                              {err.title}
                            </p>
                          ) : null}
                        </Form>
                      ) : (
                        t(`cases.need_${n.status}`)
                      )}
                    </td>
                    <td className="case-text">{n.note ?? "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {d.needs.length === 0 ? <p>{t("cases.needs_none")}</p> : null}
        {d.canWrite ? (
          <>
            <h3>{t("cases.need_add")}</h3>
            <FormErrorSummary errors={errorsFor("need_add")} />
            <Saved i="need_add" />
            <Form method="post" className="stack" noValidate key={`na-${d.needs.length}`}>
              <input type="hidden" name="intent" value="need_add" />
              <SelectField
                name="domain"
                id="need-domain"
                label={t("cases.domain")}
                options={LIFE_DOMAINS.map((x) => ({ value: x, label: t(`cases.domain_${x}`) }))}
                errors={errorsFor("need_add")}
              />
              <SelectField
                name="personId"
                id="need-person"
                label={t("cases.person")}
                empty={t("cases.whole_household")}
                options={personOptions}
                errors={errorsFor("need_add")}
              />
              <SelectField
                name="status"
                id="need-status"
                label={t("cases.need_status")}
                options={NEED_STATUSES.map((x) => ({ value: x, label: t(`cases.need_${x}`) }))}
                defaultValue="identified"
                errors={errorsFor("need_add")}
              />
              <TextAreaField
                name="note"
                id="need-note"
                label={t("cases.note")}
                hint={t("cases.encrypted_hint")}
                maxLength={5000}
                rows={2}
                errors={errorsFor("need_add")}
              />
              <p>
                <button type="submit">{t("cases.need_add")}</button>
              </p>
            </Form>
          </>
        ) : null}
      </section>

      <section id="plan" aria-labelledby="plan-h">
        <h2 id="plan-h">{t("cases.section_plan")}</h2>
        {goals.length === 0 ? <p>{t("cases.plan_none")}</p> : null}
        {goals.map((g) => (
          <article key={g.id} className="plan-goal" aria-labelledby={`goal-${g.id}`}>
            <h3 id={`goal-${g.id}`}>
              {g.title} <span className="badge">{t(`cases.plan_${g.status}`)}</span>
            </h3>
            <PlanItemForm
              item={g}
              canWrite={d.canWrite}
              errors={errorsFor(`plan_update:${g.id}`)}
              staff={staffOptions}
            />
            <ul>
              {tasksOf(g.id).map((task) => (
                <li key={task.id}>
                  <strong>{task.title}</strong> – {t("cases.plan_due", { date: f.day(task.dueOn) })}
                  {task.dueOn && task.status === "open" && task.dueOn < d.today ? (
                    <span className="badge badge-warning"> {t("cases.overdue")}</span>
                  ) : null}{" "}
                  – {task.responsibleName ?? task.responsibleText ?? "—"} – {t(`cases.plan_${task.status}`)}
                  <PlanItemForm
                    item={task}
                    canWrite={d.canWrite}
                    errors={errorsFor(`plan_update:${task.id}`)}
                    staff={staffOptions}
                  />
                </li>
              ))}
            </ul>
          </article>
        ))}
        {d.canWrite ? (
          <>
            <h3>{t("cases.plan_add")}</h3>
            <FormErrorSummary errors={errorsFor("plan_add")} />
            <Saved i="plan_add" />
            <Form method="post" className="stack" noValidate key={`pa-${d.planItems.length}`}>
              <input type="hidden" name="intent" value="plan_add" />
              <InputField
                name="title"
                id="plan-title"
                label={t("cases.plan_title")}
                required
                maxLength={300}
                errors={errorsFor("plan_add")}
              />
              <SelectField
                name="goalId"
                id="plan-goal"
                label={t("cases.plan_goal")}
                hint={t("cases.plan_goal_hint")}
                empty={t("cases.plan_is_goal")}
                options={goals.map((g) => ({ value: g.id, label: g.title }))}
                errors={errorsFor("plan_add")}
              />
              <SelectField
                name="needId"
                id="plan-need"
                label={t("cases.plan_need")}
                empty="—"
                options={d.needs.map((n) => ({ value: n.id, label: t(`cases.domain_${n.domain}`) }))}
                errors={errorsFor("plan_add")}
              />
              <InputField
                name="dueOn"
                id="plan-due"
                type="date"
                label={t("cases.plan_due_on")}
                errors={errorsFor("plan_add")}
              />
              <SelectField
                name="responsibleUserId"
                id="plan-responsible"
                label={t("cases.plan_responsible_user")}
                empty="—"
                options={staffOptions}
                errors={errorsFor("plan_add")}
              />
              <InputField
                name="responsibleText"
                id="plan-responsible-text"
                label={t("cases.plan_responsible_text")}
                hint={t("cases.plan_responsible_text_hint")}
                maxLength={200}
                errors={errorsFor("plan_add")}
              />
              <p>
                <button type="submit">{t("cases.plan_add")}</button>
              </p>
            </Form>
          </>
        ) : null}
      </section>

      <section id="contacts" aria-labelledby="contacts-h">
        <h2 id="contacts-h">{t("cases.section_contacts")}</h2>
        {d.canWrite ? (
          <>
            <FormErrorSummary errors={errorsFor("contact")} />
            <Saved i="contact" />
            <Form method="post" className="stack" noValidate key={`co-${d.contacts.length}`}>
              <input type="hidden" name="intent" value="contact" />
              <SelectField
                name="kind"
                id="contact-kind"
                label={t("cases.contact_kind")}
                options={CONTACT_KINDS.map((x) => ({ value: x, label: t(`cases.contact_${x}`) }))}
                errors={errorsFor("contact")}
              />
              <InputField
                name="occurredAt"
                id="contact-at"
                type="datetime-local"
                label={t("cases.contact_at")}
                required
                errors={errorsFor("contact")}
              />
              <InputField
                name="durationMinutes"
                id="contact-duration"
                type="number"
                min={0}
                max={1440}
                inputMode="numeric"
                label={t("cases.contact_duration")}
                errors={errorsFor("contact")}
              />
              <TextAreaField
                name="note"
                id="contact-note"
                label={t("cases.note")}
                hint={t("cases.encrypted_hint")}
                maxLength={10000}
                rows={3}
                errors={errorsFor("contact")}
              />
              <p>
                <button type="submit">{t("cases.contact_add")}</button>
              </p>
            </Form>
          </>
        ) : null}
        <div className="table-wrap">
          <table>
            <caption>{t("cases.contacts_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cases.contact_at")}</th>
                <th scope="col">{t("cases.contact_kind")}</th>
                <th scope="col">{t("cases.contact_duration")}</th>
                <th scope="col">{t("cases.note")}</th>
                <th scope="col">{t("cases.by")}</th>
              </tr>
            </thead>
            <tbody>
              {d.contacts.map((x) => (
                <tr key={x.id}>
                  <td>{f.time(x.occurredAt)}</td>
                  <th scope="row">{t(`cases.contact_${x.kind}`)}</th>
                  <td>{x.durationMinutes ?? "—"}</td>
                  <td className="case-text">{x.note ?? "—"}</td>
                  <td>{x.authorName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section id="notes" aria-labelledby="notes-h">
        <h2 id="notes-h">{t("cases.section_notes")}</h2>
        {d.canWrite ? (
          <>
            <FormErrorSummary errors={errorsFor("note")} />
            <Saved i="note" />
            <Form method="post" className="stack" noValidate key={`no-${d.notes.length}`}>
              <input type="hidden" name="intent" value="note" />
              <TextAreaField
                name="text"
                id="note-text"
                label={t("cases.note")}
                hint={t("cases.encrypted_hint")}
                required
                maxLength={20000}
                errors={errorsFor("note")}
              />
              <SelectField
                name="personId"
                id="note-person"
                label={t("cases.person")}
                empty={t("cases.whole_household")}
                options={personOptions}
                errors={errorsFor("note")}
              />
              <CheckboxField name="health" id="note-health" label={t("cases.note_health")} />
              <p>
                <button type="submit">{t("cases.note_add")}</button>
              </p>
            </Form>
          </>
        ) : null}
        <ul className="case-notes">
          {d.notes.map((n) => (
            <li key={n.id}>
              <p className="case-text">{n.text}</p>
              <p className="hint">
                {f.time(n.createdAt)} – {n.authorName ?? "—"}
                {n.health ? ` – ${t("cases.note_health_badge")}` : ""}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section id="attachments" aria-labelledby="attachments-h">
        <h2 id="attachments-h">{t("cases.section_attachments")}</h2>
        {d.canWrite ? (
          <>
            <FormErrorSummary errors={errorsFor("attachment")} />
            <Saved i="attachment" />
            <Form
              method="post"
              encType="multipart/form-data"
              className="stack"
              noValidate
              key={`at-${d.attachments.length}`}
            >
              <input type="hidden" name="intent" value="attachment" />
              <div className={errorAt(errorsFor("attachment"), "file") ? "field field-invalid" : "field"}>
                <label htmlFor="attachment-file">{t("cases.attachment_file")}</label>
                <p className="hint" id="attachment-file-hint">
                  {t("cases.attachment_hint")}
                </p>
                <input
                  id="attachment-file"
                  type="file"
                  name="file"
                  accept="application/pdf,image/png,image/jpeg"
                  aria-describedby={
                    errorAt(errorsFor("attachment"), "file")
                      ? "attachment-file-hint attachment-file-error"
                      : "attachment-file-hint"
                  }
                  aria-invalid={errorAt(errorsFor("attachment"), "file") ? true : undefined}
                />
                {errorAt(errorsFor("attachment"), "file") ? (
                  <p className="field-error" id="attachment-file-error">
                    {errorAt(errorsFor("attachment"), "file")}
                  </p>
                ) : null}
              </div>
              <p>
                <button type="submit">{t("cases.attachment_add")}</button>
              </p>
            </Form>
          </>
        ) : null}
        <ul>
          {d.attachments.map((a) => (
            <li key={a.id}>
              <a href={`/api/v1/cases/${d.caseId}/attachments/${a.id}`} download={a.fileName}>
                {a.fileName}
              </a>{" "}
              ({Math.ceil(a.byteSize / 1024)} KB, {f.time(a.createdAt)})
            </li>
          ))}
        </ul>
      </section>

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
                      {r.formTitle} ({t("surveys.version_n", { n: String(r.formVersion) })})
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

      <section id="closure" aria-labelledby="closure-h">
        <h2 id="closure-h">{t("cases.section_closure")}</h2>
        <FormErrorSummary errors={errorsFor(open ? "close" : "reopen")} />
        <Saved i={open ? "close" : "reopen"} />
        {d.canWrite && open ? (
          <Form method="post" className="stack" noValidate key={`cl-${v}`}>
            <input type="hidden" name="intent" value="close" />
            <input type="hidden" name="version" value={v} />
            <InputField
              name="closedOn"
              id="close-on"
              type="date"
              label={t("cases.closed_on")}
              defaultValue={d.today}
              required
              errors={errorsFor("close")}
            />
            <SelectField
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
    </>
  );
}

function PlanItemForm(props: {
  item: {
    id: string;
    goalId: string | null;
    title: string;
    dueOn: string | null;
    status: string;
    responsibleUserId: string | null;
    responsibleText: string | null;
    needId: string | null;
    version: number;
  };
  canWrite: boolean;
  errors: FormErrors | undefined;
  staff: { value: string; label: string }[];
}) {
  const t = useT();
  const { item } = props;
  if (!props.canWrite) return null;
  return (
    <Form method="post" className="inline-form" key={`${item.id}-${item.version}`}>
      <input type="hidden" name="intent" value="plan_update" />
      <input type="hidden" name="target" value={item.id} />
      <input type="hidden" name="version" value={item.version} />
      <input type="hidden" name="title" value={item.title} />
      <input type="hidden" name="goalId" value={item.goalId ?? ""} />
      <input type="hidden" name="needId" value={item.needId ?? ""} />
      <input type="hidden" name="dueOn" value={item.dueOn ?? ""} />
      <input type="hidden" name="responsibleUserId" value={item.responsibleUserId ?? ""} />
      <input type="hidden" name="responsibleText" value={item.responsibleText ?? ""} />
      <select
        name="status"
        defaultValue={item.status}
        aria-label={t("cases.plan_status_of", { title: item.title })}
      >
        {PLAN_ITEM_STATUSES.map((x) => (
          <option key={x} value={x}>
            {t(`cases.plan_${x}`)}
          </option>
        ))}
      </select>{" "}
      <button type="submit" className="button-secondary">
        {t("cases.save")}
      </button>
      {props.errors ? (
        <p className="field-error" role="alert">
          {props.errors.title}
        </p>
      ) : null}
    </Form>
  );
}
