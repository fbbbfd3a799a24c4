import type { HoursException, OpeningHours, TimeSlot } from "#app/modules/directory/model.ts";
import { useT } from "../../i18n.tsx";
import { Checkbox, fieldId, TextField } from "../form/index.ts";
import type { Errors } from "./shared.tsx";

// Opening hours: weekly slots per day and exceptions, edited in place.

const DAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
type Day = (typeof DAYS)[number];

function SlotsEditor(props: {
  path: string;
  slots: TimeSlot[];
  onChange: (s: TimeSlot[]) => void;
  errors: Errors | undefined;
  label: string;
}) {
  const t = useT();
  const set = (i: number, patch: Partial<TimeSlot>) =>
    props.onChange(props.slots.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <div className="dir-slots">
      {props.slots.map((s, i) => {
        const p = `${props.path}.${i}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: slots have no identity besides their position
          <div className="dir-slot" key={i}>
            <TimeInput
              path={`${p}.opens`}
              label={t("directory.hours_opens", { day: props.label, n: i + 1 })}
              value={s.opens}
              onChange={(v) => set(i, { opens: v })}
              errors={props.errors}
            />
            <TimeInput
              path={`${p}.closes`}
              label={t("directory.hours_closes", { day: props.label, n: i + 1 })}
              value={s.closes}
              onChange={(v) => set(i, { closes: v })}
              errors={props.errors}
            />
            <button
              type="button"
              className="button-secondary"
              onClick={() => props.onChange(props.slots.filter((_, j) => j !== i))}
            >
              {t("directory.hours_remove_slot", { day: props.label, n: i + 1 })}
            </button>
            {props.errors?.[p] ? <p className="field-error">{props.errors[p]}</p> : null}
          </div>
        );
      })}
      <button
        type="button"
        className="button-secondary"
        onClick={() => props.onChange([...props.slots, { opens: "09:00", closes: "12:00" }])}
      >
        {t("directory.hours_add_slot", { day: props.label })}
      </button>
    </div>
  );
}

function TimeInput(props: {
  path: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors: Errors | undefined;
}) {
  return (
    <TextField
      errorPath={props.path}
      label={props.label}
      className="dir-time"
      inputMode="numeric"
      pattern="[0-2][0-9]:[0-5][0-9]"
      placeholder="09:00"
      maxLength={5}
      dir="ltr"
      value={props.value}
      onChange={props.onChange}
      errors={props.errors}
    />
  );
}

/** Weekday slots (several per day), appointment-only days, closures and changed days, holidays. */
export function HoursEditor(props: {
  path: string;
  legend: string;
  value: OpeningHours | null;
  onChange: (h: OpeningHours | null) => void;
  errors: Errors | undefined;
}) {
  const t = useT();
  const h: OpeningHours = props.value ?? { weekly: {} };
  const set = (patch: Partial<OpeningHours>) => props.onChange({ ...h, ...patch });
  const dayLabel = (d: Day) => t(`directory.weekday_${d}`);
  const exceptions = h.exceptions ?? [];
  const setException = (i: number, patch: Partial<HoursException>) =>
    set({ exceptions: exceptions.map((e, j) => (j === i ? { ...e, ...patch } : e)) });
  if (!props.value)
    return (
      <fieldset className="dir-hours">
        <legend>{props.legend}</legend>
        <p className="hint">{t("directory.hours_none")}</p>
        <button type="button" className="button-secondary" onClick={() => props.onChange({ weekly: {} })}>
          {t("directory.hours_add")}
        </button>
      </fieldset>
    );
  return (
    <fieldset className="dir-hours">
      <legend>{props.legend}</legend>
      <table className="dir-hours-table">
        <caption className="visually-hidden">{props.legend}</caption>
        <thead>
          <tr>
            <th scope="col">{t("directory.hours_day")}</th>
            <th scope="col">{t("directory.hours_slots")}</th>
            <th scope="col">{t("directory.hours_appointment_only")}</th>
          </tr>
        </thead>
        <tbody>
          {DAYS.map((d) => {
            const appt = (h.appointmentOnlyDays ?? []).includes(d);
            return (
              <tr key={d}>
                <th scope="row">{dayLabel(d)}</th>
                <td>
                  <SlotsEditor
                    path={`${props.path}.weekly.${d}`}
                    label={dayLabel(d)}
                    slots={h.weekly[d] ?? []}
                    onChange={(slots) => set({ weekly: { ...h.weekly, [d]: slots } })}
                    errors={props.errors}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    id={fieldId(`${props.path}.appt.${d}`)}
                    checked={appt}
                    aria-label={t("directory.hours_appointment_only_day", { day: dayLabel(d) })}
                    onChange={(e) => {
                      const cur = new Set(h.appointmentOnlyDays ?? []);
                      if (e.target.checked) cur.add(d);
                      else cur.delete(d);
                      set({ appointmentOnlyDays: [...cur].sort() as Day[] });
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Checkbox
        errorPath={`${props.path}.closedOnPublicHolidays`}
        label={t("directory.hours_closed_on_holidays")}
        checked={h.closedOnPublicHolidays ?? false}
        onChange={(v) => set({ closedOnPublicHolidays: v })}
        errors={props.errors}
      />
      <fieldset className="dir-exceptions">
        <legend>{t("directory.hours_exceptions")}</legend>
        <p className="hint">{t("directory.hours_exceptions_hint")}</p>
        {exceptions.map((e, i) => {
          const p = `${props.path}.exceptions.${i}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: exceptions have no identity besides their position
            <div className="dir-exception" key={i}>
              <TextField
                errorPath={`${p}.from`}
                label={t("directory.hours_exception_from", { n: i + 1 })}
                type="date"
                value={e.from}
                onChange={(v) => setException(i, { from: v })}
                errors={props.errors}
              />
              <TextField
                errorPath={`${p}.to`}
                label={t("directory.hours_exception_to", { n: i + 1 })}
                type="date"
                value={e.to}
                onChange={(v) => setException(i, { to: v })}
                errors={props.errors}
              />
              <Checkbox
                errorPath={`${p}.closed`}
                label={t("directory.hours_exception_closed")}
                checked={e.closed}
                onChange={(v) => setException(i, { closed: v })}
                errors={props.errors}
              />
              {!e.closed ? (
                <SlotsEditor
                  path={`${p}.slots`}
                  label={t("directory.hours_exception_label", { n: i + 1 })}
                  slots={e.slots ?? []}
                  onChange={(slots) => setException(i, { slots })}
                  errors={props.errors}
                />
              ) : null}
              <TextField
                errorPath={`${p}.note`}
                label={t("directory.hours_exception_note")}
                value={e.note ?? ""}
                onChange={(v) => setException(i, { note: v })}
                errors={props.errors}
                maxLength={500}
              />
              {props.errors?.[p] ? <p className="field-error">{props.errors[p]}</p> : null}
              <button
                type="button"
                className="button-secondary"
                onClick={() => set({ exceptions: exceptions.filter((_, j) => j !== i) })}
              >
                {t("directory.hours_exception_remove", { n: i + 1 })}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="button-secondary"
          onClick={() => set({ exceptions: [...exceptions, { from: "", to: "", closed: true }] })}
        >
          {t("directory.hours_exception_add")}
        </button>
      </fieldset>
      <button type="button" className="button-secondary" onClick={() => props.onChange(null)}>
        {t("directory.hours_clear")}
      </button>
    </fieldset>
  );
}

/** Contact persons, each with optional own hours. */
