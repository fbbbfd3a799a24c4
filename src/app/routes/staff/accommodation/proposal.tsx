import { data, Form, Link, redirect } from "react-router";
import {
  type ProposalView,
  placeHouseholdInput,
  proposalQuery,
} from "#app/modules/accommodation/housing.contracts.ts";
import { caseListQuery } from "#app/modules/casework/contracts.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { parseInput } from "#app/server/validation.ts";
import { Checkbox, ErrorSummary, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/proposal";

/**
 * The ranked proposal for a household (decision 073): choose the case, the stay, the access need
 * and the quarter the household is tied to; a GET form, so it works without JavaScript and the
 * answer can be bookmarked. Each fitting accommodation can be taken with one button.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const url = new URL(request.url);
  const q = Object.fromEntries(url.searchParams);
  // The cases whose household the user could place: their open cases (the list read is audited there).
  const cases = (
    await ctx.services.casework.cases.list(
      principal,
      parseInput(caseListQuery, { status: "open", limit: 200 }),
      {
        requestId: ctx.requestId,
      },
    )
  ).items.map((c) => ({ value: c.id, label: `${c.reference} – ${c.householdLabel}` }));
  const areas = (await ctx.services.areas.list(principal.tenantId)).map((a) => ({
    value: a.id,
    label: a.name,
  }));
  let proposal: ProposalView | null = null;
  let errors: FormErrors | undefined;
  if (isUuid(q.caseId ?? "")) {
    const result = await formAction(ctx.t, () =>
      ctx.services.accommodation.proposal.propose(
        principal,
        q.caseId!,
        parseInput(proposalQuery, { ...q, needsAccessible: q.needsAccessible === "on" }),
        { requestId: ctx.requestId },
      ),
    );
    if ("data" in result) errors = result.data.errors;
    else proposal = result.value;
  }
  return { q, cases, areas, proposal, errors, placed: url.searchParams.get("placed") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const accommodationId = str("accommodationId");
  if (!isUuid(accommodationId)) throw data(null, { status: 404 });
  const result = await formAction(ctx.t, () =>
    ctx.services.accommodation.placements.place(
      principal,
      accommodationId,
      parseInput(placeHouseholdInput, {
        caseId: str("caseId"),
        moveIn: str("moveIn"),
        moveOut: str("moveOut"),
        room: "",
        roomIds: form.getAll("roomIds").filter((v) => typeof v === "string"),
        needsAccessible: str("needsAccessible") === "on",
        version: /^\d+$/.test(str("version")) ? Number(str("version")) : str("version"),
      }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in result) return data({ errors: result.data.errors }, result.init ?? undefined);
  return redirect(`/staff/accommodation/housing/${accommodationId}?placed=1`);
}

export default function Proposal({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { q, cases, areas, proposal, errors } = loaderData;
  const placeErrors = (actionData as { errors?: FormErrors } | undefined)?.errors;
  const points = (s: number | null) => (s === null ? "–" : String(Math.round(s * 100)));
  return (
    <>
      <p>
        <Link to="/staff/accommodation/housing">{t("accommodation.housing_back")}</Link>
      </p>
      <h1>{t("accommodation.proposal_title")}</h1>
      <p>{t("accommodation.proposal_intro")}</p>
      <Form method="get" noValidate aria-labelledby="proposal-form">
        <h2 id="proposal-form">{t("accommodation.proposal_form")}</h2>
        <ErrorSummary errors={errors} />
        <Select
          id="proposal-case"
          name="caseId"
          label={t("accommodation.place_case")}
          empty={t("accommodation.place_choose")}
          options={cases}
          defaultValue={q.caseId ?? ""}
          errors={errors}
          required
        />
        <TextField
          name="moveIn"
          type="date"
          label={t("accommodation.residents_move_in")}
          defaultValue={q.moveIn ?? ""}
          errors={errors}
          required
        />
        <TextField
          name="moveOut"
          type="date"
          label={t("accommodation.residents_move_out")}
          defaultValue={q.moveOut ?? ""}
          errors={errors}
        />
        <Checkbox
          name="needsAccessible"
          label={t("accommodation.place_needs_accessible")}
          defaultChecked={q.needsAccessible === "on"}
        />
        <Select
          name="nearAreaId"
          label={t("accommodation.proposal_near")}
          empty={t("accommodation.proposal_near_own")}
          options={areas}
          defaultValue={q.nearAreaId ?? ""}
          errors={errors}
        />
        <button type="submit">{t("accommodation.proposal_submit")}</button>
      </Form>
      {proposal && (
        <>
          <ErrorSummary errors={placeErrors} />
          {proposal.items.length === 0 ? (
            <p>{t("accommodation.housing_empty")}</p>
          ) : (
            <table>
              <caption>
                {t("accommodation.proposal_caption", {
                  persons: proposal.persons,
                  area: proposal.nearAreaName ?? "–",
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("accommodation.proposal_rank")}</th>
                  <th scope="col">{t("accommodation.housing_name")}</th>
                  <th scope="col">{t("accommodation.housing_area")}</th>
                  <th scope="col">{t("accommodation.proposal_score")}</th>
                  <th scope="col">{t("accommodation.proposal_fit")}</th>
                  <th scope="col">{t("accommodation.proposal_distance")}</th>
                  <th scope="col">{t("accommodation.proposal_offers")}</th>
                  <th scope="col">{t("accommodation.proposal_balance")}</th>
                  <th scope="col">{t("accommodation.proposal_rooms")}</th>
                  <th scope="col">{t("accommodation.proposal_action")}</th>
                </tr>
              </thead>
              <tbody>
                {proposal.items.map((item, i) => {
                  const c = (k: string) => item.criteria.find((x) => x.criterion === k);
                  const fit = c("fit");
                  const distance = c("distance");
                  const offers = c("offers");
                  const balance = c("balance");
                  return (
                    <tr key={item.accommodationId}>
                      <td>{item.blocked ? "–" : i + 1}</td>
                      <th scope="row">
                        <Link to={`/staff/accommodation/housing/${item.accommodationId}`}>{item.name}</Link>
                      </th>
                      <td>{item.areaName}</td>
                      {item.blocked ? (
                        <td colSpan={6}>
                          {t("accommodation.proposal_left_out", { reason: t(`validation.${item.blocked}`) })}
                        </td>
                      ) : (
                        <>
                          <td>{points(item.score)}</td>
                          <td>
                            {t("accommodation.proposal_fit_value", {
                              points: points(fit?.score ?? null),
                              beds: fit?.value ?? 0,
                            })}
                          </td>
                          <td>
                            {distance?.value == null
                              ? t("accommodation.proposal_distance_none")
                              : t("accommodation.proposal_distance_value", {
                                  points: points(distance.score),
                                  meters: distance.value,
                                })}
                          </td>
                          <td>
                            {offers?.value == null
                              ? t("accommodation.proposal_offers_none")
                              : t("accommodation.proposal_offers_value", {
                                  points: points(offers.score),
                                  count: offers.value,
                                })}
                          </td>
                          <td>
                            {t("accommodation.proposal_balance_value", {
                              points: points(balance?.score ?? null),
                              persons: balance?.value ?? 0,
                            })}
                          </td>
                          <td>
                            {item.rooms.length
                              ? item.rooms.map((r) => r.name).join(", ")
                              : t("accommodation.proposal_whole")}
                          </td>
                        </>
                      )}
                      <td>
                        {!item.blocked && (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="accommodationId" value={item.accommodationId} />
                            <input type="hidden" name="version" value={item.version} />
                            <input type="hidden" name="caseId" value={q.caseId ?? ""} />
                            <input type="hidden" name="moveIn" value={q.moveIn ?? ""} />
                            <input type="hidden" name="moveOut" value={q.moveOut ?? ""} />
                            <input type="hidden" name="needsAccessible" value={q.needsAccessible ?? ""} />
                            {item.rooms.map((r) => (
                              <input key={r.id} type="hidden" name="roomIds" value={r.id} />
                            ))}
                            <button
                              type="submit"
                              aria-label={t("accommodation.proposal_place_in", { name: item.name })}
                            >
                              {t("accommodation.proposal_place")}
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
