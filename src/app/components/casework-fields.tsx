import type { ReactNode } from "react";
import type { SharedFields } from "#app/modules/casework/model.ts";
import { useT } from "../i18n.tsx";
import type { FormErrors } from "../server/guard.server.ts";
import { Select } from "./form/index.ts";

type Choices = {
  offers: { id: string; name: string }[];
  organizations: { id: string; name: string }[];
  offices: { id: string; name: string }[];
  volunteers: { id: string; name: string }[];
};

/** One select for the recipient: value "<type>:<id>" (or "any:"). */
export function RecipientSelect(props: {
  choices: Choices;
  errors?: FormErrors | undefined;
  defaultValue?: string | undefined;
  withAny?: boolean;
  name?: string;
}) {
  const t = useT();
  const name = props.name ?? "recipient";
  const groups: { key: keyof Choices; type: string; label: string }[] = [
    { key: "offers", type: "offer", label: t("referrals.recipient_offer") },
    { key: "organizations", type: "organization", label: t("referrals.recipient_organization") },
    { key: "offices", type: "office", label: t("referrals.recipient_office") },
    { key: "volunteers", type: "volunteer", label: t("referrals.recipient_volunteer") },
  ];
  return (
    <Select
      name={name}
      label={t("referrals.col_recipient")}
      errors={props.errors}
      errorPath={["recipientType", "recipientId", "targetType", "targetId"]}
      defaultValue={props.defaultValue}
      empty={t("referrals.choose")}
      options={props.withAny ? [{ value: "any:", label: t("referrals.recipient_any") }] : []}
      groups={groups.map((g) => ({
        label: g.label,
        options: props.choices[g.key].map((o) => ({ value: `${g.type}:${o.id}`, label: o.name })),
      }))}
    />
  );
}

/** The fields a referral shares, as the receiver sees them. */
export function SharedList({ shared }: { shared: SharedFields }) {
  const t = useT();
  return (
    <dl className="shared-fields">
      {shared.givenName ? (
        <div>
          <dt>{t("referrals.shared_givenName")}</dt>
          <dd>{shared.givenName}</dd>
        </div>
      ) : null}
      {shared.languages?.length ? (
        <div>
          <dt>{t("referrals.shared_languages")}</dt>
          <dd>{shared.languages.map((l) => `${l.lang} (${l.level})`).join(", ")}</dd>
        </div>
      ) : null}
      {shared.phone ? (
        <div>
          <dt>{t("referrals.shared_phone")}</dt>
          <dd dir="ltr">{shared.phone}</dd>
        </div>
      ) : null}
      {shared.note ? (
        <div>
          <dt>{t("referrals.shared_note")}</dt>
          <dd>{shared.note}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Find a person by name (GET form); results link to `?person=<id>` on the same page. */
export function PersonSearch(props: {
  q: string;
  results: { id: string; name: string; birthYear: number | null }[] | null;
  selected?: string | undefined;
}) {
  const t = useT();
  return (
    <>
      <search>
        <form method="get" className="co-filter">
          <div className="field">
            <label htmlFor="f-q">{t("privacy.search_label")}</label>
            <p className="hint" id="f-q-hint">
              {t("privacy.search_hint")}
            </p>
            <input id="f-q" name="q" defaultValue={props.q} maxLength={100} aria-describedby="f-q-hint" />
          </div>
          <button type="submit">{t("privacy.search")}</button>
        </form>
      </search>
      {props.results ? (
        props.results.length ? (
          <ul className="person-results" aria-label={t("privacy.results")}>
            {props.results.map((p) => (
              <li key={p.id}>
                <a
                  href={`?q=${encodeURIComponent(props.q)}&person=${p.id}`}
                  aria-current={props.selected === p.id ? "true" : undefined}
                >
                  {p.name}
                  {p.birthYear ? ` (${p.birthYear})` : ""}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("privacy.no_results")}</p>
        )
      ) : null}
    </>
  );
}

/** A horizontally scrollable table wrapper that keyboard users can reach and scroll (WCAG 2.1.1). */
/** `title` names the table: a page with several scroll regions needs a distinct name for each. */
export function ScrollRegion({
  className,
  title,
  children,
}: {
  className?: string;
  title?: string;
  children: ReactNode;
}) {
  const t = useT();
  const label = title ? t("case_overview.table_region_named", { title }) : t("case_overview.table_region");
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className={className ?? "table-wrap"} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
