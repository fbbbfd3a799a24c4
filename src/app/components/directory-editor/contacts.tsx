import type { ContactPerson } from "#app/modules/directory/model.ts";
import { useT } from "../../i18n.tsx";
import { TextField } from "../form/index.ts";
import { HoursEditor } from "./hours.tsx";
import type { Errors } from "./shared.tsx";

// Contact persons of an entry.

export function ContactsEditor(props: {
  path: string;
  value: ContactPerson[];
  onChange: (c: ContactPerson[]) => void;
  errors: Errors | undefined;
}) {
  const t = useT();
  const set = (i: number, patch: Partial<ContactPerson>) =>
    props.onChange(props.value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <fieldset className="dir-contacts">
      <legend>{t("directory.contacts")}</legend>
      <p className="hint">{t("directory.contacts_hint")}</p>
      {props.value.map((c, i) => {
        const p = `${props.path}.${i}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: contacts have no identity besides their position
          <fieldset className="dir-contact" key={i}>
            <legend>{t("directory.contact_n", { n: i + 1 })}</legend>
            <TextField
              errorPath={`${p}.name`}
              label={t("directory.contact_name")}
              value={c.name}
              onChange={(v) => set(i, { name: v })}
              errors={props.errors}
              maxLength={200}
            />
            <TextField
              errorPath={`${p}.role`}
              label={t("directory.contact_role")}
              value={c.role}
              onChange={(v) => set(i, { role: v })}
              errors={props.errors}
              maxLength={200}
            />
            <TextField
              errorPath={`${p}.phone`}
              label={t("directory.field_phone")}
              type="tel"
              inputMode="tel"
              dir="ltr"
              value={c.phone}
              onChange={(v) => set(i, { phone: v })}
              errors={props.errors}
              maxLength={40}
            />
            <TextField
              errorPath={`${p}.email`}
              label={t("directory.field_email")}
              type="email"
              inputMode="email"
              dir="ltr"
              value={c.email}
              onChange={(v) => set(i, { email: v })}
              errors={props.errors}
              maxLength={254}
            />
            <HoursEditor
              path={`${p}.hours`}
              legend={t("directory.contact_hours")}
              value={c.hours ?? null}
              onChange={(hours) => {
                const { hours: _h, ...rest } = c;
                props.onChange(
                  props.value.map((x, j) => (j === i ? (hours ? { ...rest, hours } : rest) : x)),
                );
              }}
              errors={props.errors}
            />
            <button
              type="button"
              className="button-secondary"
              onClick={() => props.onChange(props.value.filter((_, j) => j !== i))}
            >
              {t("directory.contact_remove", { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="button-secondary" onClick={() => props.onChange([...props.value, {}])}>
        {t("directory.contact_add")}
      </button>
    </fieldset>
  );
}
