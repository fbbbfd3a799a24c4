import { data, Form, Link } from "react-router";
import { eventAttendanceInput } from "#app/modules/network/participation.contracts.ts";
import { ATTENDANCE_AGE_BANDS, ATTENDANCE_GENDERS } from "#app/modules/network/participation.model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/event-report";
import { useDateTime } from "./format.ts";

/** The report per participation event (decision 085): attendance and what became of the contributions. */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const report = await ctx.services.network.eventReport(principal, params.id).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  return { report, canManage: can(principal, "network.manage") };
}

const FIELDS = [...ATTENDANCE_GENDERS, ...ATTENDANCE_AGE_BANDS.map((b) => `age_${b}` as const)];

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "network.manage");
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const input = Object.fromEntries(["version", "total", ...FIELDS].map((k) => [k, formString(form, k)]));
  const result = await formAction(ctx.t, () =>
    ctx.services.network.setEventAttendance(
      { kind: "user", principal },
      params.id,
      parseInput(eventAttendanceInput, input),
      ctx.requestId,
    ),
  );
  if ("data" in result) return result;
  return { ok: true as const };
}

export default function EventReport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useDateTime();
  const { report: r, canManage } = loaderData;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const a = r.attendance;
  const count = (n: number | undefined) => (n === undefined ? "—" : String(n));
  const totals = r.contributions.reduce(
    (s, c) => ({ staff: s.staff + c.staff, public: s.public + c.public }),
    { staff: 0, public: 0 },
  );
  return (
    <>
      <p>
        <Link to={`/staff/network/events/${r.event.id}`}>{t("network.report_back")}</Link>
      </p>
      <h1>{t("network.report_title", { title: r.event.title })}</h1>
      <p>
        {t(`network.format_${r.event.format}`)} · {fmt(r.event.startsAt)}
      </p>
      <p>
        <a href={`/api/v1/network/events/${r.event.id}/report/pdf`} download>
          {t("network.report_pdf_download")}
        </a>
      </p>
      {actionData?.ok ? <Notice kind="success">{t("network.saved")}</Notice> : null}

      <section aria-labelledby="attendance">
        <h2 id="attendance">{t("network.attendance")}</h2>
        {a === null ? (
          <p>{t("network.attendance_none")}</p>
        ) : (
          <table>
            <caption>{t("network.attendance_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("network.attendance_group")}</th>
                <th scope="col">{t("network.attendance_count")}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("network.attendance_total")}</th>
                <td>{a.total}</td>
              </tr>
              {ATTENDANCE_GENDERS.map((g) => (
                <tr key={g}>
                  <th scope="row">{t(`network.attendance_${g}`)}</th>
                  <td>{count(a.byGender[g])}</td>
                </tr>
              ))}
              {ATTENDANCE_AGE_BANDS.map((b) => (
                <tr key={b}>
                  <th scope="row">{t(`network.attendance_age_${b}`)}</th>
                  <td>{count(a.byAge[b])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canManage ? (
          <Form method="post" className="stack" noValidate key={`a-${r.event.version}`}>
            <ErrorSummary errors={errors} />
            <input type="hidden" name="version" value={r.event.version} />
            <TextField
              name="total"
              label={t("network.attendance_total")}
              inputMode="numeric"
              required
              defaultValue={a ? String(a.total) : ""}
              errors={errors}
            />
            {FIELDS.map((k) => {
              const v = k.startsWith("age_")
                ? a?.byAge[k.slice(4) as (typeof ATTENDANCE_AGE_BANDS)[number]]
                : a?.byGender[k as (typeof ATTENDANCE_GENDERS)[number]];
              return (
                <TextField
                  key={k}
                  name={k}
                  label={t(`network.attendance_${k}`)}
                  inputMode="numeric"
                  defaultValue={v === undefined ? "" : String(v)}
                  errors={errors}
                />
              );
            })}
            <p>
              <button type="submit">{t("network.attendance_save")}</button>
            </p>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="report-contributions">
        <h2 id="report-contributions">{t("network.event_contributions")}</h2>
        <table>
          <caption>{t("network.report_contributions_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("network.status")}</th>
              <th scope="col">{t("network.report_source_staff")}</th>
              <th scope="col">{t("network.report_source_public")}</th>
              <th scope="col">{t("network.attendance_total")}</th>
            </tr>
          </thead>
          <tbody>
            {r.contributions.map((c) => (
              <tr key={c.state}>
                <th scope="row">{t(`network.contribution_state_${c.state}`)}</th>
                <td>{c.staff}</td>
                <td>{c.public}</td>
                <td>{c.staff + c.public}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("network.attendance_total")}</th>
              <td>{totals.staff}</td>
              <td>{totals.public}</td>
              <td>{totals.staff + totals.public}</td>
            </tr>
          </tfoot>
        </table>
        {r.items.length ? (
          <ul>
            {r.items.map((c) => (
              <li key={c.id}>
                {c.erasedAt ? (
                  t("network.contribution_erased", { date: c.erasedAt.slice(0, 10) })
                ) : (
                  <span lang={c.language} dir="auto">
                    {c.text}
                  </span>
                )}{" "}
                — {t(`network.contribution_state_${c.state}`)}
                {c.reason ? `: ${c.reason}` : ""}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
