import { data, Form } from "react-router";
import {
  APPLICATION_LANGUAGE_ROWS,
  applicationInput,
} from "#app/modules/volunteers/application-contracts.ts";
import { BOOKABLE_LANGUAGES, LANGUAGE_LEVELS, MODES } from "#app/modules/volunteers/model.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  Checkbox,
  CheckboxGroup,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../components/form/index.ts";
import { languageName } from "../../components/volunteers.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formAction } from "../../server/guard.server.ts";
import type { Route } from "./+types/volunteer-apply";

/**
 * The public application to the volunteer pool (issue 17, onboarding; decision 099): in every
 * UI language, without an account and without JavaScript, with the pool's rules confirmed,
 * consent, a honeypot and a rate limit. It lands as an applicant in the coordinator's queue.
 */
const NO_STORE = { "cache-control": "no-store", "referrer-policy": "same-origin" };
const ROWS = Array.from({ length: APPLICATION_LANGUAGE_ROWS }, (_, i) => i);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function meta({ loaderData }: Route.MetaArgs) {
  return [
    { title: loaderData ? `${loaderData.tenant} · Lotse` : "Lotse" },
    { name: "referrer", content: "same-origin" },
  ];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return data({ tenant: ctx.tenant.name }, { headers: NO_STORE });
}

type Values = {
  name: string;
  email: string;
  phone: string;
  areas: string;
  from: string;
  to: string;
  weekdays: string[];
  modes: string[];
  languages: { code: string; level: string; written: boolean }[];
};

function valuesOf(form: FormData): Values {
  return {
    name: formString(form, "name"),
    email: formString(form, "email"),
    phone: formString(form, "phone"),
    areas: formString(form, "areas"),
    from: formString(form, "from"),
    to: formString(form, "to"),
    weekdays: form.getAll("weekdays").map(String),
    modes: form.getAll("modes").map(String),
    languages: ROWS.map((i) => ({
      code: formString(form, `languages.${i}.code`),
      level: formString(form, `languages.${i}.level`),
      written: formString(form, `languages.${i}.written`) === "on",
    })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const values = valuesOf(form);
  const r = await formAction(ctx.t, () =>
    ctx.services.volunteers.apply(
      ctx.tenant.id,
      parseInput(applicationInput, {
        name: values.name,
        email: values.email,
        phone: values.phone,
        // Rows left empty are not languages; a row with a level but no language still is one (and errs).
        languages: values.languages.filter((l) => l.code || l.level),
        weekdays: values.weekdays.map(Number),
        from: values.from,
        to: values.to,
        areas: values.areas
          .split(/[,;\n]/)
          .map((a) => a.trim())
          .filter(Boolean),
        modes: values.modes,
        adult: formString(form, "adult"),
        german: formString(form, "german"),
        training: formString(form, "training"),
        consent: formString(form, "consent"),
        website: formString(form, "website"),
      }),
      { language: ctx.lang, clientIp: ctx.clientIp },
    ),
  );
  if ("data" in r)
    return data(
      { ok: false as const, errors: r.data.errors, values },
      { status: r.init?.status ?? 422, headers: NO_STORE },
    );
  return data({ ok: true as const, errors: undefined, values: undefined }, { headers: NO_STORE });
}

export default function VolunteerApply({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const errors = actionData?.ok === false ? actionData.errors : undefined;
  const v = actionData?.ok === false ? actionData.values : undefined;
  const languages = [...BOOKABLE_LANGUAGES, "de"]
    .map((code) => ({ value: code, label: languageName(code, lang) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  if (actionData?.ok)
    return (
      <>
        <h1>{t("volunteers.apply_title")}</h1>
        <Notice kind="success">{t("volunteers.apply_thanks")}</Notice>
      </>
    );
  return (
    <>
      <h1>{t("volunteers.apply_title")}</h1>
      <p>{t("volunteers.apply_intro", { tenant: loaderData.tenant })}</p>
      <Form method="post" className="stack" noValidate>
        <ErrorSummary errors={errors} />
        <TextField
          name="name"
          label={t("volunteers.name")}
          required
          autoComplete="name"
          defaultValue={v?.name ?? ""}
          errors={errors}
        />
        <TextField
          name="email"
          type="email"
          label={t("volunteers.email")}
          required
          autoComplete="email"
          defaultValue={v?.email ?? ""}
          errors={errors}
        />
        <TextField
          name="phone"
          type="tel"
          label={t("volunteers.phone")}
          autoComplete="tel"
          defaultValue={v?.phone ?? ""}
          errors={errors}
        />
        <fieldset>
          <legend>{t("volunteers.apply_languages")}</legend>
          <p>{t("volunteers.apply_languages_hint")}</p>
          {ROWS.map((i) => (
            <div className="inline-fields" key={i}>
              <Select
                name={`languages.${i}.code`}
                label={t("volunteers.apply_language_n", { n: i + 1 })}
                empty="–"
                options={languages}
                defaultValue={v?.languages[i]?.code ?? ""}
                errors={errors}
                errorPath={i === 0 ? [`languages.${i}.code`, "languages"] : `languages.${i}.code`}
              />
              <Select
                name={`languages.${i}.level`}
                label={t("volunteers.apply_level_n", { n: i + 1 })}
                empty="–"
                options={LANGUAGE_LEVELS.map((l) => ({ value: l, label: t(`volunteers.level_${l}`) }))}
                defaultValue={v?.languages[i]?.level ?? ""}
                errors={errors}
              />
              <Checkbox
                name={`languages.${i}.written`}
                label={t("volunteers.apply_written_n", { n: i + 1 })}
                defaultChecked={v?.languages[i]?.written ?? false}
              />
            </div>
          ))}
        </fieldset>
        <CheckboxGroup
          name="weekdays"
          legend={t("volunteers.apply_weekdays")}
          options={WEEKDAYS.map((d) => ({ value: String(d), label: t(`directory.weekday_${d}`) }))}
          defaultValue={v?.weekdays ?? []}
          errors={errors}
          required
        />
        <TextField
          name="from"
          type="time"
          label={t("volunteers.apply_from")}
          required
          defaultValue={v?.from ?? "09:00"}
          errors={errors}
        />
        <TextField
          name="to"
          type="time"
          label={t("volunteers.apply_to")}
          required
          defaultValue={v?.to ?? "17:00"}
          errors={errors}
        />
        <TextField
          name="areas"
          label={t("volunteers.areas")}
          hint={t("volunteers.apply_areas_hint")}
          defaultValue={v?.areas ?? ""}
          errors={errors}
        />
        <CheckboxGroup
          name="modes"
          legend={t("volunteers.modes")}
          options={MODES.map((m) => ({ value: m, label: t(`volunteers.mode_${m}`) }))}
          defaultValue={v?.modes ?? []}
          errors={errors}
          required
        />
        <fieldset>
          <legend>{t("volunteers.apply_rules")}</legend>
          <Checkbox name="adult" label={t("volunteers.apply_rule_adult")} errors={errors} required />
          <Checkbox name="german" label={t("volunteers.apply_rule_german")} errors={errors} required />
          <Checkbox name="training" label={t("volunteers.apply_rule_training")} errors={errors} required />
        </fieldset>
        <p>{t("volunteers.apply_consent_text")}</p>
        <Checkbox name="consent" label={t("volunteers.apply_consent")} errors={errors} required />
        {/* Honeypot: hidden from people and assistive technology; bots fill it in. */}
        <div className="visually-hidden" aria-hidden="true">
          <label htmlFor="apply-website">Website</label>
          <input id="apply-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <p>
          <button type="submit">{t("volunteers.apply_submit")}</button>
        </p>
      </Form>
    </>
  );
}
