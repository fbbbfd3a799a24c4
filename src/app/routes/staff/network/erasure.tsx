import { data, Form } from "react-router";
import {
  contributionErasureInput,
  contributionErasureSearch,
} from "#app/modules/network/participation.contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/erasure";
import { useDateTime } from "./format.ts";

/**
 * Erasing a contribution's text on request (decision 111): the data-protection officer finds it by
 * a piece of its text or by the sender's tracking link, and erases it (decision 101). Each match
 * shown is an audited read.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  if (!q) return { q, matches: null, errors: undefined };
  const r = await formAction(ctx.t, () =>
    ctx.services.network.privacy.findContributions(
      principal,
      parseInput(contributionErasureSearch, { q }),
      ctx.requestId,
    ),
  );
  if ("data" in r) return { q, matches: null, errors: r.data.errors };
  const matches = r.value.map((m) => ({
    ...m,
    createdAt: m.createdAt.toISOString(),
    eventStartsAt: m.eventStartsAt.toISOString(),
  }));
  return { q, matches, errors: undefined };
}

type ActionResult = { ok: true; erased: number } | { ok: false; id: string; errors: FormErrors };

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const id = formString(form, "id");
  const r = await formAction(ctx.t, () => {
    const input = parseInput(contributionErasureInput, { id, confirm: formString(form, "confirm") === "on" });
    return ctx.services.network.privacy.eraseContribution(principal, input.id, ctx.requestId);
  });
  if ("data" in r) return data({ ok: false as const, id, errors: r.data.errors }, r.init ?? undefined);
  return { ok: true, erased: r.value.contributions } satisfies ActionResult;
}

export default function Erasure({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useDateTime();
  const result = actionData as ActionResult | undefined;
  return (
    <>
      <h1>{t("network.erasure_title")}</h1>
      <p>{t("network.erasure_intro")}</p>
      {result?.ok ? (
        <Notice kind="success">
          {result.erased ? t("network.erasure_done") : t("network.erasure_nothing_left")}
        </Notice>
      ) : null}
      <ErrorSummary errors={d.errors} />
      <Form method="get" className="stack" noValidate>
        <TextField
          name="q"
          type="search"
          label={t("network.erasure_search")}
          hint={t("network.erasure_search_hint")}
          defaultValue={d.q}
          maxLength={300}
          errors={d.errors}
        />
        <p>
          <button type="submit">{t("network.erasure_find")}</button>
        </p>
      </Form>
      {d.matches ? (
        <section aria-labelledby="erasure-matches">
          <h2 id="erasure-matches">{t("network.erasure_matches", { count: d.matches.length })}</h2>
          {d.matches.length === 0 ? <p>{t("network.erasure_none")}</p> : null}
          {d.matches.map((m) => {
            const errors = result && !result.ok && result.id === m.id ? result.errors : undefined;
            return (
              <article key={m.id} aria-labelledby={`m-${m.id}`} className="card">
                <h3 id={`m-${m.id}`}>
                  {m.eventTitle} · {fmt(m.eventStartsAt)}
                </h3>
                <p className="pre-line" dir="auto">
                  {m.text}
                </p>
                <p>
                  {t(`network.contribution_state_${m.state}`)} ·{" "}
                  {t(`network.contribution_source_${m.source}`)} · {fmt(m.createdAt)}
                </p>
                <ErrorSummary errors={errors} />
                <Form method="post" className="stack" noValidate>
                  <input type="hidden" name="id" value={m.id} />
                  <div className="checkbox">
                    <input type="checkbox" id={`confirm-${m.id}`} name="confirm" required />
                    <label htmlFor={`confirm-${m.id}`}>{t("network.erasure_confirm")}</label>
                  </div>
                  <p>
                    <button type="submit" className="button-danger">
                      {t("network.erasure_submit")}
                    </button>
                  </p>
                </Form>
              </article>
            );
          })}
        </section>
      ) : null}
    </>
  );
}
