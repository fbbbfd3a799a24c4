import { data, Form, Link, redirect } from "react-router";
import {
  escalateInput,
  logInput,
  mergeInput,
  takeInput,
  transitionInput,
  triageInput,
} from "#app/modules/conflicts/contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  ConflictNarrative,
  ConflictParties,
  ConflictWhereRows,
} from "../../../components/conflict-description.tsx";
import { ErrorSummary, formString, Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/detail";
import { ConflictWork } from "./detail-forms.tsx";
import { dateTimeFormat } from "./format.server.ts";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [c, duplicates] = await Promise.all([
    ctx.services.conflicts.get(principal, params.id, ctx.requestId),
    ctx.services.conflicts.possibleDuplicates(principal, params.id),
  ]);
  const canHandle = can(principal, "conflicts.handle");
  const [handlers, mediators, bodies] = canHandle
    ? await Promise.all([
        ctx.services.conflicts.handlers(principal),
        ctx.services.conflicts.mediators(principal),
        ctx.services.conflicts.escalationBodies(principal),
      ])
    : [[], { staff: [], volunteers: [] }, []];
  const fmt = dateTimeFormat(ctx.lang);
  return {
    conflict: {
      ...c,
      reportedText: fmt(c.reportedAt),
      dueText: fmt(c.dueAt),
      firstContactText: fmt(c.firstContactAt),
      log: c.log.map((l) => ({ ...l, atText: fmt(l.at) })),
    },
    duplicates: duplicates.map((d) => ({ ...d, reportedText: fmt(d.reportedAt) })),
    handlers,
    mediators,
    bodies: bodies.map((b) => ({ id: b.id, name: b.name })),
    canHandle,
    canSeeMeeting: can(principal, "network.read"),
    me: principal.userId,
    created: new URL(request.url).searchParams.get("created") === "1",
  };
}

const INTENTS = ["triage", "take", "transition", "log", "escalate", "merge"] as const;

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "conflicts.handle");
  const form = await request.formData();
  const s = (k: string) => formString(form, k);
  const intent = INTENTS.find((i) => i === s("intent")) ?? "log";
  const version = Number(s("version")) || 0;
  const svc = ctx.services.conflicts;
  const id = params.id;
  const r = await formAction(ctx.t, async () => {
    switch (intent) {
      case "triage":
        return svc.triage(
          principal,
          id,
          parseInput(triageInput, {
            version,
            severity: s("severity"),
            urgency: s("urgency"),
            handlerUserId: s("handlerUserId"),
          }),
          ctx.requestId,
        );
      case "take":
        return svc.take(principal, id, parseInput(takeInput, { version }).version, ctx.requestId);
      case "transition":
        return svc.transition(
          principal,
          id,
          parseInput(transitionInput, { version, to: s("to"), outcome: s("outcome") || null }),
          ctx.requestId,
        );
      case "merge":
        return svc.merge(
          principal,
          id,
          parseInput(mergeInput, { version, intoId: s("intoId") }),
          ctx.requestId,
        );
      case "escalate":
        return svc.escalate(
          principal,
          id,
          parseInput(escalateInput, { version, reason: s("reason"), bodyId: s("bodyId") }),
          ctx.requestId,
        );
      default:
        return svc.addLog(
          principal,
          id,
          parseInput(logInput, {
            kind: s("kind"),
            text: s("text"),
            happenedOn: s("happenedOn"),
            reviewOn: s("reviewOn"),
            mediatorUserId: s("mediatorUserId"),
            mediatorVolunteerId: s("mediatorVolunteerId"),
          }),
          ctx.requestId,
        );
    }
  });
  if ("data" in r) {
    return data(
      { ok: false as const, intent, errors: r.data.errors, stale: r.data.errors.code === "version_conflict" },
      r.init ?? undefined,
    );
  }
  // Merged: the work goes on in the other conflict (decision 113).
  if (r.ok && typeof r.value === "object" && "intoId" in r.value)
    throw redirect(`/staff/conflicts/${r.value.intoId}`);
  return { ok: true as const, intent, errors: undefined, stale: false };
}

export default function ConflictDetail({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const c = loaderData.conflict;
  return (
    <>
      <p>
        <Link to="/staff/conflicts">{t("conflicts.title")}</Link>
      </p>
      <h1 dir="auto">{t("conflicts.detail_title", { reference: c.reference })}</h1>
      {loaderData.created ? <Notice kind="success">{t("conflicts.saved")}</Notice> : null}
      {actionData?.stale ? <Notice kind="warning">{t("conflicts.version_conflict_hint")}</Notice> : null}
      {actionData?.ok ? <Notice kind="success">{t("conflicts.saved")}</Notice> : null}
      {loaderData.duplicates.length ? (
        <Notice kind="warning">
          <p>{t("conflicts.duplicates_text")}</p>
          <ul>
            {loaderData.duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/staff/conflicts/${d.id}`}>
                  <span dir="ltr">{d.reference}</span>
                </Link>{" "}
                · {t(`conflicts.kind_${d.kind}`)} · {t(`conflicts.state_${d.state}`)} · {d.reportedText}
                {loaderData.canHandle ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="merge" />
                    <input type="hidden" name="version" value={c.version} />
                    <input type="hidden" name="intoId" value={d.id} />
                    <button type="submit">{t("conflicts.merge_button", { reference: d.reference })}</button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {loaderData.canHandle ? <p>{t("conflicts.merge_hint")}</p> : null}
        </Notice>
      ) : null}
      {actionData?.intent === "merge" ? <ErrorSummary errors={actionData.errors} /> : null}
      <dl className="facts">
        <dt>{t("conflicts.col_state")}</dt>
        <dd>
          {t(`conflicts.state_${c.state}`)}
          {c.outcome ? ` · ${t(`conflicts.outcome_${c.outcome}`)}` : ""}
        </dd>
        <ConflictWhereRows areaName={c.areaName} place={c.place} kind={c.kind} />
        <dt>{t("conflicts.urgency")}</dt>
        <dd>
          {t(`conflicts.urgency_${c.urgency}`)}
          {c.severity ? ` · ${t("conflicts.severity")}: ${t(`conflicts.severity_${c.severity}`)}` : ""}
        </dd>
        <dt>{t("conflicts.reported_via")}</dt>
        <dd>
          {t(`conflicts.channel_${c.channel}`)}
          {c.postName ? (
            <>
              {" · "}
              <bdi>{c.postName}</bdi>
            </>
          ) : null}{" "}
          · {c.reportedText}
        </dd>
        <dt>{t("conflicts.due_label")}</dt>
        <dd>
          {c.dueText}
          {c.overdue ? <strong> · {t("conflicts.overdue")}</strong> : null}
        </dd>
        <dt>{t("conflicts.first_contact_label")}</dt>
        <dd>{c.firstContactText ?? t("conflicts.status_none_yet")}</dd>
        <dt>{t("conflicts.handler")}</dt>
        <dd>{c.handlerName ? <bdi>{c.handlerName}</bdi> : t("conflicts.unassigned")}</dd>
        {c.mergedInto ? (
          <>
            <dt>{t("conflicts.merged_into_label")}</dt>
            <dd>
              <Link to={`/staff/conflicts/${c.mergedInto.id}`}>
                <span dir="ltr">{c.mergedInto.reference}</span>
              </Link>
            </dd>
          </>
        ) : null}
        {c.mergedFrom.length ? (
          <>
            <dt>{t("conflicts.merged_from_label")}</dt>
            <dd>
              {c.mergedFrom.map((m, i) => (
                <span key={m.id}>
                  {i ? ", " : ""}
                  <Link to={`/staff/conflicts/${m.id}`}>
                    <span dir="ltr">{m.reference}</span>
                  </Link>
                </span>
              ))}
            </dd>
          </>
        ) : null}
        <dt>{t("conflicts.parties_label")}</dt>
        <dd>
          <ConflictParties parties={c.parties} />
        </dd>
        {c.escalationReason ? (
          <>
            <dt>{t("conflicts.escalation_reason")}</dt>
            <dd dir="auto">{c.escalationReason}</dd>
          </>
        ) : null}
        {c.escalationMeetingId ? (
          <>
            <dt>{t("conflicts.escalation_agenda")}</dt>
            <dd>
              {loaderData.canSeeMeeting ? (
                <Link to={`/staff/network/meetings/${c.escalationMeetingId}`}>
                  {t("conflicts.escalation_agenda_link")}
                </Link>
              ) : (
                t("conflicts.escalation_agenda_link")
              )}
            </dd>
          </>
        ) : null}
      </dl>
      <ConflictNarrative description={c.description} tried={c.tried} level={2} />
      {c.protectedDetails || c.reporterEmail ? (
        <section aria-labelledby="conflict-protected">
          <h2 id="conflict-protected">{t("conflicts.protected_label")}</h2>
          {c.protectedDetails ? (
            <p className="prewrap" dir="auto">
              {c.protectedDetails}
            </p>
          ) : null}
          {c.reporterEmail ? (
            <p>
              {t("conflicts.reporter_label")}: <span dir="ltr">{c.reporterEmail}</span>
            </p>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="conflict-log">
        <h2 id="conflict-log">{t("conflicts.log_title")}</h2>
        {c.log.length ? (
          <div className="table-wrap">
            <table>
              <caption>{t("conflicts.log_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("conflicts.log_at")}</th>
                  <th scope="col">{t("conflicts.log_kind")}</th>
                  <th scope="col">{t("conflicts.log_text")}</th>
                  <th scope="col">{t("conflicts.log_by")}</th>
                </tr>
              </thead>
              <tbody>
                {c.log.map((l) => (
                  <tr key={l.id}>
                    <td>{l.atText}</td>
                    <td>{t(`conflicts.log_kind_${l.kind}`)}</td>
                    <td className="prewrap">
                      <bdi>{l.text}</bdi>
                      {l.happenedOn ? ` (${l.happenedOn})` : ""}
                      {l.reviewOn ? ` · ${t("conflicts.log_review_on")}: ${l.reviewOn}` : ""}
                      {l.mediatorName ? (
                        <>
                          {` · ${t("conflicts.log_mediator")}: `}
                          <bdi>{l.mediatorName}</bdi>
                        </>
                      ) : null}
                    </td>
                    <td>{l.actorName ? <bdi>{l.actorName}</bdi> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("conflicts.log_empty")}</p>
        )}
      </section>
      {loaderData.canHandle ? (
        <p>
          <Link to={`/staff/conflicts/${c.id}/cases`}>{t("conflicts.case_links_link")}</Link>
        </p>
      ) : null}
      {loaderData.canHandle ? (
        <ConflictWork
          conflict={c}
          handlers={loaderData.handlers}
          mediators={loaderData.mediators}
          bodies={loaderData.bodies}
          me={loaderData.me}
          intent={actionData && !actionData.ok ? actionData.intent : null}
          errors={actionData && !actionData.ok ? actionData.errors : undefined}
        />
      ) : null}
    </>
  );
}
