import type { ReactNode } from "react";
import type { SharedFields } from "#app/modules/casework/model.ts";
import { useT } from "../i18n.tsx";
import type { FormErrors } from "../server/guard.server.ts";

/** A labelled select with its error tied to it (consent and referral forms). */
export function SelectField(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string | undefined;
  errors?: FormErrors | undefined;
  errorFields?: string[];
  hint?: string;
}) {
  const t = useT();
  const id = `f-${props.name}`;
  const error = [props.name, ...(props.errorFields ?? [])].map((f) => props.errors?.fields[f]).find(Boolean);
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        <option value="">{t("referrals.choose")}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

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
  const id = `f-${name}`;
  const error = ["recipientType", "recipientId", "targetType", "targetId"]
    .map((f) => props.errors?.fields[f])
    .find(Boolean);
  const groups: { key: keyof Choices; type: string; label: string }[] = [
    { key: "offers", type: "offer", label: t("referrals.recipient_offer") },
    { key: "organizations", type: "organization", label: t("referrals.recipient_organization") },
    { key: "offices", type: "office", label: t("referrals.recipient_office") },
    { key: "volunteers", type: "volunteer", label: t("referrals.recipient_volunteer") },
  ];
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{t("referrals.col_recipient")}</label>
      <select
        id={id}
        name={name}
        defaultValue={props.defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{t("referrals.choose")}</option>
        {props.withAny ? <option value="any:">{t("referrals.recipient_any")}</option> : null}
        {groups.map((g) =>
          props.choices[g.key].length ? (
            <optgroup key={g.key} label={g.label}>
              {props.choices[g.key].map((o) => (
                <option key={o.id} value={`${g.type}:${o.id}`}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          ) : null,
        )}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
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
export function ScrollRegion({ className, children }: { className?: string; children: ReactNode }) {
  const t = useT();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className={className ?? "table-wrap"} aria-label={t("case_overview.table_region")} tabIndex={0}>
      {children}
    </section>
  );
}
