import { useState } from "react";
import { useT } from "../../i18n.tsx";
import { CheckboxGroup, Select, TextField } from "../form/index.ts";
import type { Errors } from "./shared.tsx";

// An event's recurrence rule (RFC 5545 RRULE) built from plain choices, or typed.

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
