import { Form } from "react-router";
import { CONTACT_KINDS } from "#app/modules/casework/model.ts";
import { Checkbox, ErrorSummary, FileField, Select, TextField } from "../../../components/form/index.ts";
import { useT } from "../../../i18n.tsx";
import { SavedNotice, type SectionProps, useFormat } from "./detail-shared.tsx";

/** The contact log. */
export function ContactsSection({ d, errorsFor, savedFor }: SectionProps) {
  const t = useT();
  const f = useFormat();
  return (
    <section id="contacts" aria-labelledby="contacts-h">
      <h2 id="contacts-h">{t("cases.section_contacts")}</h2>
      {d.guideHandout ? (
        <p>
          <a href={`/staff/guide/handout/${d.caseId}`}>{t("guide.handout_link")}</a>
        </p>
      ) : null}
      {d.volunteerRequest ? (
        <p>
          <a href={`/staff/volunteers/cases/${d.caseId}`}>{t("volunteers.case_request_link")}</a>
        </p>
      ) : null}
      {d.canWrite ? (
        <>
          <ErrorSummary errors={errorsFor("contact")} />
          <SavedNotice show={savedFor("contact")} />
          <Form method="post" className="stack" noValidate key={`co-${d.contacts.length}`}>
            <input type="hidden" name="intent" value="contact" />
            <Select
              name="kind"
              id="contact-kind"
              label={t("cases.contact_kind")}
              options={CONTACT_KINDS.map((x) => ({ value: x, label: t(`cases.contact_${x}`) }))}
              errors={errorsFor("contact")}
            />
            <TextField
              name="occurredAt"
              id="contact-at"
              type="datetime-local"
              label={t("cases.contact_at")}
              required
              errors={errorsFor("contact")}
            />
            <TextField
              name="durationMinutes"
              id="contact-duration"
              type="number"
              min={0}
              max={1440}
              inputMode="numeric"
              label={t("cases.contact_duration")}
              errors={errorsFor("contact")}
            />
            <TextField
              multiline
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
  );
}

/** Notes (encrypted). */
export function NotesSection({ d, errorsFor, savedFor }: SectionProps) {
  const t = useT();
  const f = useFormat();
  const personOptions = d.persons.map((p) => ({ value: p.id, label: p.name }));
  return (
    <section id="notes" aria-labelledby="notes-h">
      <h2 id="notes-h">{t("cases.section_notes")}</h2>
      {d.canWrite ? (
        <>
          <ErrorSummary errors={errorsFor("note")} />
          <SavedNotice show={savedFor("note")} />
          <Form method="post" className="stack" noValidate key={`no-${d.notes.length}`}>
            <input type="hidden" name="intent" value="note" />
            <TextField
              multiline
              name="text"
              id="note-text"
              label={t("cases.note")}
              hint={t("cases.encrypted_hint")}
              required
              maxLength={20000}
              errors={errorsFor("note")}
            />
            <Select
              name="personId"
              id="note-person"
              label={t("cases.person")}
              empty={t("cases.whole_household")}
              options={personOptions}
              errors={errorsFor("note")}
            />
            <Checkbox name="health" id="note-health" label={t("cases.note_health")} />
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
  );
}

/** Attachments (encrypted). */
export function AttachmentsSection({ d, errorsFor, savedFor }: SectionProps) {
  const t = useT();
  const f = useFormat();
  return (
    <section id="attachments" aria-labelledby="attachments-h">
      <h2 id="attachments-h">{t("cases.section_attachments")}</h2>
      {d.canWrite ? (
        <>
          <ErrorSummary errors={errorsFor("attachment")} />
          <SavedNotice show={savedFor("attachment")} />
          <Form
            method="post"
            encType="multipart/form-data"
            className="stack"
            noValidate
            key={`at-${d.attachments.length}`}
          >
            <input type="hidden" name="intent" value="attachment" />
            <FileField
              id="attachment-file"
              name="file"
              label={t("cases.attachment_file")}
              hint={t("cases.attachment_hint")}
              accept="application/pdf,image/png,image/jpeg"
              errors={errorsFor("attachment")}
            />
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
  );
}
