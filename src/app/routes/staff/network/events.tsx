import { data, Form, Link, redirect } from "react-router";
import { createEventInput } from "#app/modules/network/participation.contracts.ts";
import { EVENT_FORMATS } from "#app/modules/network/participation.model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  Checkbox,
  CheckboxGroup,
  ErrorSummary,
  formString,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/events";
import { useDateTime } from "./format.ts";

/** Participation events (decision 077): the list, latest first, and a form for a new one. */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const canManage = can(principal, "network.manage");
  const [events, choices, axes] = await Promise.all([
    ctx.services.network.listEvents(principal),
    canManage ? ctx.services.directory.choices(principal) : null,
    canManage ? ctx.services.framework.list(ctx.tenant.id, ctx.lang) : [],
  ]);
  return {
    events,
    canManage,
    places: (choices?.places ?? []).map((p) => ({ value: p.id, label: p.name })),
    targetGroups: axes
      .filter((a) => a.kind === "target_group")
      .flatMap((a) => a.terms.filter((x) => x.active))
      .map((x) => ({ value: x.id, label: x.label?.text ?? x.key })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "network.manage");
  const form = await request.formData();
  const result = await formAction(ctx.t, () =>
    ctx.services.network.createEvent(
      { kind: "user", principal },
      parseInput(createEventInput, {
        title: formString(form, "title"),
        format: formString(form, "format"),
        description: formString(form, "description"),
        targetGroups: form.getAll("targetGroups").filter((v) => typeof v === "string"),
        languages: formString(form, "languages"),
        interpreters: formString(form, "interpreters"),
        startsAt: formString(form, "startsAt"),
        endsAt: formString(form, "endsAt"),
        placeId: formString(form, "placeId"),
        onlineUrl: formString(form, "onlineUrl"),
        published: formString(form, "published"),
        acceptsContributions: formString(form, "acceptsContributions"),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return data(result.data, result.init ?? undefined);
  return redirect(`/staff/network/events/${result.value.id}`);
}

export default function Events({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useDateTime();
  const { events, canManage, places, targetGroups } = loaderData;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <>
      <h1>{t("network.events_title")}</h1>
      <p>{t("network.events_intro")}</p>
      {events.length === 0 ? (
        <p>{t("network.events_none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("network.events_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("network.event_title")}</th>
                <th scope="col">{t("network.event_format")}</th>
                <th scope="col">{t("network.starts_at")}</th>
                <th scope="col">{t("network.event_contributions")}</th>
                <th scope="col">{t("network.event_public")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/staff/network/events/${e.id}`}>{e.title}</Link>
                  </td>
                  <td>{t(`network.format_${e.format}`)}</td>
                  <td>{fmt(e.startsAt)}</td>
                  <td>{e.contributionCount}</td>
                  <td>{e.published ? t("network.yes") : t("network.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage ? (
        <section aria-labelledby="event-new">
          <h2 id="event-new">{t("network.event_new")}</h2>
          <Form method="post" className="stack" noValidate>
            <ErrorSummary errors={errors} />
            <TextField
              name="title"
              label={t("network.event_title")}
              required
              maxLength={200}
              errors={errors}
            />
            <Select
              name="format"
              label={t("network.event_format")}
              options={EVENT_FORMATS.map((f) => ({ value: f, label: t(`network.format_${f}`) }))}
              errors={errors}
            />
            <TextField name="description" multiline label={t("network.event_description")} errors={errors} />
            {targetGroups.length ? (
              <CheckboxGroup
                name="targetGroups"
                legend={t("network.event_target_groups")}
                options={targetGroups}
                errors={errors}
              />
            ) : null}
            <TextField
              name="languages"
              dir="ltr"
              label={t("network.event_languages")}
              hint={t("network.event_languages_hint")}
              errors={errors}
            />
            <TextField
              name="interpreters"
              dir="ltr"
              label={t("network.event_interpreters")}
              hint={t("network.event_languages_hint")}
              errors={errors}
            />
            <TextField
              name="startsAt"
              type="datetime-local"
              label={t("network.starts_at")}
              required
              errors={errors}
            />
            <TextField name="endsAt" type="datetime-local" label={t("network.ends_at")} errors={errors} />
            <Select
              name="placeId"
              label={t("network.place")}
              empty={t("network.none")}
              options={places}
              errors={errors}
            />
            <TextField
              name="onlineUrl"
              type="url"
              dir="ltr"
              label={t("network.online_url")}
              errors={errors}
            />
            <Checkbox name="published" label={t("network.event_published")} />
            <Checkbox name="acceptsContributions" label={t("network.event_accepts")} />
            <p>
              <button type="submit">{t("network.event_create")}</button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}
