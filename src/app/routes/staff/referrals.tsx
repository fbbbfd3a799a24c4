import { Form, Link } from "react-router";
import { REFERRAL_STATUSES } from "#app/modules/casework/model.ts";
import { incomingQuery } from "#app/modules/casework/referrals.contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ScrollRegion, SharedList } from "../../components/casework-fields.tsx";
import { Select } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { formAction, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/referrals";

/** Incoming referrals of the partner's organization: the shared fields and status, never the case. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const status = new URL(request.url).searchParams.get("status") ?? "";
  const r = await formAction(ctx.t, () =>
    ctx.services.referrals.incoming(principal, parseInput(incomingQuery, { status })),
  );
  if ("data" in r) throw r;
  return { items: r.value, status, statuses: [...REFERRAL_STATUSES] };
}

export default function IncomingReferrals({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <h1>{t("referrals.incoming_title")}</h1>
      <p>{t("referrals.incoming_intro")}</p>
      <Form method="get" className="co-filter">
        <Select
          empty={t("referrals.choose")}
          name="status"
          label={t("referrals.col_status")}
          defaultValue={d.status}
          options={d.statuses.map((s) => ({ value: s, label: t(`case_overview.status_${s}`) }))}
        />
        <button type="submit">{t("case_overview.apply")}</button>
      </Form>
      <ScrollRegion className="table-wrap">
        <table>
          <caption>{t("referrals.incoming_caption", { count: d.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("referrals.col_sent")}</th>
              <th scope="col">{t("referrals.col_kind")}</th>
              <th scope="col">{t("referrals.col_recipient")}</th>
              <th scope="col">{t("referrals.col_shared")}</th>
              <th scope="col">{t("referrals.col_status")}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/staff/referrals/${r.id}`}>{r.sentAt.slice(0, 10)}</Link>
                </td>
                <td>{t(`case_overview.kind_${r.kind}`)}</td>
                <td>{r.targetName ?? "—"}</td>
                <td>
                  <SharedList shared={r.shared} />
                </td>
                <td>
                  <Link to={`/staff/referrals/${r.id}`}>{t(`case_overview.status_${r.status}`)}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
