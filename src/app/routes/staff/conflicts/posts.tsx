import { data, Form, Link } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { createPostInput, publicFormInput } from "#app/modules/conflicts/contracts.ts";
import { PENDING_RETENTION_BOUNDS, POST_KINDS } from "#app/modules/conflicts/model.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/posts";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [posts, areas, publicForm] = await Promise.all([
    ctx.services.conflicts.listPosts(principal),
    ctx.services.areas.list(ctx.tenant.id),
    ctx.services.conflicts.publicFormSetting(principal),
  ]);
  const base = ctx.services.core.config.baseUrl;
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  return {
    posts: posts.map((p) => ({
      ...p,
      areaName: p.areaId ? (areaName.get(p.areaId) ?? null) : null,
      link: `${base}/${p.language}/report/${p.reportToken}`,
    })),
    areas: areas.map((a) => ({ id: a.id, name: a.name })),
    publicForm,
    publicFormLink: `${base}/de/conflict-report`,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  // The open public form's switch (decision 120).
  if (formString(form, "intent") === "publicForm") {
    const r = await formAction(ctx.t, () =>
      ctx.services.conflicts.setPublicForm(
        principal,
        parseInput(publicFormInput, {
          enabled: formString(form, "enabled") === "1",
          // Only the period's own form sends it; the switch keeps the saved period.
          pendingRetentionDays: form.has("pendingRetentionDays")
            ? Number(formString(form, "pendingRetentionDays")) || 0
            : undefined,
          version: Number(formString(form, "version")),
        }),
        ctx.requestId,
      ),
    );
    if ("data" in r) return data(r.data, r.init ?? undefined);
    return { ok: true as const, errors: undefined };
  }
  const r = await formAction(ctx.t, () =>
    ctx.services.conflicts.createPost(
      principal,
      parseInput(createPostInput, {
        name: formString(form, "name"),
        kind: formString(form, "kind"),
        areaId: formString(form, "areaId"),
        email: formString(form, "email"),
        language: formString(form, "language") || "de",
      }),
      ctx.requestId,
    ),
  );
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, errors: undefined };
}

export default function ConflictPosts({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  // The period's error shows at its own form; every other one at the new post's form.
  const postErrors = errors?.fields.pendingRetentionDays ? undefined : errors;
  return (
    <>
      <p>
        <Link to="/staff/conflicts">{t("conflicts.title")}</Link>
      </p>
      <h1>{t("conflicts.posts_title")}</h1>
      <p>{t("conflicts.posts_intro")}</p>
      {actionData?.ok ? <Notice kind="success">{t("conflicts.saved")}</Notice> : null}
      <div className="table-wrap">
        <table>
          <caption>{t("conflicts.posts_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conflicts.post_name")}</th>
              <th scope="col">{t("conflicts.post_kind")}</th>
              <th scope="col">{t("conflicts.post_area")}</th>
              <th scope="col">{t("conflicts.post_link")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.posts.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>{t(`conflicts.post_kind_${p.kind}`)}</td>
                <td>{p.areaName ?? t("conflicts.post_no_area")}</td>
                <td>
                  <a href={p.link} dir="ltr" className="break">
                    {p.link}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loaderData.posts.length === 0 ? <p>{t("conflicts.posts_none")}</p> : null}
      <section aria-labelledby="public-form">
        <h2 id="public-form">{t("conflicts.public_form_title")}</h2>
        <p>{t("conflicts.public_form_intro")}</p>
        <p>
          {loaderData.publicForm.enabled ? (
            <>
              {t("conflicts.public_form_on")}{" "}
              <a href={loaderData.publicFormLink} dir="ltr" className="break">
                {loaderData.publicFormLink}
              </a>
            </>
          ) : (
            t("conflicts.public_form_off")
          )}
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="publicForm" />
          <input type="hidden" name="version" value={loaderData.publicForm.version} />
          <input type="hidden" name="enabled" value={loaderData.publicForm.enabled ? "0" : "1"} />
          <button type="submit" className={loaderData.publicForm.enabled ? "button-secondary" : undefined}>
            {loaderData.publicForm.enabled
              ? t("conflicts.public_form_disable")
              : t("conflicts.public_form_enable")}
          </button>
        </Form>
        <ErrorSummary errors={errors?.fields.pendingRetentionDays ? errors : undefined} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="publicForm" />
          <input type="hidden" name="version" value={loaderData.publicForm.version} />
          <input type="hidden" name="enabled" value={loaderData.publicForm.enabled ? "1" : "0"} />
          <TextField
            name="pendingRetentionDays"
            type="number"
            inputMode="numeric"
            min={PENDING_RETENTION_BOUNDS.min}
            max={PENDING_RETENTION_BOUNDS.max}
            required
            defaultValue={loaderData.publicForm.pendingRetentionDays}
            label={t("conflicts.pending_retention_label")}
            hint={t("conflicts.pending_retention_hint", PENDING_RETENTION_BOUNDS)}
            errors={errors}
          />
          <p>
            <button type="submit" className="button-secondary">
              {t("conflicts.pending_retention_save")}
            </button>
          </p>
        </Form>
      </section>
      <section aria-labelledby="post-new">
        <h2 id="post-new">{t("conflicts.post_create")}</h2>
        <ErrorSummary errors={postErrors} />
        <Form method="post" className="stack" noValidate>
          <TextField
            name="name"
            label={t("conflicts.post_name")}
            required
            maxLength={200}
            errors={postErrors}
          />
          <Select
            name="kind"
            label={t("conflicts.post_kind")}
            options={POST_KINDS.map((k) => ({ value: k, label: t(`conflicts.post_kind_${k}`) }))}
            errors={postErrors}
          />
          <Select
            name="areaId"
            label={t("conflicts.post_area")}
            empty={t("conflicts.post_no_area")}
            options={loaderData.areas.map((a) => ({ value: a.id, label: a.name }))}
            errors={postErrors}
          />
          <TextField
            name="email"
            type="email"
            dir="ltr"
            label={t("conflicts.post_email")}
            errors={postErrors}
          />
          <Select
            name="language"
            label={t("conflicts.post_language")}
            options={LANGUAGES.map((l) => ({ value: l.code, label: l.name, lang: l.code }))}
            defaultValue="de"
            errors={postErrors}
          />
          <p>
            <button type="submit">{t("conflicts.post_create")}</button>
          </p>
        </Form>
      </section>
    </>
  );
}
