import { data, Form, Link } from "react-router";
import { pageFrom } from "#app/modules/network/contracts.ts";
import {
  contributionInput,
  contributionStateInput,
  eventSettingsInput,
} from "#app/modules/network/participation.contracts.ts";
import { CONTRIBUTION_STATES, canMoveContribution } from "#app/modules/network/participation.model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  Checkbox,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { Pager } from "../../../components/network/pager.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/event";
import { useDateTime } from "./format.ts";

/**
 * One participation event (decision 077): its settings (public, open for contributions), the
 * contributions with their handling — received → examined → adopted (linked to an agenda item or
 * an action item) or declined with a reason — and moderation for the public page.
 */
const PAGE = 50;

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const page = pageFrom(new URL(request.url), PAGE);
  const event = await ctx.services.network.getEvent(principal, params.id, page).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  const canManage = can(principal, "network.manage");
  const links = canManage
    ? await ctx.services.network.contributionLinkChoices(principal)
    : { agenda: [], actions: [] };
  return { event, offset: page.offset, canManage, links };
}

async function run(ctx: Parameters<typeof requirePrincipal>[0], id: string, form: FormData, intent: string) {
  const actor = { kind: "user" as const, principal: requirePage(ctx, "network.manage") };
  const s = ctx.services.network;
  const version = Number(formString(form, "version")) || 0;
  const target = formString(form, "contributionId");
  switch (intent) {
    case "settings":
      return s.setEventSettings(
        actor,
        id,
        parseInput(eventSettingsInput, {
          version,
          published: formString(form, "published"),
          acceptsContributions: formString(form, "acceptsContributions"),
        }),
        ctx.requestId,
      );
    case "contribution":
      return s.recordContribution(
        actor,
        id,
        parseInput(contributionInput, { text: formString(form, "text"), fieldOfActionId: null }),
        ctx.requestId,
      );
    case "publish":
      return s.publishContribution(
        actor,
        target,
        { version, published: formString(form, "published") === "true" },
        ctx.requestId,
      );
    default:
      return s.moveContribution(
        actor,
        target,
        parseInput(contributionStateInput, {
          version,
          state: formString(form, "state"),
          reason: formString(form, "reason"),
          agendaItemId: formString(form, "agendaItemId"),
          actionItemId: formString(form, "actionItemId"),
        }),
        ctx.requestId,
      );
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = formString(form, "intent");
  const scope = `${intent}:${formString(form, "contributionId")}`;
  const result = await formAction(ctx.t, () => run(ctx, params.id, form, intent));
  if ("data" in result) return data({ ...result.data, scope }, result.init ?? undefined);
  return { ok: true as const, scope };
}

export default function EventPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useDateTime();
  const lang = useLang();
  const { event: e, canManage, links } = loaderData;
  const errorsFor = (intent: string, id = "") =>
    actionData && !actionData.ok && actionData.scope === `${intent}:${id}` ? actionData.errors : undefined;
  return (
    <>
      <p>
        <Link to="/staff/network/events">{t("network.events_back")}</Link>
      </p>
      <h1>{e.title}</h1>
      <p>
        {t(`network.format_${e.format}`)} · {fmt(e.startsAt)}
      </p>
      {e.description ? <p className="pre-line">{e.description}</p> : null}
      {actionData?.ok ? <Notice kind="success">{t("network.saved")}</Notice> : null}
      <p>
        <Link to={`/staff/network/events/${e.id}/report`}>{t("network.report_link")}</Link>
      </p>
      {e.published ? (
        <p>
          <a href={`/${lang}/participation/${e.id}`}>{t("network.event_public_page")}</a>
        </p>
      ) : null}
      {canManage ? (
        <Form method="post" className="stack" key={`s-${e.version}`}>
          <ErrorSummary errors={errorsFor("settings")} />
          <input type="hidden" name="intent" value="settings" />
          <input type="hidden" name="version" value={e.version} />
          <Checkbox name="published" label={t("network.event_published")} defaultChecked={e.published} />
          <Checkbox
            name="acceptsContributions"
            label={t("network.event_accepts")}
            defaultChecked={e.acceptsContributions}
          />
          <p>
            <button type="submit">{t("network.event_save_settings")}</button>
          </p>
        </Form>
      ) : null}

      <section aria-labelledby="contributions">
        <h2 id="contributions">{t("network.event_contributions")}</h2>
        {e.contributions.length === 0 ? <p>{t("network.contributions_none")}</p> : null}
        {e.contributions.map((c) => (
          <article key={c.id} aria-labelledby={`c-${c.id}`} className="card">
            <h3 id={`c-${c.id}`}>
              {t(`network.contribution_state_${c.state}`)} · {t(`network.contribution_source_${c.source}`)} ·{" "}
              {fmt(c.createdAt)}
            </h3>
            {c.erasedAt ? (
              <p>{t("network.contribution_erased", { date: fmt(c.erasedAt) })}</p>
            ) : (
              <p className="pre-line" dir="auto">
                {c.text}
              </p>
            )}
            {c.reason ? (
              <p>
                {t("network.contribution_reason")}: {c.reason}
              </p>
            ) : null}
            <p>{c.published ? t("network.contribution_published") : t("network.contribution_unpublished")}</p>
            {canManage ? (
              <div className="stack">
                <ErrorSummary errors={errorsFor("publish", c.id) ?? errorsFor("state", c.id)} />
                <Form method="post" key={`p-${c.id}-${c.version}`}>
                  <input type="hidden" name="intent" value="publish" />
                  <input type="hidden" name="contributionId" value={c.id} />
                  <input type="hidden" name="version" value={c.version} />
                  <input type="hidden" name="published" value={c.published ? "false" : "true"} />
                  <button type="submit">
                    {c.published ? t("network.contribution_unpublish") : t("network.contribution_publish")}
                  </button>
                </Form>
                {CONTRIBUTION_STATES.filter((s) => canMoveContribution(c.state, s)).map((s) => (
                  <Form method="post" className="stack" noValidate key={`${s}-${c.id}-${c.version}`}>
                    <input type="hidden" name="intent" value="state" />
                    <input type="hidden" name="contributionId" value={c.id} />
                    <input type="hidden" name="version" value={c.version} />
                    <input type="hidden" name="state" value={s} />
                    {s === "declined" || s === "adopted" ? (
                      <TextField
                        id={`reason-${s}-${c.id}`}
                        name="reason"
                        label={t("network.contribution_reason")}
                        required={s === "declined"}
                        errors={errorsFor("state", c.id)}
                      />
                    ) : null}
                    {s === "adopted" ? (
                      <>
                        <Select
                          id={`agenda-${c.id}`}
                          name="agendaItemId"
                          label={t("network.contribution_agenda_item")}
                          empty={t("network.none")}
                          options={links.agenda.map((a) => ({ value: a.id, label: a.label }))}
                          errors={errorsFor("state", c.id)}
                        />
                        <Select
                          id={`action-${c.id}`}
                          name="actionItemId"
                          label={t("network.contribution_action_item")}
                          empty={t("network.none")}
                          options={links.actions.map((a) => ({ value: a.id, label: a.label }))}
                          errors={errorsFor("state", c.id)}
                        />
                      </>
                    ) : null}
                    <p>
                      <button type="submit">{t(`network.contribution_to_${s}`)}</button>
                    </p>
                  </Form>
                ))}
              </div>
            ) : null}
          </article>
        ))}
        <Pager
          t={t}
          offset={loaderData.offset}
          limit={PAGE}
          shown={e.contributions.length}
          total={e.contributionCount}
        />
        {canManage ? (
          <Form method="post" className="stack" noValidate key={`n-${e.contributionCount}`}>
            <h3 id="contribution-new">{t("network.contribution_record")}</h3>
            <ErrorSummary errors={errorsFor("contribution")} />
            <input type="hidden" name="intent" value="contribution" />
            <TextField
              id="contribution-text"
              name="text"
              multiline
              required
              label={t("network.contribution_text")}
              errors={errorsFor("contribution")}
            />
            <p>
              <button type="submit">{t("network.contribution_record")}</button>
            </p>
          </Form>
        ) : null}
      </section>
    </>
  );
}
