import { Form } from "react-router";
import { LIFE_DOMAINS, NEED_STATUSES } from "#app/modules/casework/model.ts";
import { ErrorSummary, Select, TextField } from "../../../components/form/index.ts";
import { useT } from "../../../i18n.tsx";
import { SavedNotice, type SectionProps, useFormat } from "./detail-shared.tsx";

/** The current phase, its change and history. */
export function PhaseSection({ d, errorsFor, savedFor }: SectionProps) {
  const t = useT();
  const f = useFormat();
  const c = d.case;
  const v = d.case.version;
  const open = d.case.status === "open";
  const phaseLabel = new Map(d.allPhases.map((p) => [p.key, p.label]));
  return (
    <section id="phase" aria-labelledby="phase-h">
      <h2 id="phase-h">{t("cases.section_phase")}</h2>
      <p>{t("cases.phase_current", { phase: phaseLabel.get(c.phaseKey) ?? c.phaseKey })}</p>
      {open && d.canWrite ? (
        <>
          <ErrorSummary errors={errorsFor("phase")} />
          <SavedNotice show={savedFor("phase")} />
          <Form method="post" className="stack" noValidate key={`ph-${v}`}>
            <input type="hidden" name="intent" value="phase" />
            <input type="hidden" name="version" value={v} />
            <Select
              name="toPhase"
              label={t("cases.phase_new")}
              options={d.phases.map((p) => ({ value: p.key, label: p.label }))}
              defaultValue={d.phases[d.phases.findIndex((p) => p.key === c.phaseKey) + 1]?.key ?? c.phaseKey}
              errors={errorsFor("phase")}
            />
            <TextField
              name="changedOn"
              type="date"
              label={t("cases.phase_changed_on")}
              defaultValue={d.today}
              required
              errors={errorsFor("phase")}
            />
            <TextField
              multiline
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
  );
}

/** Needs per life domain. */
export function NeedsSection({ d, errorsFor, savedFor }: SectionProps) {
  const t = useT();
  const personName = new Map(d.persons.map((p) => [p.id, p.name]));
  const personOptions = d.persons.map((p) => ({ value: p.id, label: p.name }));
  return (
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
          <ErrorSummary errors={errorsFor("need_add")} />
          <SavedNotice show={savedFor("need_add")} />
          <Form method="post" className="stack" noValidate key={`na-${d.needs.length}`}>
            <input type="hidden" name="intent" value="need_add" />
            <Select
              name="domain"
              id="need-domain"
              label={t("cases.domain")}
              options={LIFE_DOMAINS.map((x) => ({ value: x, label: t(`cases.domain_${x}`) }))}
              errors={errorsFor("need_add")}
            />
            <Select
              name="personId"
              id="need-person"
              label={t("cases.person")}
              empty={t("cases.whole_household")}
              options={personOptions}
              errors={errorsFor("need_add")}
            />
            <Select
              name="status"
              id="need-status"
              label={t("cases.need_status")}
              options={NEED_STATUSES.map((x) => ({ value: x, label: t(`cases.need_${x}`) }))}
              defaultValue="identified"
              errors={errorsFor("need_add")}
            />
            <TextField
              multiline
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
  );
}
