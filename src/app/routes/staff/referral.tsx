import { data, Form, Link, useNavigation } from "react-router";
import { decisionInput, outcomeInput } from "#app/modules/casework/referrals.contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { SharedList } from "../../components/casework-fields.tsx";
import { ErrorSummary, Notice, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/referral";

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const r = await formAction(ctx.t, () =>
    ctx.services.referrals.incomingOne(principal, params.id, ctx.requestId),
  );
  if ("data" in r) throw r;
  return { referral: r.value };
}

type ActionResult = { ok: true } | { ok: false; errors: FormErrors };

export async function action({ request, params, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const version = Number(str("version"));
  const r =
    str("intent") === "outcome"
      ? await formAction(ctx.t, () =>
          ctx.services.referrals.recordOutcome(
            principal,
            params.id,
            parseInput(outcomeInput, { version, outcome: str("outcome") }),
            ctx.requestId,
          ),
        )
      : await formAction(ctx.t, () =>
          ctx.services.referrals.decide(
            principal,
            params.id,
            parseInput(decisionInput, { version, decision: str("decision"), reason: str("reason") }),
            ctx.requestId,
          ),
        );
  if ("data" in r) return data({ ok: false as const, errors: r.data.errors }, r.init ?? undefined);
  return { ok: true } satisfies ActionResult;
}

export default function IncomingReferral({ loaderData: { referral: r }, actionData }: Route.ComponentProps) {
  const t = useT();
  const nav = useNavigation();
  const result = actionData as ActionResult | undefined;
  const errors = result && !result.ok ? result.errors : undefined;
  const canOutcome = r.status === "accepted" || r.status === "started";
  return (
    <>
      <p>
        <Link to="/staff/referrals">{t("referrals.back_incoming")}</Link>
      </p>
      <h1>
        {t(`case_overview.kind_${r.kind}`)} · {r.targetName ?? "—"}
      </h1>
      {result?.ok ? <Notice kind="success">{t("referrals.saved")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <p>
        {t("referrals.col_status")}: <strong>{t(`case_overview.status_${r.status}`)}</strong>
        {r.decisionReason ? ` · ${r.decisionReason}` : ""}
      </p>
      <h2>{t("referrals.col_shared")}</h2>
      <SharedList shared={r.shared} />
      {r.status === "sent" ? (
        <Form method="post" aria-labelledby="decide-title" noValidate>
          <h2 id="decide-title">{t("referrals.decide_title")}</h2>
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="version" value={r.version} />
          <TextField
            multiline
            rows={3}
            name="reason"
            label={t("referrals.reason")}
            hint={t("referrals.reason_hint")}
            maxLength={2000}
            errors={errors}
          />
          <div className="actions">
            <button type="submit" name="decision" value="accepted" disabled={nav.state === "submitting"}>
              {t("referrals.accept")}
            </button>
            <button
              type="submit"
              name="decision"
              value="declined"
              className="button-secondary"
              disabled={nav.state === "submitting"}
            >
              {t("referrals.decline")}
            </button>
          </div>
        </Form>
      ) : null}
      {canOutcome ? (
        <Form method="post" aria-labelledby="outcome-title">
          <h2 id="outcome-title">{t("referrals.outcome_title")}</h2>
          <input type="hidden" name="intent" value="outcome" />
          <input type="hidden" name="version" value={r.version} />
          <div className="actions">
            {r.status === "accepted" ? (
              <button type="submit" name="outcome" value="started">
                {t("case_overview.status_started")}
              </button>
            ) : null}
            <button type="submit" name="outcome" value="completed">
              {t("case_overview.status_completed")}
            </button>
            <button type="submit" name="outcome" value="dropped" className="button-secondary">
              {t("case_overview.status_dropped")}
            </button>
          </div>
        </Form>
      ) : null}
    </>
  );
}
