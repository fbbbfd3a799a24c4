import { data, redirect } from "react-router";
import { publicBookingInput } from "#app/modules/volunteers/contracts.ts";
import { BOOKABLE_LANGUAGES, DEFAULT_POOL_RULES, MODES, SETTINGS } from "#app/modules/volunteers/model.ts";
import { randomToken } from "#app/server/crypto.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, Select, TextField } from "../../components/form/index.ts";
import { isolate } from "../../components/offers/format.ts";
import { languageName } from "../../components/volunteers.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formAction } from "../../server/guard.server.ts";
import type { Route } from "./+types/mediation-booking";

/**
 * An institution books a language mediator through its contact's link (issue 17): a plain form
 * post, server-rendered, without an account and without JavaScript; the pool's rules per field.
 * A hidden one-time token makes a double submit book once; success redirects to the status page.
 */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}

const NO_STORE = { "cache-control": "no-store", "referrer-policy": "same-origin" };
const FIELDS = [
  "language",
  "mode",
  "setting",
  "topic",
  "area",
  "date",
  "startTime",
  "durationMinutes",
] as const;
type Values = Partial<Record<(typeof FIELDS)[number] | "idempotencyKey", string>>;

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const link = await ctx.services.volunteers.linkForToken(ctx.tenant.id, params.token.slice(0, 200));
  return data({ link, formToken: randomToken(16) }, { headers: NO_STORE });
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const token = params.token.slice(0, 200);
  const form = await request.formData();
  const values: Values = Object.fromEntries(
    [...FIELDS, "idempotencyKey" as const].map((k) => [k, formString(form, k)]),
  );
  const r = await formAction(ctx.t, () =>
    ctx.services.volunteers.bookByLink(ctx.tenant.id, token, parseInput(publicBookingInput, values), {
      requestId: ctx.requestId,
    }),
  );
  if ("data" in r) {
    return data({ errors: r.data.errors, values }, { status: r.init?.status ?? 422, headers: NO_STORE });
  }
  return redirect(`/${ctx.lang}/mediation/${token}/status?booked=1`, { headers: NO_STORE });
}

export default function MediationBooking({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { link } = loaderData;
  if (!link) {
    return (
      <>
        <h1>{t("volunteers.public_title")}</h1>
        <Notice kind="warning">{t("volunteers.public_invalid")}</Notice>
      </>
    );
  }
  const errors = actionData?.errors;
  const v = actionData?.values ?? {};
  const languages = BOOKABLE_LANGUAGES.map((code) => ({ value: code, label: languageName(code, lang) })).sort(
    (a, b) => a.label.localeCompare(b.label, lang),
  );
  const rules = DEFAULT_POOL_RULES;
  return (
    <>
      <h1>{t("volunteers.public_title")}</h1>
      <p>
        {t("volunteers.public_intro", {
          institution: isolate(link.institutionName),
          contact: isolate(link.contactName),
        })}
      </p>
      <Notice>
        {t("volunteers.public_rules", {
          days: rules.leadWorkingDays,
          minutes: rules.maxDurationMinutes,
          hours: rules.cancellationCutoffHours,
        })}
      </Notice>
      <p>
        <a href={`/${lang}/mediation/${params.token}/status`}>{t("volunteers.public_status_link")}</a>
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" className="stack" noValidate>
        <input type="hidden" name="idempotencyKey" value={v.idempotencyKey || loaderData.formToken} />
        <Select
          name="language"
          label={t("volunteers.language")}
          empty={t("volunteers.public_choose")}
          options={languages}
          defaultValue={v.language ?? ""}
          required
          errors={errors}
        />
        <TextField
          name="date"
          type="date"
          label={t("volunteers.date")}
          defaultValue={v.date ?? ""}
          required
          errors={errors}
        />
        <TextField
          name="startTime"
          type="time"
          label={t("volunteers.start_time")}
          defaultValue={v.startTime ?? ""}
          required
          errors={errors}
        />
        <TextField
          name="durationMinutes"
          type="number"
          label={t("volunteers.duration")}
          defaultValue={v.durationMinutes ?? "60"}
          required
          errors={errors}
        />
        <Select
          name="mode"
          label={t("volunteers.mode")}
          options={MODES.map((m) => ({ value: m, label: t(`volunteers.mode_${m}`) }))}
          defaultValue={v.mode ?? "on_site"}
          errors={errors}
        />
        <TextField
          name="area"
          label={t("volunteers.area")}
          hint={t("volunteers.area_hint")}
          defaultValue={v.area ?? ""}
          errors={errors}
        />
        <Select
          name="setting"
          label={t("volunteers.setting")}
          options={SETTINGS.filter((s) => !rules.excludedSettings.includes(s)).map((s) => ({
            value: s,
            label: t(`volunteers.setting_${s}`),
          }))}
          defaultValue={v.setting ?? "kita"}
          errors={errors}
        />
        <TextField
          name="topic"
          label={t("volunteers.topic")}
          hint={t("volunteers.public_topic_hint")}
          defaultValue={v.topic ?? ""}
          required
          errors={errors}
        />
        <p>
          <button type="submit">{t("volunteers.book")}</button>
        </p>
      </form>
    </>
  );
}
