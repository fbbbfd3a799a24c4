import { useState } from "react";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { entryDataInput, saveOptionsInput } from "#app/modules/directory/contracts.ts";
import { DIRECTORY_TIME_ZONE } from "#app/modules/directory/locale-settings.ts";
import {
  type ContactPerson,
  ENTITY_TYPES,
  type EntityType,
  type OpeningHours,
} from "#app/modules/directory/model.ts";
import type { EntryView } from "#app/modules/directory/service.ts";
import { toLocal } from "#app/modules/directory/time-zone.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  ContactsEditor,
  type Errors,
  formatDate,
  HoursEditor,
  type Json,
  LanguagesField,
  numberOrText,
  PointPicker,
  RruleBuilder,
} from "../../../components/directory-editor.tsx";
import {
  Checkbox,
  CheckboxGroup,
  ErrorSummary,
  Notice,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/entry";

const DONE = ["save", "submit", "publish", "check", "archive", "withdraw"];

const pad = (n: number) => String(n).padStart(2, "0");
/** An instant as the wall time a datetime-local field shows (directory time zone). */
function localInput(iso: string): string {
  const l = toLocal(new Date(iso), DIRECTORY_TIME_ZONE);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
}

const EMPTY: Record<EntityType, Json> = {
  organization: { name: "", description: "", website: "", email: "", phone: "", termIds: [] },
  place: {
    organizationId: null,
    name: "",
    street: "",
    postcode: "",
    city: "",
    lon: "",
    lat: "",
    coordinatesApproximate: false,
    accessibility: {},
    languages: [],
    openingHours: null,
  },
  offer: {
    organizationId: "",
    title: "",
    summary: "",
    description: "",
    openingHours: { weekly: {} },
    appointmentOnly: false,
    validFrom: "",
    validTo: "",
    contacts: [],
    languages: [],
    ageMin: "",
    ageMax: "",
    free: true,
    costNote: "",
    childcare: false,
    registrationRequired: false,
    registrationNote: "",
    termIds: [],
    placeIds: [],
  },
  event: {
    organizationId: "",
    offerId: null,
    placeId: null,
    title: "",
    summary: "",
    description: "",
    startsAt: "",
    durationMinutes: "90",
    rrule: null,
    exdates: [],
    free: true,
    languages: [],
    termIds: [],
  },
};

/** Stored data → the editor's state (numbers as strings, instants as local wall time). */
function toForm(type: EntityType, d: Json): Json {
  const f: Json = { ...EMPTY[type], ...d };
  for (const k of ["lon", "lat", "ageMin", "ageMax", "durationMinutes"]) {
    if (k in f) f[k] = f[k] === null || f[k] === undefined ? "" : String(f[k]);
  }
  if (type === "event" && typeof d.startsAt === "string" && d.startsAt) f.startsAt = localInput(d.startsAt);
  for (const k of [
    "description",
    "summary",
    "website",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "costNote",
    "registrationNote",
    "validFrom",
    "validTo",
  ]) {
    if (k in f && f[k] === null) f[k] = "";
  }
  return f;
}

/** The editor's state → the data the service validates. */
function fromForm(type: EntityType, f: Json): Json {
  const out: Json = { ...f };
  for (const k of ["lon", "lat", "ageMin", "ageMax", "durationMinutes"]) {
    if (k in out) out[k] = numberOrText(String(out[k] ?? ""));
  }
  if (type === "place" && out.organizationId === "") out.organizationId = null;
  if (type === "event") {
    if (out.offerId === "") out.offerId = null;
    if (out.placeId === "") out.placeId = null;
  }
  return out;
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const type = params.type as EntityType;
  if (!(ENTITY_TYPES as readonly string[]).includes(type)) throw data(null, { status: 404 });
  const isNew = params.id === "new";
  if (!isNew && !isUuid(params.id)) throw data(null, { status: 404 });
  const svc = ctx.services.directory;
  const [entry, choices, axes] = await Promise.all([
    isNew ? Promise.resolve(null) : svc.get(principal, type, params.id),
    svc.choices(principal),
    ctx.services.framework.list(ctx.tenant.id, ctx.lang),
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
  const lang = useLang();
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
  const set = (k: string) => (v: unknown) => setForm((f) => ({ ...f, [k]: v }));
  const str = (k: string) => (form[k] as string | null | undefined) ?? "";
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
      {entry ? (
        <section className="dir-status" aria-label={t("directory.status_label")}>
          <dl className="dir-facts">
            <div>
              <dt>{t("directory.status_label")}</dt>
              <dd>{t(`directory.status_${entry.status}`)}</dd>
            </div>
            {entry.openRevision ? (
              <div>
                <dt>{t("directory.open_change")}</dt>
                <dd>
                  <Link to={`/staff/directory/revisions/${entry.openRevision.id}`}>
                    {t("directory.revision_n", { n: entry.openRevision.number })} ·{" "}
                    {t(`directory.revision_status_${entry.openRevision.status}`)}
                  </Link>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t("directory.last_checked")}</dt>
              <dd>{entry.lastCheckedAt ? formatDate(entry.lastCheckedAt, lang) : t("directory.never")}</dd>
            </div>
          </dl>
          {entry.rejectedRevision ? (
            <Notice kind="warning">
              {t("directory.rejected_note", { n: entry.rejectedRevision.number })}{" "}
              {entry.rejectedRevision.reviewNote}
            </Notice>
          ) : null}
          <ul className="dir-links">
            <li>
              <Link to={`/staff/directory/${type}/${entry.id}/history`}>{t("directory.history")}</Link>
            </li>
            <li>
              <Link to={`/staff/directory/${type}/${entry.id}/translations`}>
                {t("directory.translations")}
              </Link>
            </li>
          </ul>
          {entry.canEdit && entry.status === "published" ? (
            <Form method="post" className="dir-inline-form">
              <input type="hidden" name="intent" value="check" />
              <button type="submit" className="button-secondary" disabled={busy}>
                {t("directory.confirm_checked")}
              </button>
            </Form>
          ) : null}
          {entry.openRevision && entry.canEdit ? (
            <Form method="post" className="dir-inline-form">
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="revisionId" value={entry.openRevision.id} />
              <input type="hidden" name="version" value={entry.openRevision.version} />
              <button type="submit" className="button-secondary" disabled={busy}>
                {t("directory.withdraw")}
              </button>
            </Form>
          ) : null}
          {entry.canPublish && entry.status !== "archived" ? (
            <Form method="post" className="dir-inline-form">
              <input type="hidden" name="intent" value="archive" />
              <input type="hidden" name="version" value={entry.version} />
              <button type="submit" className="button-secondary" disabled={busy}>
                {t("directory.archive")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {entry?.openRevision ? <Notice>{t("directory.editing_open_change")}</Notice> : null}
      {!canEdit ? <Notice>{t("directory.read_only")}</Notice> : null}

      <Form method="post" className="dir-form" noValidate>
        <input type="hidden" name="payload" value={JSON.stringify(fromForm(type, form))} readOnly />
        <input type="hidden" name="revisionId" value={lock.revisionId ?? ""} readOnly />
        <input type="hidden" name="version" value={lock.version} readOnly />
        <fieldset disabled={!canEdit} className="plain-fieldset">
          {type === "organization" ? (
            <>
              <TextField
                errorPath="name"
                label={t("directory.field_name")}
                value={str("name")}
                onChange={set("name")}
                errors={errors}
                required
                maxLength={200}
              />
              <TextField
                errorPath="description"
                label={t("directory.field_description")}
                hint={t("directory.rich_text_hint")}
                multiline
                value={str("description")}
                onChange={set("description")}
                errors={errors}
              />
              <TextField
                errorPath="website"
                label={t("directory.field_website")}
                type="url"
                inputMode="url"
                dir="ltr"
                value={str("website")}
                onChange={set("website")}
                errors={errors}
              />
              <TextField
                errorPath="email"
                label={t("directory.field_email")}
                type="email"
                inputMode="email"
                dir="ltr"
                value={str("email")}
                onChange={set("email")}
                errors={errors}
              />
              <TextField
                errorPath="phone"
                label={t("directory.field_phone")}
                type="tel"
                inputMode="tel"
                dir="ltr"
                value={str("phone")}
                onChange={set("phone")}
                errors={errors}
              />
              <ImageField
                path="logoImageId"
                label={t("directory.field_logo")}
                value={(form.logoImageId as string | null) ?? null}
                onChange={set("logoImageId")}
                errors={errors}
              />
            </>
          ) : null}

          {type === "place" ? (
            <>
              <TextField
                errorPath="name"
                label={t("directory.field_name")}
                value={str("name")}
                onChange={set("name")}
                errors={errors}
                required
                maxLength={200}
              />
              <Select
                errorPath="organizationId"
                label={t("directory.field_organization")}
                value={str("organizationId")}
                options={orgOptions}
                onChange={set("organizationId")}
                errors={errors}
              />
              <TextField
                errorPath="street"
                label={t("directory.field_street")}
                value={str("street")}
                onChange={set("street")}
                errors={errors}
                maxLength={200}
              />
              <div className="dir-inline">
                <TextField
                  errorPath="postcode"
                  label={t("directory.field_postcode")}
                  inputMode="numeric"
                  dir="ltr"
                  value={str("postcode")}
                  onChange={set("postcode")}
                  errors={errors}
                  maxLength={5}
                />
                <TextField
                  errorPath="city"
                  label={t("directory.field_city")}
                  value={str("city")}
                  onChange={set("city")}
                  errors={errors}
                  maxLength={200}
                />
              </div>
              <PointPicker
                lon={str("lon")}
                lat={str("lat")}
                onChange={(p) => setForm((f) => ({ ...f, lon: p.lon, lat: p.lat }))}
                errors={errors}
                styleUrl={loaderData.styleUrl}
              />
              <Checkbox
                errorPath="coordinatesApproximate"
                label={t("directory.field_coordinatesApproximate")}
                checked={!!form.coordinatesApproximate}
                onChange={set("coordinatesApproximate")}
                errors={errors}
              />
              <AccessibilityEditor
                value={(form.accessibility as Json) ?? {}}
                onChange={set("accessibility")}
                errors={errors}
              />
              <LanguagesField
                path="languages"
                label={t("directory.field_languages_place")}
                selected={(form.languages as string[]) ?? []}
                onChange={set("languages")}
                errors={errors}
              />
              <HoursEditor
                path="openingHours"
                legend={t("directory.field_openingHours")}
                value={(form.openingHours as OpeningHours | null) ?? null}
                onChange={set("openingHours")}
                errors={errors}
              />
            </>
          ) : null}

          {type === "offer" ? (
            <>
              <TextField
                errorPath="title"
                label={t("directory.field_title")}
                value={str("title")}
                onChange={set("title")}
                errors={errors}
                required
                maxLength={200}
              />
              <Select
                errorPath="organizationId"
                label={t("directory.field_organization")}
                value={str("organizationId")}
                options={orgOptions}
                onChange={set("organizationId")}
                errors={errors}
              />
              <TextField
                errorPath="summary"
                label={t("directory.field_summary")}
                value={str("summary")}
                onChange={set("summary")}
                errors={errors}
                maxLength={500}
              />
              <TextField
                errorPath="description"
                label={t("directory.field_description")}
                hint={t("directory.rich_text_hint")}
                multiline
                value={str("description")}
                onChange={set("description")}
                errors={errors}
              />
              <CheckboxGroup
                optionsClassName="dir-check-grid"
                errorPath="placeIds"
                legend={t("directory.field_places")}
                options={choices.places.map((p) => ({ value: p.id, label: p.name }))}
                value={(form.placeIds as string[]) ?? []}
                onChange={set("placeIds")}
                errors={errors}
              />
              <HoursEditor
                path="openingHours"
                legend={t("directory.field_openingHours")}
                value={(form.openingHours as OpeningHours | null) ?? null}
                onChange={set("openingHours")}
                errors={errors}
              />
              <Checkbox
                errorPath="appointmentOnly"
                label={t("directory.field_appointmentOnly")}
                checked={!!form.appointmentOnly}
                onChange={set("appointmentOnly")}
                errors={errors}
              />
              <div className="dir-inline">
                <TextField
                  errorPath="validFrom"
                  label={t("directory.field_validFrom")}
                  type="date"
                  value={str("validFrom")}
                  onChange={set("validFrom")}
                  errors={errors}
                />
                <TextField
                  errorPath="validTo"
                  label={t("directory.field_validTo")}
                  type="date"
                  value={str("validTo")}
                  onChange={set("validTo")}
                  errors={errors}
                />
              </div>
              <ContactsEditor
                path="contacts"
                value={(form.contacts as ContactPerson[]) ?? []}
                onChange={set("contacts")}
                errors={errors}
              />
              <LanguagesField
                path="languages"
                label={t("directory.field_languages")}
                selected={(form.languages as string[]) ?? []}
                onChange={set("languages")}
                errors={errors}
              />
              <div className="dir-inline">
                <TextField
                  errorPath="ageMin"
                  label={t("directory.field_ageMin")}
                  inputMode="numeric"
                  value={str("ageMin")}
                  onChange={set("ageMin")}
                  errors={errors}
                />
                <TextField
                  errorPath="ageMax"
                  label={t("directory.field_ageMax")}
                  inputMode="numeric"
                  value={str("ageMax")}
                  onChange={set("ageMax")}
                  errors={errors}
                />
              </div>
              <Checkbox
                errorPath="free"
                label={t("directory.field_free")}
                checked={!!form.free}
                onChange={set("free")}
                errors={errors}
              />
              <TextField
                errorPath="costNote"
                label={t("directory.field_costNote")}
                value={str("costNote")}
                onChange={set("costNote")}
                errors={errors}
                maxLength={500}
              />
              <Checkbox
                errorPath="childcare"
                label={t("directory.field_childcare")}
                checked={!!form.childcare}
                onChange={set("childcare")}
                errors={errors}
              />
              <Checkbox
                errorPath="registrationRequired"
                label={t("directory.field_registrationRequired")}
                checked={!!form.registrationRequired}
                onChange={set("registrationRequired")}
                errors={errors}
              />
              <TextField
                errorPath="registrationNote"
                label={t("directory.field_registrationNote")}
                value={str("registrationNote")}
                onChange={set("registrationNote")}
                errors={errors}
                maxLength={500}
              />
              <ImageField
                path="imageId"
                label={t("directory.field_image")}
                value={(form.imageId as string | null) ?? null}
                onChange={set("imageId")}
                errors={errors}
              />
            </>
          ) : null}

          {type === "event" ? (
            <>
              <TextField
                errorPath="title"
                label={t("directory.field_title")}
                value={str("title")}
                onChange={set("title")}
                errors={errors}
                required
                maxLength={200}
              />
              <Select
                errorPath="organizationId"
                label={t("directory.field_organization")}
                value={str("organizationId")}
                options={orgOptions}
                onChange={set("organizationId")}
                errors={errors}
              />
              <Select
                errorPath="offerId"
                label={t("directory.field_offer")}
                value={str("offerId")}
                options={[
                  { value: "", label: t("directory.none") },
                  ...choices.offers.map((o) => ({ value: o.id, label: o.name })),
                ]}
                onChange={set("offerId")}
                errors={errors}
              />
              <Select
                errorPath="placeId"
                label={t("directory.field_place")}
                value={str("placeId")}
                options={[
                  { value: "", label: t("directory.none") },
                  ...choices.places.map((o) => ({ value: o.id, label: o.name })),
                ]}
                onChange={set("placeId")}
                errors={errors}
              />
              <TextField
                errorPath="summary"
                label={t("directory.field_summary")}
                value={str("summary")}
                onChange={set("summary")}
                errors={errors}
                maxLength={500}
              />
              <TextField
                errorPath="description"
                label={t("directory.field_description")}
                hint={t("directory.rich_text_hint")}
                multiline
                value={str("description")}
                onChange={set("description")}
                errors={errors}
              />
              <div className="dir-inline">
                <TextField
                  errorPath="startsAt"
                  label={t("directory.field_startsAt")}
                  type="datetime-local"
                  value={str("startsAt")}
                  onChange={set("startsAt")}
                  errors={errors}
                  required
                />
                <TextField
                  errorPath="durationMinutes"
                  label={t("directory.field_durationMinutes")}
                  inputMode="numeric"
                  value={str("durationMinutes")}
                  onChange={set("durationMinutes")}
                  errors={errors}
                  required
                />
              </div>
              <RruleBuilder
                value={(form.rrule as string | null) ?? null}
                onChange={set("rrule")}
                errors={errors}
              />
              <TextField
                errorPath="exdates"
                label={t("directory.field_exdates")}
                hint={t("directory.field_exdates_hint")}
                dir="ltr"
                value={((form.exdates as string[]) ?? []).join(", ")}
                onChange={(v) => set("exdates")(v.split(/[,\s]+/).filter(Boolean))}
                errors={errors}
              />
              <Checkbox
                errorPath="free"
                label={t("directory.field_free")}
                checked={!!form.free}
                onChange={set("free")}
                errors={errors}
              />
              <LanguagesField
                path="languages"
                label={t("directory.field_languages")}
                selected={(form.languages as string[]) ?? []}
                onChange={set("languages")}
                errors={errors}
              />
            </>
          ) : null}

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
    </>
  );
}

function AccessibilityEditor(props: {
  value: Json;
  onChange: (v: Json) => void;
  errors: Errors | undefined;
}) {
  const t = useT();
  const a = props.value;
  const set = (k: string, v: unknown) => {
    const next = { ...a, [k]: v };
    if (v === "" || v === null) delete next[k];
    props.onChange(next);
  };
  return (
    <fieldset className="dir-accessibility">
      <legend>{t("directory.accessibility")}</legend>
      <Select
        errorPath="accessibility.wheelchair"
        label={t("directory.wheelchair")}
        value={(a.wheelchair as string) ?? ""}
        options={[
          { value: "", label: t("directory.unknown") },
          { value: "yes", label: t("directory.wheelchair_yes") },
          { value: "limited", label: t("directory.wheelchair_limited") },
          { value: "no", label: t("directory.wheelchair_no") },
        ]}
        onChange={(v) => set("wheelchair", v)}
        errors={props.errors}
      />
      <Checkbox
        errorPath="accessibility.stepFreeEntrance"
        label={t("directory.step_free")}
        checked={!!a.stepFreeEntrance}
        onChange={(v) => set("stepFreeEntrance", v)}
        errors={props.errors}
      />
      <Checkbox
        errorPath="accessibility.accessibleToilet"
        label={t("directory.accessible_toilet")}
        checked={!!a.accessibleToilet}
        onChange={(v) => set("accessibleToilet", v)}
        errors={props.errors}
      />
      <Checkbox
        errorPath="accessibility.hearingLoop"
        label={t("directory.hearing_loop")}
        checked={!!a.hearingLoop}
        onChange={(v) => set("hearingLoop", v)}
        errors={props.errors}
      />
      <TextField
        errorPath="accessibility.note"
        label={t("directory.accessibility_note")}
        value={(a.note as string) ?? ""}
        onChange={(v) => set("note", v)}
        errors={props.errors}
        maxLength={500}
      />
    </fieldset>
  );
}

/** Upload (JSON base64 to the API) and preview of a logo or offer picture. */
function ImageField(props: {
  path: string;
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  errors: Errors | undefined;
}) {
  const t = useT();
  const [status, setStatus] = useState<{ kind: "idle" | "busy" | "error"; message?: string }>({
    kind: "idle",
  });
  const id = `f-${props.path}`;
  const error = status.kind === "error" ? status.message : props.errors?.[props.path];
  const upload = async (file: File) => {
    setStatus({ kind: "busy" });
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const res = await fetch("/api/v1/directory/images", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ data: btoa(binary) }),
    });
    const body = (await res.json().catch(() => ({}))) as {
      id?: string;
      title?: string;
      errors?: { message: string }[];
    };
    if (res.ok && body.id) {
      setStatus({ kind: "idle" });
      props.onChange(body.id);
    } else {
      setStatus({
        kind: "error",
        message: body.errors?.[0]?.message ?? body.title ?? t("directory.upload_failed"),
      });
    }
  };
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{props.label}</label>
      <p className="hint" id={`${id}-hint`}>
        {t("directory.image_hint")}
      </p>
      {props.value ? (
        <img className="dir-image-preview" src={`/api/v1/directory/images/${props.value}`} alt="" />
      ) : null}
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void upload(f);
        }}
      />
      <p aria-live="polite" className="hint">
        {status.kind === "busy" ? t("directory.uploading") : ""}
      </p>
      {props.value ? (
        <button type="button" className="button-secondary" onClick={() => props.onChange(null)}>
          {t("directory.image_remove")}
        </button>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
