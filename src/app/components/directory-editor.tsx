import { useEffect, useId, useMemo, useRef, useState } from "react";
import { DIRECTORY_TIME_ZONE } from "#app/modules/directory/locale-settings.ts";
import type { ContactPerson, HoursException, OpeningHours, TimeSlot } from "#app/modules/directory/model.ts";
import { SPOKEN_LANGUAGES } from "#app/modules/directory/spoken-languages.ts";
import { useLang, useLanguageName, useT } from "../i18n.tsx";
import { Checkbox, CheckboxGroup, type FieldErrors, fieldId, Select, TextField } from "./form/index.ts";

/**
 * Building blocks of the directory's staff editors. The editor keeps the entry as one object in
 * React state and sends it as JSON (hidden field "payload"); the server validates it and answers
 * with per-field errors keyed by their path (e.g. "openingHours.weekly.1.0.closes"), which each
 * input shows beside itself.
 */

export type Errors = FieldErrors;
type Json = Record<string, unknown>;

/** A date in the reader's language, in the directory's time zone (same on server and client). */
export function formatDate(d: Date | string, lang: string, withTime = false): string {
  return new Intl.DateTimeFormat(lang, {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
    timeZone: DIRECTORY_TIME_ZONE,
  }).format(new Date(d));
}

/** Names of spoken languages in the reader's language (the server's names, see `useLanguageName`). */
export function useLanguageOptions() {
  const lang = useLang();
  const nameOf = useLanguageName();
  return useMemo(
    () =>
      SPOKEN_LANGUAGES.map((code) => ({ value: code, label: nameOf(code) })).sort((a, b) =>
        a.label.localeCompare(b.label, lang),
      ),
    [lang, nameOf],
  );
}

export function LanguagesField(props: {
  path: string;
  label: string;
  selected: string[];
  onChange: (v: string[]) => void;
  errors: Errors | undefined;
}) {
  const options = useLanguageOptions();
  return (
    <CheckboxGroup
      errorPath={props.path}
      legend={props.label}
      options={options}
      optionsClassName="dir-check-grid"
      value={props.selected}
      onChange={props.onChange}
      errors={props.errors}
    />
  );
}

// ---- Opening hours --------------------------------------------------------------------------

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

// ---- Recurrence ------------------------------------------------------------------------------

const RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
type RuleMode = "none" | "weekly" | "monthly" | "raw";
type RuleState = {
  mode: RuleMode;
  days: string[];
  ordinal: string;
  weekday: string;
  until: string;
  raw: string;
};

/** Reads a rule back into the builder; anything the builder cannot express stays "raw". */
export function parseRule(rrule: string | null): RuleState {
  const base: RuleState = {
    mode: "none",
    days: [],
    ordinal: "1",
    weekday: "MO",
    until: "",
    raw: rrule ?? "",
  };
  if (!rrule) return base;
  const parts = Object.fromEntries(rrule.split(";").map((p) => p.split("=") as [string, string]));
  const keys = Object.keys(parts).filter((k) => k !== "UNTIL");
  const until = parts.UNTIL
    ? `${parts.UNTIL.slice(0, 4)}-${parts.UNTIL.slice(4, 6)}-${parts.UNTIL.slice(6, 8)}`
    : "";
  if (parts.FREQ === "WEEKLY" && parts.BYDAY && keys.length === 2) {
    const days = parts.BYDAY.split(",");
    if (days.every((d) => (RRULE_DAYS as readonly string[]).includes(d)))
      return { ...base, mode: "weekly", days, until };
  }
  if (parts.FREQ === "MONTHLY" && parts.BYDAY && keys.length === 2) {
    const m = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(parts.BYDAY);
    if (m) return { ...base, mode: "monthly", ordinal: m[1]!, weekday: m[2]!, until };
  }
  return { ...base, mode: "raw" };
}

export function buildRule(s: RuleState): string | null {
  const until = s.until ? `;UNTIL=${s.until.replace(/-/g, "")}T235959Z` : "";
  switch (s.mode) {
    case "none":
      return null;
    case "weekly":
      return s.days.length
        ? `FREQ=WEEKLY;BYDAY=${RRULE_DAYS.filter((d) => s.days.includes(d)).join(",")}${until}`
        : "FREQ=WEEKLY";
    case "monthly":
      return `FREQ=MONTHLY;BYDAY=${s.ordinal}${s.weekday}${until}`;
    case "raw":
      return s.raw.trim() || null;
  }
}

export function RruleBuilder(props: {
  value: string | null;
  onChange: (rrule: string | null) => void;
  errors: Errors | undefined;
}) {
  const t = useT();
  const [state, setState] = useState<RuleState>(() => parseRule(props.value));
  const update = (patch: Partial<RuleState>) => {
    const next = { ...state, ...patch };
    setState(next);
    props.onChange(buildRule(next));
  };
  const dayName = (d: string) => t(`directory.weekday_${RRULE_DAYS.indexOf(d as never) + 1}`);
  const error = props.errors?.rrule;
  return (
    <fieldset
      className={error ? "dir-rrule field-invalid" : "dir-rrule"}
      aria-describedby={error ? "f-rrule-error" : undefined}
    >
      <legend>{t("directory.rrule")}</legend>
      <Select
        errorPath="rruleMode"
        label={t("directory.rrule_mode")}
        value={state.mode}
        options={(["none", "weekly", "monthly", "raw"] as const).map((m) => ({
          value: m,
          label: t(`directory.rrule_mode_${m}`),
        }))}
        onChange={(v) => update({ mode: v as RuleMode, raw: buildRule(state) ?? state.raw })}
        errors={undefined}
      />
      {state.mode === "weekly" ? (
        <CheckboxGroup
          optionsClassName="dir-check-grid"
          errorPath="rruleDays"
          legend={t("directory.rrule_weekdays")}
          options={RRULE_DAYS.map((d) => ({ value: d, label: dayName(d) }))}
          value={state.days}
          onChange={(days) => update({ days })}
          errors={undefined}
        />
      ) : null}
      {state.mode === "monthly" ? (
        <div className="dir-inline">
          <Select
            errorPath="rruleOrdinal"
            label={t("directory.rrule_ordinal")}
            value={state.ordinal}
            options={["1", "2", "3", "4", "-1"].map((o) => ({
              value: o,
              label: t(`directory.rrule_ordinal_${o === "-1" ? "last" : o}`),
            }))}
            onChange={(v) => update({ ordinal: v })}
            errors={undefined}
          />
          <Select
            errorPath="rruleWeekday"
            label={t("directory.rrule_weekday")}
            value={state.weekday}
            options={RRULE_DAYS.map((d) => ({ value: d, label: dayName(d) }))}
            onChange={(v) => update({ weekday: v })}
            errors={undefined}
          />
        </div>
      ) : null}
      {state.mode === "weekly" || state.mode === "monthly" ? (
        <TextField
          errorPath="rruleUntil"
          label={t("directory.rrule_until")}
          type="date"
          value={state.until}
          onChange={(v) => update({ until: v })}
          errors={undefined}
        />
      ) : null}
      {state.mode === "raw" ? (
        <TextField
          errorPath="rruleRaw"
          label={t("directory.rrule_raw")}
          hint={t("directory.rrule_raw_hint")}
          dir="ltr"
          value={state.raw}
          onChange={(v) => update({ raw: v })}
          errors={undefined}
          maxLength={500}
        />
      ) : null}
      {state.mode !== "none" ? (
        <p className="hint">
          <code dir="ltr">{buildRule(state) ?? ""}</code>
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id="f-rrule-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

// ---- Map point picker ------------------------------------------------------------------------

type PickerHandle = { setPoint(p: { lon: number; lat: number } | null): void; remove(): void };

/** Coordinates typed in, or picked on a map of the tenant's areas (the typed fields always work). */
export function PointPicker(props: {
  lon: string;
  lat: string;
  onChange: (p: { lon: string; lat: string }) => void;
  errors: Errors | undefined;
  styleUrl: string | null;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [picker, setPicker] = useState<PickerHandle | null>(null);
  const [show, setShow] = useState(false);
  const [state, setState] = useState<"idle" | "loading" | "ready" | "unavailable">("idle");
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const hintId = useId();
  const lonN = Number(props.lon);
  const latN = Number(props.lat);
  const valid = props.lon !== "" && props.lat !== "" && Number.isFinite(lonN) && Number.isFinite(latN);

  useEffect(() => {
    if (!show || !ref.current) return;
    let cancelled = false;
    let mounted: { remove(): void } | undefined;
    setState("loading");
    const container = ref.current;
    import("./point-picker.client.ts")
      .then((m) =>
        m.mountPointPicker({
          container,
          geojsonUrl: "/api/v1/areas.geojson",
          styleUrl: props.styleUrl,
          point: null,
          onPick: (p) => onChange.current({ lon: String(p.lon), lat: String(p.lat) }),
          strings: {
            title: t("directory.map_title"),
            zoomIn: t("directory.map_zoom_in"),
            zoomOut: t("directory.map_zoom_out"),
            close: t("directory.map_close"),
          },
        }),
      )
      .then((p) => {
        if (cancelled) p.remove();
        else {
          mounted = p;
          setPicker(p);
          setState("ready");
        }
      })
      .catch(() => {
        if (!cancelled) setState("unavailable");
      });
    return () => {
      cancelled = true;
      mounted?.remove();
      setPicker(null);
    };
  }, [show, props.styleUrl, t]);

  useEffect(() => {
    picker?.setPoint(valid ? { lon: lonN, lat: latN } : null);
  }, [picker, valid, lonN, latN]);

  return (
    <fieldset className="dir-point">
      <legend>{t("directory.coordinates")}</legend>
      <p className="hint" id={hintId}>
        {t("directory.coordinates_hint")}
      </p>
      <div className="dir-inline">
        <TextField
          errorPath="lat"
          label={t("directory.field_lat")}
          inputMode="decimal"
          dir="ltr"
          value={props.lat}
          onChange={(v) => props.onChange({ lon: props.lon, lat: v })}
          errors={props.errors}
        />
        <TextField
          errorPath="lon"
          label={t("directory.field_lon")}
          inputMode="decimal"
          dir="ltr"
          value={props.lon}
          onChange={(v) => props.onChange({ lon: v, lat: props.lat })}
          errors={props.errors}
        />
      </div>
      <button
        type="button"
        className="button-secondary"
        aria-expanded={show}
        onClick={() => setShow((s) => !s)}
      >
        {show ? t("directory.map_hide") : t("directory.map_show")}
      </button>
      {show ? (
        <div className="area-map-frame">
          <p className="hint">{t("directory.map_hint")}</p>
          <div ref={ref} className="area-map" data-state={state} />
          <p aria-live="polite" className="area-map-status">
            {state === "loading"
              ? t("directory.map_loading")
              : state === "unavailable"
                ? t("directory.map_unavailable")
                : ""}
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}

/** Number fields stay strings while typing; null when empty, a number when it parses, else the text (the server says why). */
export function numberOrText(v: string): number | string | null {
  if (v.trim() === "") return null;
  const n = Number(v.replace(",", "."));
  return Number.isFinite(n) ? n : v;
}

export type { Json };
