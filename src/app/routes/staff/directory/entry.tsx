import { useState } from "react";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { entryDataInput, saveOptionsInput } from "#app/modules/directory/contracts.ts";
import { ENTITY_TYPES, type EntityType } from "#app/modules/directory/model.ts";
import type { EntryView } from "#app/modules/directory/service.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import type { Errors, Json } from "../../../components/directory-editor.tsx";
import { EntryStatus } from "../../../components/directory-entry/entry-status.tsx";
import { EventFields } from "../../../components/directory-entry/event-fields.tsx";
import { fromForm, toForm } from "../../../components/directory-entry/form-state.ts";
import { OfferFields } from "../../../components/directory-entry/offer-fields.tsx";
import {
  OrganizationFields,
  PlaceFields,
} from "../../../components/directory-entry/organization-place-fields.tsx";
import { fieldHelpers } from "../../../components/directory-entry/props.ts";
import { CheckboxGroup, ErrorSummary, Notice } from "../../../components/form/index.ts";
import { FundedProjects } from "../../../components/funding-links.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/entry";

const DONE = ["save", "submit", "publish", "check", "archive", "withdraw"];

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const type = params.type as EntityType;
  if (!(ENTITY_TYPES as readonly string[]).includes(type)) throw data(null, { status: 404 });
  const isNew = params.id === "new";
  if (!isNew && !isUuid(params.id)) throw data(null, { status: 404 });
  const svc = ctx.services.directory;
  // Funded projects running an offer (decision 102), through the funding service.
  const showFunded = type === "offer" && !isNew && can(principal, "funding.read");
  const [entry, choices, axes, funded] = await Promise.all([
    isNew ? Promise.resolve(null) : svc.get(principal, type, params.id),
    svc.choices(principal),
    ctx.services.framework.list(ctx.tenant.id, ctx.lang),
    showFunded ? ctx.services.funding.links.fundedFor(principal, { offerId: params.id }) : null,
  ]);
  if (isNew) requirePage(ctx, "directory.edit");
  const open = entry?.openRevision ?? null;
  const shown = (open?.data ?? entry?.data ?? {}) as Json;
  return {
    type,
    entry: entry as EntryView | null,
    form: toForm(type, shown),
    lock: open
      ? { revisionId: open.id, version: open.version }
      : { revisionId: null, version: entry?.version ?? 0 },
    choices,
    funded,
    axes: axes.map((a) => ({
      id: a.id,
      label: a.label?.text ?? a.key,
      terms: a.terms.map((t) => ({ id: t.id, label: t.label?.text ?? t.key })),
    })),
    styleUrl: ctx.services.core.config.basemapStyleUrl ?? null,
    canEdit: entry ? entry.canEdit : can(principal, "directory.edit"),
    canPublish: entry ? entry.canPublish : can(principal, "directory.publish", {}),
    canTranslate: can(principal, "directory.translate"),
    done: new URL(request.url).searchParams.get("done"),
  };
}

type ActionResult = { ok: false; errors: FormErrors };

export async function action({ request, context, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "directory.edit");
  const type = params.type as EntityType;
  if (!(ENTITY_TYPES as readonly string[]).includes(type)) throw data(null, { status: 404 });
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const intent = str("intent");
  const version = Number(str("version"));
  const v = Number.isInteger(version) && version >= 0 ? version : 0;
  const svc = ctx.services.directory;
  const entityId = params.id === "new" ? null : params.id;
  const rid = ctx.requestId;
  const result = await formAction(ctx.t, async () => {
    if (intent === "check" && entityId)
      return { id: entityId, ...(await svc.confirmChecked(principal, type, entityId, rid)) };
    if (intent === "archive" && entityId)
      return { id: entityId, ...(await svc.archive(principal, type, entityId, v, rid)) };
    if (intent === "withdraw" && entityId) {
      await svc.withdraw(principal, str("revisionId"), v, rid);
      return { id: entityId };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(str("payload"));
    } catch {
      payload = null;
    }
    const options = parseInput(saveOptionsInput, {
      revisionId: str("revisionId") || null,
      version: v,
      publishNow: intent === "publish",
    });
    const input = { ...options, type, entityId, data: parseInput(entryDataInput(type), payload) };
    const saved = await svc.saveEntry(principal, input, rid);
    if (intent === "submit") await svc.submit(principal, saved.revision.id, saved.revision.version, rid);
    return { id: saved.entityId };
  });
  if ("data" in result) return result;
  return redirect(`/staff/directory/${type}/${result.value.id}?done=${encodeURIComponent(intent)}`);
}

export default function EntryEditor({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { type, entry, lock, choices, axes } = loaderData;
  const failed = actionData as ActionResult | undefined;
  const errors: Errors | undefined = failed?.errors.fields;
  const [form, setForm] = useState<Json>(loaderData.form);
  const [formKey, setFormKey] = useState(loaderData.form);
  if (formKey !== loaderData.form) {
    // New loader data (after a save or another user's change): start from it.
    setFormKey(loaderData.form);
    setForm(loaderData.form);
  }
  const { str } = fieldHelpers(form, setForm);
  const busy = navigation.state === "submitting";
  const canEdit = loaderData.canEdit && entry?.status !== "archived";
  const title = entry
    ? str(type === "offer" || type === "event" ? "title" : "name") || t(`directory.type_${type}`)
    : t(`directory.new_${type}`);
  const conflict = failed?.errors.code === "version_conflict";
  const orgOptions = [
    ...(type === "place"
      ? [{ value: "", label: t("directory.no_organization") }]
      : [{ value: "", label: t("directory.choose") }]),
    ...choices.organizations.map((o) => ({ value: o.id, label: o.name })),
  ];
  const fieldProps = { form, setForm, errors, orgOptions, choices, styleUrl: loaderData.styleUrl };
  const termsEditor =
    type === "place" ? null : (
      <fieldset className="dir-terms">
        <legend>{t("directory.terms")}</legend>
        <p className="hint">{t("directory.terms_hint")}</p>
        {axes.map((a) => (
          <CheckboxGroup
            optionsClassName="dir-check-grid"
            key={a.id}
            errorPath={`termIds-${a.id}`}
            legend={a.label}
            options={a.terms.map((x) => ({ value: x.id, label: x.label }))}
            value={((form.termIds as string[]) ?? []).filter((id) => a.terms.some((x) => x.id === id))}
            onChange={(ids) =>
              setForm((f) => ({
                ...f,
                termIds: [
                  ...((f.termIds as string[]) ?? []).filter((id) => !a.terms.some((x) => x.id === id)),
                  ...ids,
                ],
              }))
            }
            errors={undefined}
          />
        ))}
        {errors && Object.keys(errors).some((k) => k.startsWith("termIds")) ? (
          <p className="field-error">
            {[
              ...new Set(
                Object.entries(errors)
                  .filter(([k]) => k.startsWith("termIds"))
                  .map(([, m]) => m),
              ),
            ].join(" ")}
          </p>
        ) : null}
      </fieldset>
    );

  return (
    <>
      <p>
        <Link to={`/staff/directory?type=${type}`}>{t("directory.back_to_list")}</Link>
      </p>
      <h1>{title}</h1>
      {loaderData.done && DONE.includes(loaderData.done) ? (
        <Notice kind="success">{t(`directory.done_${loaderData.done}`)}</Notice>
      ) : null}
      {conflict ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{t("directory.conflict")}</p>
          <p>
            <Link to={`/staff/directory/${type}/${entry?.id ?? "new"}`} reloadDocument>
              {t("directory.conflict_reload")}
            </Link>
          </p>
        </div>
      ) : (
        <ErrorSummary errors={failed?.errors} />
      )}
      {entry ? <EntryStatus entry={entry} type={type} busy={busy} /> : null}
      {entry?.openRevision ? <Notice>{t("directory.editing_open_change")}</Notice> : null}
      {!canEdit ? <Notice>{t("directory.read_only")}</Notice> : null}

      <Form method="post" className="dir-form" noValidate>
        <input type="hidden" name="payload" value={JSON.stringify(fromForm(type, form))} readOnly />
        <input type="hidden" name="revisionId" value={lock.revisionId ?? ""} readOnly />
        <input type="hidden" name="version" value={lock.version} readOnly />
        <fieldset disabled={!canEdit} className="plain-fieldset">
          {type === "organization" ? <OrganizationFields {...fieldProps} /> : null}
          {type === "place" ? <PlaceFields {...fieldProps} /> : null}
          {type === "offer" ? <OfferFields {...fieldProps} /> : null}
          {type === "event" ? <EventFields {...fieldProps} /> : null}

          {termsEditor}

          {canEdit ? (
            <div className="dir-actions">
              <p className="hint">{t("directory.review_hint")}</p>
              <button type="submit" name="intent" value="submit" disabled={busy}>
                {t("directory.save_submit")}
              </button>
              <button type="submit" name="intent" value="save" className="button-secondary" disabled={busy}>
                {t("directory.save_draft")}
              </button>
              {loaderData.canPublish ? (
                <button
                  type="submit"
                  name="intent"
                  value="publish"
                  className="button-secondary"
                  disabled={busy}
                >
                  {t("directory.publish_now")}
                </button>
              ) : null}
            </div>
          ) : null}
        </fieldset>
      </Form>
      {loaderData.funded ? <FundedProjects projects={loaderData.funded} /> : null}
    </>
  );
}
