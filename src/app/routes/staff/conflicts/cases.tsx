import { data, Form, Link } from "react-router";
import { caseLinkInput, conflictCaseParams } from "#app/modules/conflicts/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/cases";
import { dateTimeFormat } from "./format.server.ts";

/**
 * The parties of one conflict linked to cases of case work (decisions 080, 088): the contact
 * point links and unlinks; a link names its case only to whoever may read that case.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const page = await ctx.services.conflicts.caseLinkPage(principal, params.id, ctx.requestId);
  const fmt = dateTimeFormat(ctx.lang);
  return { ...page, links: page.links.map((l) => ({ ...l, linkedText: fmt(l.linkedAt) })) };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const unlink = form.get("intent") === "unlink";
  const r = await formAction(ctx.t, async () => {
    if (unlink) {
      const p = parseInput(conflictCaseParams, { id: params.id, caseId: formString(form, "caseId") });
      return ctx.services.conflicts.unlinkCase(principal, p.id, p.caseId, ctx.requestId);
    }
    const input = parseInput(caseLinkInput, {
      caseId: formString(form, "caseId"),
      party: formString(form, "party"),
    });
    return ctx.services.conflicts.linkCase(principal, params.id, input, ctx.requestId);
  });
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, errors: undefined, unlinked: unlink };
}

export default function ConflictCases({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const c = loaderData;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <>
      <p>
        <Link to={`/staff/conflicts/${c.id}`}>
          {t("conflicts.back_to_conflict", { reference: c.reference })}
        </Link>
      </p>
      <h1>{t("conflicts.case_links_title", { reference: c.reference })}</h1>
      <p>{t("conflicts.case_links_intro")}</p>
      {actionData?.ok ? (
        <Notice kind="success">
          {t(actionData.unlinked ? "conflicts.case_unlinked" : "conflicts.case_linked")}
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      {c.links.length === 0 ? (
        <p>{t("conflicts.case_links_none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("conflicts.case_links_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("conflicts.case_link_party")}</th>
                <th scope="col">{t("conflicts.case_link_case")}</th>
                <th scope="col">{t("conflicts.case_link_at")}</th>
                <th scope="col">{t("conflicts.case_link_actions")}</th>
              </tr>
            </thead>
            <tbody>
              {c.links.map((l, i) => (
                <tr key={`${l.party}-${l.caseId ?? i}`}>
                  <th scope="row">{l.party}</th>
                  <td>
                    {l.caseId ? (
                      <Link to={`/staff/cases/${l.caseId}`}>{t("conflicts.case_link_open")}</Link>
                    ) : (
                      t("conflicts.case_link_hidden")
                    )}
                  </td>
                  <td>{l.linkedText}</td>
                  <td>
                    {l.caseId ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="unlink" />
                        <input type="hidden" name="caseId" value={l.caseId} />
                        <button type="submit">{t("conflicts.case_unlink", { party: l.party })}</button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {c.parties.length ? (
        <section aria-labelledby="link-heading">
          <h2 id="link-heading">{t("conflicts.case_link_add")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="link" />
            <Select
              name="party"
              label={t("conflicts.case_link_party")}
              options={c.parties.map((p) => ({ value: p, label: p }))}
              errors={errors}
            />
            <TextField
              name="caseId"
              label={t("conflicts.case_link_case_id")}
              hint={t("conflicts.case_link_case_id_hint")}
              errors={errors}
            />
            <p>
              <button type="submit">{t("conflicts.case_link_submit")}</button>
            </p>
          </Form>
        </section>
      ) : (
        <p>{t("conflicts.case_links_no_parties")}</p>
      )}
    </>
  );
}
