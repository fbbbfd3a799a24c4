import { data, Link } from "react-router";
import type { ScenarioView } from "#app/modules/accommodation/contracts.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { isAppError } from "#app/server/errors.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/scenario";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  try {
    return { scenario: await ctx.services.accommodation.scenario({ kind: "user", principal }, params.id) };
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") throw data(null, { status: 404 });
    throw e;
  }
}

const num = (v: number, digits = 3) => v.toLocaleString("de-DE", { maximumFractionDigits: digits });

/** A static map of the sites (no JavaScript); the tables above carry the same facts. */
function SiteMap({ scenario, label }: { scenario: ScenarioView; label: string }) {
  const sites = scenario.snapshot.sites;
  if (sites.length < 2) return null;
  const lons = sites.map((s) => s.lon);
  const lats = sites.map((s) => s.lat);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const w = 600;
  const h = 360;
  const pad = 24;
  const sx = (lon: number) => pad + ((lon - x0) / (x1 - x0 || 1)) * (w - 2 * pad);
  const sy = (lat: number) => h - pad - ((lat - y0) / (y1 - y0 || 1)) * (h - 2 * pad);
  const chosen = new Set(scenario.result.chosen);
  return (
    <figure>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} width="100%" style={{ maxWidth: w }}>
        <rect x="0" y="0" width={w} height={h} fill="#f4f4f4" stroke="#767676" />
        {sites.map((s) => (
          <g key={s.id}>
            <circle
              cx={sx(s.lon)}
              cy={sy(s.lat)}
              r={chosen.has(s.id) ? 9 : 5}
              fill={chosen.has(s.id) ? "#005a9c" : "#ffffff"}
              stroke="#1a1a1a"
            />
            <text x={sx(s.lon) + 11} y={sy(s.lat) + 4} fontSize="12" fill="#1a1a1a">
              {s.name}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/**
 * How the 0–1 scores came about (decision 114): each criterion's scale ends, and the values the
 * normalisation started from, site by site, in the same order as the scores table.
 */
function ScaleTables({ scenario }: { scenario: ScenarioView }) {
  const t = useT();
  const { result, snapshot } = scenario;
  const siteName = new Map(snapshot.sites.map((s) => [s.id, s.name]));
  const value = (v: number | null | undefined, unit: string | null | undefined) =>
    v === null || v === undefined ? "–" : unit ? `${num(v)} ${unit}` : num(v);
  const scores = [...result.scores].sort((a, b) => a.weightedRank - b.weightedRank);
  return (
    <section aria-labelledby="scale">
      <h2 id="scale">{t("accommodation.scale_title")}</h2>
      <p>{t("accommodation.scale_note")}</p>
      {result.ranges ? (
        <>
          <table>
            <caption>{t("accommodation.scale_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("accommodation.criterion_name")}</th>
                <th scope="col">{t("accommodation.criterion_direction")}</th>
                <th scope="col">{t("accommodation.scale_worst")}</th>
                <th scope="col">{t("accommodation.scale_best")}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.criteria.map((c) => {
                const r = result.ranges![c.id];
                const [worst, best] = !r
                  ? [null, null]
                  : c.direction === "max"
                    ? [r.min, r.max]
                    : [r.max, r.min];
                return (
                  <tr key={c.id}>
                    <th scope="row">{c.name}</th>
                    <td>{t(`accommodation.direction_${c.direction}`)}</td>
                    <td>{value(worst, c.unit)}</td>
                    <td>{value(best, c.unit)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <table>
            <caption>{t("accommodation.values_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("accommodation.col_site")}</th>
                {snapshot.criteria.map((c) => (
                  <th scope="col" key={c.id}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scores.map((s) => (
                <tr key={s.siteId}>
                  <th scope="row">{siteName.get(s.siteId)}</th>
                  {snapshot.criteria.map((c) => (
                    <td key={c.id}>
                      {value(s.values?.[c.id], c.unit)}
                      {s.imputed.includes(c.id) && ` ${t("accommodation.imputed_mark")}`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>{t("accommodation.scale_missing")}</p>
      )}
    </section>
  );
}

export default function Scenario({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { scenario } = loaderData as { scenario: ScenarioView };
  const { result, snapshot } = scenario;
  const siteName = new Map(snapshot.sites.map((s) => [s.id, s.name]));
  const criterionName = new Map(snapshot.criteria.map((c) => [c.id, c.name]));
  const byId = new Map(snapshot.sites.map((s) => [s.id, s]));
  const chosen = new Set(result.chosen);
  const scores = [...result.scores].sort((a, b) => a.weightedRank - b.weightedRank);
  const places = result.chosen.reduce((a, id) => a + (byId.get(id)?.capacity ?? 0), 0);
  const robust = (id: string) =>
    result.robustnessRuns
      ? t("accommodation.robust_value", { count: result.robustness[id] ?? 0, runs: result.robustnessRuns })
      : "–";
  return (
    <>
      <p>
        <Link to="/staff/accommodation">{t("accommodation.back")}</Link>
      </p>
      <h1>{scenario.name}</h1>
      <p>
        <a href={`/api/v1/accommodation/scenarios/${scenario.id}/scorecard`} download>
          {t("accommodation.scorecard_download")}
        </a>
      </p>
      <p role="status">
        {t(`accommodation.status_${result.status}`)}
        {result.status === "time_limit" &&
          result.gap !== null &&
          ` ${t("accommodation.gap", { gap: num(result.gap * 100, 2) })}`}
      </p>

      {result.status === "infeasible" && (
        <section aria-labelledby="conflicts">
          <h2 id="conflicts">{t("accommodation.conflicts_title")}</h2>
          <ul>
            {result.conflicts.map((g) => (
              <li key={g}>{t(`accommodation.conflict_${g}`)}</li>
            ))}
          </ul>
          <p>{t("accommodation.conflicts_hint")}</p>
        </section>
      )}
      {result.status === "blocked" && (
        <section aria-labelledby="blocked">
          <h2 id="blocked">{t("accommodation.blocked_title")}</h2>
          <ul>
            {result.blocked.map((b) => (
              <li key={b.criterionId}>
                {t("accommodation.blocked_item", {
                  criterion: criterionName.get(b.criterionId) ?? "",
                  sites: b.siteIds.map((id) => siteName.get(id) ?? "").join(", "),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}

      {(result.status === "optimal" || result.status === "time_limit") && (
        <>
          <h2 id="chosen">{t("accommodation.chosen_title")}</h2>
          <p>{t("accommodation.chosen_summary", { count: result.chosen.length, places })}</p>
          {result.status === "optimal" && <p>{t("accommodation.optimal_note")}</p>}
        </>
      )}

      {scores.length > 0 && (
        <table>
          <caption>{t("accommodation.scores_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accommodation.col_site")}</th>
              <th scope="col">{t("accommodation.site_area")}</th>
              <th scope="col">{t("accommodation.site_capacity")}</th>
              <th scope="col">{t("accommodation.col_chosen")}</th>
              {snapshot.criteria.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name}
                </th>
              ))}
              <th scope="col">{t("accommodation.col_weighted")}</th>
              <th scope="col">{t("accommodation.col_weighted_rank")}</th>
              <th scope="col">{t("accommodation.col_topsis")}</th>
              <th scope="col">{t("accommodation.col_topsis_rank")}</th>
              <th scope="col">{t("accommodation.col_robust")}</th>
            </tr>
          </thead>
          <tbody>
            {scores.map((s) => (
              <tr key={s.siteId}>
                <th scope="row">{siteName.get(s.siteId)}</th>
                <td>{byId.get(s.siteId)?.areaName}</td>
                <td>{byId.get(s.siteId)?.capacity}</td>
                <td>{chosen.has(s.siteId) ? t("accommodation.yes") : t("accommodation.no")}</td>
                {snapshot.criteria.map((c) => (
                  <td key={c.id}>
                    {num(s.normalised[c.id] ?? 0)}
                    {s.imputed.includes(c.id) && ` ${t("accommodation.imputed_mark")}`}
                  </td>
                ))}
                <td>{num(s.weightedScore)}</td>
                <td>{s.weightedRank}</td>
                <td>{num(s.topsis)}</td>
                <td>{s.topsisRank}</td>
                <td>{robust(s.siteId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>{t("accommodation.scores_note")}</p>
      {scores.length > 0 && <ScaleTables scenario={scenario} />}

      {result.excluded.length > 0 && (
        <section aria-labelledby="excluded">
          <h2 id="excluded">{t("accommodation.excluded_title")}</h2>
          <ul>
            {result.excluded.map((e) => (
              <li key={`${e.siteId}-${e.reason}`}>
                {t(`accommodation.reason_${e.reason}`, {
                  site: siteName.get(e.siteId) ?? "",
                  criterion: e.criterionId ? (criterionName.get(e.criterionId) ?? "") : "",
                })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2 id="weights">{t("accommodation.weights_legend")}</h2>
      <p>
        {scenario.weightSet?.number
          ? t("accommodation.scenario_weight_set", { number: scenario.weightSet.number })
          : t("accommodation.scenario_weights_typed")}
      </p>
      <table>
        <caption>{t("accommodation.weights_caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("accommodation.criterion_name")}</th>
            <th scope="col">{t("accommodation.col_weight")}</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td>{num(scenario.weights[c.id] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="map">{t("accommodation.map_title")}</h2>
      <SiteMap scenario={scenario} label={t("accommodation.map_label")} />
    </>
  );
}
