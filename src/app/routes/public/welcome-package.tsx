import { data, Form, redirect } from "react-router";
import { publicPackageRequestInput } from "#app/modules/guide/contracts.ts";
import { isPackageLanguage, PACKAGE_LANGUAGES } from "#app/modules/guide/model.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  ErrorSummary,
  formString,
  Notice,
  RadioGroup,
  Select,
  TextField,
} from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import { formAction } from "../../server/guard.server.ts";
import type { Route } from "./+types/welcome-package";

/**
 * A newcomer requests a welcome package by mail (issue 23 item 5, decision 123): a saved package
 * and a language; the mail, in this page's language, links to the file once the job built it.
 * The request then leads to that link's progress page, so no one has to wait for the mail (132).
 * No account, no JavaScript; a honeypot and rate limits per mail and client address.
 */
const NO_STORE = { "cache-control": "no-store", "referrer-policy": "same-origin" };

export function meta() {
  return [{ title: "Lotse" }, { name: "referrer", content: "same-origin" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const packages = await ctx.services.guide.publicPackages(ctx.tenant.id);
  return data({ packages }, { headers: NO_STORE });
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const values = { email: formString(form, "email"), packageId: formString(form, "packageId") };
  const r = await formAction(ctx.t, () =>
    ctx.services.guide.requestPackageByMail(
      ctx.tenant.id,
      parseInput(publicPackageRequestInput, {
        ...values,
        lang: formString(form, "lang"),
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
  // The progress page at once (decision 132); a dropped honeypot request gets the plain notice.
  if (r.value.token) return redirect(`/${ctx.lang}/welcome-package/${r.value.token}?sent=1`, 303);
  return data({ ok: true as const, errors: undefined, values: undefined }, { headers: NO_STORE });
}

export default function WelcomePackageRequest({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const errors = actionData?.ok === false ? actionData.errors : undefined;
  const v = actionData?.ok === false ? actionData.values : undefined;
  return (
    <>
      <h1>{t("guide_public.package_request_title")}</h1>
      {actionData?.ok ? (
        <Notice kind="success">{t("guide_public.package_request_sent")}</Notice>
      ) : loaderData.packages.length === 0 ? (
        <p>{t("guide_public.package_request_none")}</p>
      ) : (
        <>
          <p>{t("guide_public.package_request_intro")}</p>
          <Form method="post" className="stack" noValidate>
            <ErrorSummary errors={errors} />
            <RadioGroup
              name="packageId"
              legend={t("guide_public.package_request_which")}
              errors={errors}
              defaultValue={v?.packageId ?? loaderData.packages[0]!.id}
              options={loaderData.packages.map((p) => ({ value: p.id, label: p.name }))}
            />
            <Select
              name="lang"
              label={t("guide_public.package_request_lang")}
              errors={errors}
              defaultValue={isPackageLanguage(lang) ? lang : "de"}
              options={PACKAGE_LANGUAGES.map((l) => ({
                value: l,
                label: t(`guide_public.package_lang_${l}`),
              }))}
            />
            <TextField
              name="email"
              type="email"
              label={t("guide_public.package_request_email")}
              hint={t("guide_public.package_request_email_hint")}
              required
              autoComplete="email"
              defaultValue={v?.email ?? ""}
              errors={errors}
            />
            {/* A honeypot: hidden from people and screen readers, filled by some robots. */}
            <div className="visually-hidden" aria-hidden="true">
              <label htmlFor="package-website">Website</label>
              <input id="package-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
            </div>
            <p>
              <button type="submit">{t("guide_public.package_request_submit")}</button>
            </p>
          </Form>
        </>
      )}
    </>
  );
}
