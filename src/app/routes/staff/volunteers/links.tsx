import { data, Form, Link } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { createLinkInput } from "#app/modules/volunteers/contracts.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/links";

/**
 * Booking links (issue 17): one per contact of a directory organization. The link is mailed
 * to the contact and shown here once; only its hash is stored. Revoking stops form and status.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [links, organizations] = await Promise.all([
    ctx.services.volunteers.listLinks(principal),
    ctx.services.volunteers.linkOrganizations(principal),
  ]);
  return { links, organizations };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  if (formString(form, "intent") === "revoke") {
    const id = formString(form, "id");
    if (!isUuid(id)) throw data(null, { status: 404 });
    const r = await formAction(ctx.t, () =>
      ctx.services.volunteers.revokeLink(principal, id, { requestId: ctx.requestId }),
    );
    if ("data" in r) return data({ ...r.data, issued: null }, r.init ?? undefined);
    return { ok: true as const, errors: undefined, issued: null };
  }
  const r = await formAction(ctx.t, () =>
    ctx.services.volunteers.issueLink(
      principal,
      parseInput(createLinkInput, {
        organizationId: formString(form, "organizationId"),
        contactName: formString(form, "contactName"),
        contactEmail: formString(form, "contactEmail"),
        language: formString(form, "language"),
      }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in r) return data({ ...r.data, issued: null }, r.init ?? undefined);
  return {
    ok: true as const,
    errors: undefined,
    issued: { url: r.value.url },
  };
}

export default function BookingLinks({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <>
      <p>
        <Link to="/staff/volunteers">{t("volunteers.back")}</Link>
      </p>
      <h1>{t("volunteers.links_title")}</h1>
      <p>{t("volunteers.links_intro")}</p>
      {actionData?.issued ? (
        <Notice kind="success">
          {t("volunteers.link_issued")}{" "}
          <code dir="ltr" className="break-all">
            {actionData.issued.url}
          </code>
        </Notice>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.links_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("volunteers.institution")}</th>
              <th scope="col">{t("volunteers.contact_name")}</th>
              <th scope="col">{t("volunteers.contact_email")}</th>
              <th scope="col">{t("volunteers.link_created")}</th>
              <th scope="col">{t("volunteers.state")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.links.map((l) => (
              <tr key={l.id}>
                <th scope="row">{l.institutionName}</th>
                <td>{l.contactName}</td>
                <td dir="ltr">{l.contactEmail}</td>
                <td>{l.createdAt.slice(0, 10)}</td>
                <td>
                  {l.revokedAt ? (
                    t("volunteers.link_revoked", { date: l.revokedAt.slice(0, 10) })
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="id" value={l.id} />
                      <button
                        type="submit"
                        aria-label={t("volunteers.link_revoke_for", { name: l.contactName })}
                      >
                        {t("volunteers.link_revoke")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loaderData.links.length === 0 ? <p>{t("volunteers.links_none")}</p> : null}
      <section aria-labelledby="issue">
        <h2 id="issue">{t("volunteers.link_issue")}</h2>
        <ErrorSummary errors={errors} />
        <Form method="post" className="stack" noValidate>
          <Select
            name="organizationId"
            label={t("volunteers.institution")}
            empty={t("volunteers.public_choose")}
            options={loaderData.organizations.map((o) => ({ value: o.id, label: o.name }))}
            required
            errors={errors}
          />
          <TextField name="contactName" label={t("volunteers.contact_name")} required errors={errors} />
          <TextField
            name="contactEmail"
            type="email"
            dir="ltr"
            label={t("volunteers.contact_email")}
            required
            errors={errors}
          />
          <Select
            name="language"
            label={t("volunteers.link_language")}
            options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
            defaultValue="de"
            errors={errors}
          />
          <p>
            <button type="submit">{t("volunteers.link_issue_button")}</button>
          </p>
        </Form>
      </section>
    </>
  );
}
