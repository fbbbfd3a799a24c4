import { Form, Link } from "react-router";
import type { EntityType } from "#app/modules/directory/model.ts";
import type { EntryView } from "#app/modules/directory/service.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formatDate } from "../directory-editor.tsx";
import { Notice } from "../form/index.ts";

/** An existing entry's status, its links and the actions that need no form data. */
export function EntryStatus({ entry, type, busy }: { entry: EntryView; type: EntityType; busy: boolean }) {
  const t = useT();
  const lang = useLang();
  return (
    <section className="dir-status" aria-label={t("directory.status_label")}>
      <dl className="dir-facts">
        <div>
          <dt>{t("directory.status_label")}</dt>
          <dd>{t(`directory.status_${entry.status}`)}</dd>
        </div>
        {entry.openRevision ? (
          <div>
            <dt>{t("directory.open_change")}</dt>
            <dd>
              <Link to={`/staff/directory/revisions/${entry.openRevision.id}`}>
                {t("directory.revision_n", { n: entry.openRevision.number })} ·{" "}
                {t(`directory.revision_status_${entry.openRevision.status}`)}
              </Link>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("directory.last_checked")}</dt>
          <dd>{entry.lastCheckedAt ? formatDate(entry.lastCheckedAt, lang) : t("directory.never")}</dd>
        </div>
      </dl>
      {entry.rejectedRevision ? (
        <Notice kind="warning">
          {t("directory.rejected_note", { n: entry.rejectedRevision.number })}{" "}
          {entry.rejectedRevision.reviewNote}
        </Notice>
      ) : null}
      <ul className="dir-links">
        <li>
          <Link to={`/staff/directory/${type}/${entry.id}/history`}>{t("directory.history")}</Link>
        </li>
        <li>
          <Link to={`/staff/directory/${type}/${entry.id}/translations`}>{t("directory.translations")}</Link>
        </li>
      </ul>
      {entry.canEdit && entry.status === "published" ? (
        <Form method="post" className="dir-inline-form">
          <input type="hidden" name="intent" value="check" />
          <button type="submit" className="button-secondary" disabled={busy}>
            {t("directory.confirm_checked")}
          </button>
        </Form>
      ) : null}
      {entry.openRevision && entry.canEdit ? (
        <Form method="post" className="dir-inline-form">
          <input type="hidden" name="intent" value="withdraw" />
          <input type="hidden" name="revisionId" value={entry.openRevision.id} />
          <input type="hidden" name="version" value={entry.openRevision.version} />
          <button type="submit" className="button-secondary" disabled={busy}>
            {t("directory.withdraw")}
          </button>
        </Form>
      ) : null}
      {entry.canPublish && entry.status !== "archived" ? (
        <Form method="post" className="dir-inline-form">
          <input type="hidden" name="intent" value="archive" />
          <input type="hidden" name="version" value={entry.version} />
          <button type="submit" className="button-secondary" disabled={busy}>
            {t("directory.archive")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
