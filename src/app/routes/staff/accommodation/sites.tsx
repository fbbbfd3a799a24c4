import { data, Link, redirect } from "react-router";
import {
  type CriterionView,
  createCriterionInput,
  createSiteInput,
  runScenarioInput,
  type ScenarioSummary,
  type SiteView,
} from "#app/modules/accommodation/contracts.ts";
import { DEFAULT_MAX_CAPACITY, parseGermanNumber } from "#app/modules/accommodation/model.ts";
import type { WeightSetView } from "#app/modules/accommodation/weights.contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { CriterionForm } from "../../../components/accommodation-sites/criterion-form.tsx";
import { RunForm } from "../../../components/accommodation-sites/run-form.tsx";
import { SiteForm } from "../../../components/accommodation-sites/site-form.tsx";
import { Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/sites";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const actor = { kind: "user" as const, principal };
  const [criteria, sites, scenarios, weightSet] = await Promise.all([
    ctx.services.accommodation.listCriteria(actor),
    ctx.services.accommodation.listSites(actor),
    ctx.services.accommodation.listScenarios(actor),
    ctx.services.accommodation.weights.inForce(actor),
  ]);
  return { criteria, sites, scenarios, weightSet, canManage: can(principal, "accommodation.sites.manage") };
}

type Intent = "criterion" | "site" | "scenario";
type ActionResult = { ok: true; intent: Intent } | { ok: false; intent: Intent; errors: FormErrors };

/** A number field as typed: German input, empty → null, unreadable → NaN (the contract names the field). */
const numberOf = (v: FormDataEntryValue | null) => parseGermanNumber(typeof v === "string" ? v : "");

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "accommodation.sites.manage");
  const actor = { kind: "user" as const, principal };
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const intent: Intent =
    str("intent") === "site" ? "site" : str("intent") === "scenario" ? "scenario" : "criterion";
  const svc = ctx.services.accommodation;
  const criteriaIds = (await svc.listCriteria(actor)).map((c) => c.id);
  const perCriterion = (prefix: string) =>
    Object.fromEntries(criteriaIds.map((id) => [id, numberOf(form.get(`${prefix}.${id}`))]));
  const result = await formAction(ctx.t, async () => {
    if (intent === "criterion")
      return svc.createCriterion(
        actor,
        parseInput(createCriterionInput, {
          name: str("name"),
          unit: str("unit"),
          direction: str("direction"),
          missing: str("missing"),
          source: str("source"),
        }),
        ctx.requestId,
      );
    if (intent === "site")
      return svc.createSite(
        actor,
        parseInput(createSiteInput, {
          name: str("name"),
          geometry: { type: "Point", coordinates: [numberOf(form.get("lon")), numberOf(form.get("lat"))] },
          capacity: numberOf(form.get("capacity")),
          existing: form.get("existing") === "on",
          values: perCriterion("values"),
        }),
        ctx.requestId,
      );
    const weights = perCriterion("weights");
    const burdenId = str("burdenCriterionId");
    return svc.runScenario(
      actor,
      parseInput(runScenarioInput, {
        name: str("name"),
        // "adopted": no weights sent, the set in force runs (decision 114).
        weights:
          str("weightSource") === "adopted"
            ? undefined
            : Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v ?? 0])),
        constraints: {
          onePerArea: form.get("onePerArea") === "on",
          demand: numberOf(form.get("demand")) ?? 0,
          maxCapacity: numberOf(form.get("maxCapacity")) ?? DEFAULT_MAX_CAPACITY,
          maxSites: numberOf(form.get("maxSites")),
          minDistanceMeters: numberOf(form.get("minDistanceMeters")),
          burden: burdenId ? { criterionId: burdenId, limit: numberOf(form.get("burdenLimit")) } : null,
          forced: form.getAll("forced").filter((v) => typeof v === "string"),
          excluded: form.getAll("excluded").filter((v) => typeof v === "string"),
        },
      }),
      ctx.requestId,
    );
  });
  if (!("data" in result)) {
    if (intent === "scenario")
      throw redirect(`/staff/accommodation/scenarios/${(result.value as { id: string }).id}`);
    return { ok: true, intent } satisfies ActionResult;
  }
  return data({ ...result.data, intent } satisfies ActionResult, result.init ?? undefined);
}

const fmt = (v: number | null | undefined) =>
  v === null || v === undefined ? "–" : v.toLocaleString("de-DE", { maximumFractionDigits: 3 });

export default function Sites({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { criteria, sites, scenarios, weightSet, canManage } = loaderData as {
    criteria: CriterionView[];
    sites: SiteView[];
    scenarios: ScenarioSummary[];
    weightSet: WeightSetView | null;
    canManage: boolean;
  };
  const result = actionData as ActionResult | undefined;
  const errorsFor = (intent: Intent) =>
    result && !result.ok && result.intent === intent ? result.errors : undefined;
  const candidates = sites.filter((s) => !s.existing);
  return (
    <>
      <h1>{t("accommodation.title")}</h1>
      <p>{t("accommodation.intro")}</p>

      <h2 id="scenarios">{t("accommodation.scenarios_title")}</h2>
      {scenarios.length ? (
        <table>
          <caption>{t("accommodation.scenarios_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accommodation.scenario_name")}</th>
              <th scope="col">{t("accommodation.scenario_created")}</th>
              <th scope="col">{t("accommodation.scenario_status")}</th>
              <th scope="col">{t("accommodation.scenario_chosen_count")}</th>
              <th scope="col">{t("accommodation.col_objective")}</th>
            </tr>
          </thead>
          <tbody>
            {scenarios.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/staff/accommodation/scenarios/${s.id}`}>{s.name}</Link>
                </td>
                <td>{new Date(s.createdAt).toLocaleString("de-DE")}</td>
                <td>{t(`accommodation.status_${s.status}`)}</td>
                <td>{s.chosenCount}</td>
                <td>{fmt(s.objective)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("accommodation.scenarios_empty")}</p>
      )}

      {canManage && criteria.length > 0 && candidates.length > 0 && (
        <RunForm
          criteria={criteria}
          candidates={candidates}
          weightSet={weightSet}
          errors={errorsFor("scenario")}
        />
      )}
      <p>
        <Link to="/staff/accommodation/weights">{t("accommodation.dialogue_link")}</Link>
      </p>

      <h2 id="sites">{t("accommodation.sites_title")}</h2>
      {result?.ok && result.intent === "site" && (
        <Notice kind="success">{t("accommodation.site_added")}</Notice>
      )}
      {sites.length ? (
        <table>
          <caption>{t("accommodation.sites_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accommodation.site_name")}</th>
              <th scope="col">{t("accommodation.site_area")}</th>
              <th scope="col">{t("accommodation.site_capacity")}</th>
              <th scope="col">{t("accommodation.site_existing")}</th>
              {criteria.map((c) => (
                <th scope="col" key={c.id}>
                  {c.unit ? `${c.name} (${c.unit})` : c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{s.areaName}</td>
                <td>{s.capacity}</td>
                <td>{s.existing ? t("accommodation.yes") : t("accommodation.no")}</td>
                {criteria.map((c) => (
                  <td key={c.id}>{fmt(s.values[c.id])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("accommodation.sites_empty")}</p>
      )}
      {canManage && (
        <p>
          <Link to="/staff/accommodation/sites/import">{t("accommodation.import_link")}</Link>
        </p>
      )}
      {canManage && <SiteForm criteria={criteria} errors={errorsFor("site")} />}

      <h2 id="criteria">{t("accommodation.criteria_title")}</h2>
      {result?.ok && result.intent === "criterion" && (
        <Notice kind="success">{t("accommodation.criterion_added")}</Notice>
      )}
      {criteria.length ? (
        <table>
          <caption>{t("accommodation.criteria_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accommodation.criterion_name")}</th>
              <th scope="col">{t("accommodation.criterion_direction")}</th>
              <th scope="col">{t("accommodation.criterion_missing")}</th>
              <th scope="col">{t("accommodation.criterion_source")}</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.unit ? `${c.name} (${c.unit})` : c.name}</th>
                <td>{t(`accommodation.direction_${c.direction}`)}</td>
                <td>{t(`accommodation.missing_${c.missing}`)}</td>
                <td>{t(`accommodation.source_${c.source}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("accommodation.criteria_empty")}</p>
      )}
      {canManage && <CriterionForm errors={errorsFor("criterion")} />}
    </>
  );
}
