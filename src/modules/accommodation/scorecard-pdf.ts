import type { Translate } from "#app/i18n/translator.ts";
import { openTaggedPdf, PDF_LANG_TAG, pdfLangTag } from "#app/server/pdf-document.ts";
import type { ScenarioView } from "./contracts.ts";

/**
 * The site scorecard for the council (issue 21 "Report", decision 104) as a tagged PDF
 * (PDF/UA-1) on the shared engine `server/pdf-document.ts`: the scenario's outcome, its weights
 * and rules, then one card per site in rank order — its quarter, places, whether it was chosen,
 * and per criterion the value entered, its normalised score, the weight's share and the
 * contribution to the weighted score (they add up to it), with TOPSIS rank and robustness beside;
 * the scale's ends per criterion explain the 0–1 scores (decision 114). Tables carry
 * TH/TD with scopes (pdfkit's accessible tables). Everything comes from the scenario as saved
 * (its snapshot), so the card stays the same when sites change later; dated by the scenario's
 * creation, so one scenario always gives the same bytes.
 */
type Cell = { text: string; type?: "TH" | "TD"; scope?: "Column" | "Row" };

export async function renderScorecardPdf(
  s: ScenarioView,
  ctx: { tenantName: string; lang: string; t: Translate },
): Promise<Buffer> {
  const { t } = ctx;
  const lang = PDF_LANG_TAG[ctx.lang] ? ctx.lang : "de";
  const tag = pdfLangTag(lang);
  const num = (v: number, digits = 3) => v.toLocaleString(tag, { maximumFractionDigits: digits });
  const title = t("accommodation.scorecard_title", { name: s.name });
  const { doc, root, put, finish } = await openTaggedPdf({
    title,
    author: ctx.tenantName,
    subject: t("accommodation.title"),
    lang,
    date: new Date(s.createdAt),
  });
  const table = (head: string[], rows: string[][]) => {
    const data: Cell[][] = [
      head.map((h) => ({ text: h, type: "TH", scope: "Column" })),
      ...rows.map((r) =>
        r.map((c, i): Cell => (i === 0 ? { text: c, type: "TH", scope: "Row" } : { text: c })),
      ),
    ];
    doc.font("R").fontSize(8.5);
    (doc as unknown as { table(o: unknown): unknown }).table({ structParent: root, data });
    doc.moveDown(0.6);
  };
  const newPageIfLow = (room: number) => {
    if (doc.y > doc.page.height - room) doc.addPage();
  };

  const { result, snapshot } = s;
  const sites = new Map(snapshot.sites.map((x) => [x.id, x]));
  const chosen = new Set(result.chosen);
  const weightSum = snapshot.criteria.reduce((a, c) => a + (s.weights[c.id] ?? 0), 0);
  const share = (id: string) => (weightSum > 0 ? (s.weights[id] ?? 0) / weightSum : 0);
  const yes = (b: boolean) => t(b ? "accommodation.yes" : "accommodation.no");
  const value = (v: number | null | undefined, unit: string | null | undefined) =>
    v === null || v === undefined ? "–" : unit ? `${num(v)} ${unit}` : num(v);

  put(ctx.tenantName, "P", 10);
  put(title, "H1", 8);
  put(
    t("accommodation.scorecard_created", {
      date: new Intl.DateTimeFormat(tag, {
        dateStyle: "medium",
        calendar: "gregory",
        timeZone: "Europe/Berlin",
      }).format(new Date(s.createdAt)),
    }),
    "P",
    4,
  );
  let status = t(`accommodation.status_${result.status}`);
  if (result.status === "time_limit" && result.gap !== null)
    status += ` ${t("accommodation.gap", { gap: num(result.gap * 100, 2) })}`;
  put(status, "P", 4);
  if (result.status === "optimal" || result.status === "time_limit") {
    const places = result.chosen.reduce((a, id) => a + (sites.get(id)?.capacity ?? 0), 0);
    put(t("accommodation.chosen_summary", { count: result.chosen.length, places }), "P", 4);
    const names = result.chosen.map((id) => sites.get(id)?.name ?? "").join(", ");
    if (names) put(t("accommodation.scorecard_chosen", { sites: names }), "P", 4);
    if (result.status === "optimal") put(t("accommodation.optimal_note"), "P", 4);
  }
  if (result.status === "infeasible") {
    put(t("accommodation.conflicts_title"), "H2");
    for (const g of result.conflicts) put(t(`accommodation.conflict_${g}`), "P", 2);
    put(t("accommodation.conflicts_hint"), "P", 4);
  }

  doc.y += 6;
  put(t("accommodation.weights_legend"), "H2");
  put(
    s.weightSet?.number
      ? t("accommodation.scenario_weight_set", { number: s.weightSet.number })
      : t("accommodation.scenario_weights_typed"),
    "P",
    4,
  );
  table(
    [
      t("accommodation.criterion_name"),
      t("accommodation.criterion_direction"),
      t("accommodation.col_weight"),
      t("accommodation.scorecard_share"),
    ],
    snapshot.criteria.map((c) => [
      c.name,
      t(`accommodation.direction_${c.direction}`),
      num(s.weights[c.id] ?? 0),
      `${num(share(c.id) * 100, 1)} %`,
    ]),
  );

  // How the values became 0–1 scores: the formula in words and each scale's ends (decision 114).
  put(t("accommodation.scale_title"), "H2");
  put(t("accommodation.scale_note"), "P", 4);
  if (result.ranges)
    table(
      [
        t("accommodation.criterion_name"),
        t("accommodation.criterion_direction"),
        t("accommodation.scale_worst"),
        t("accommodation.scale_best"),
      ],
      snapshot.criteria.map((x) => {
        const r = result.ranges![x.id];
        const [worst, best] = !r ? [null, null] : x.direction === "max" ? [r.min, r.max] : [r.max, r.min];
        return [
          x.name,
          t(`accommodation.direction_${x.direction}`),
          value(worst, x.unit),
          value(best, x.unit),
        ];
      }),
    );

  put(t("accommodation.scorecard_rules"), "H2");
  const c = s.constraints;
  const rules = [
    c.onePerArea ? t("accommodation.scorecard_rule_one_per_area", { count: c.occupiedAreaIds.length }) : null,
    c.burden
      ? t("accommodation.scorecard_rule_burden", {
          criterion: snapshot.criteria.find((x) => x.id === c.burden!.criterionId)?.name ?? "",
          limit: num(c.burden.limit),
        })
      : null,
    t("accommodation.scorecard_rule_capacity", { max: c.maxCapacity }),
    c.demand > 0 ? t("accommodation.scorecard_rule_demand", { demand: c.demand }) : null,
    c.minDistanceMeters
      ? t("accommodation.scorecard_rule_distance", { meters: num(c.minDistanceMeters, 0) })
      : null,
    c.maxSites !== null ? t("accommodation.scorecard_rule_max_sites", { max: c.maxSites }) : null,
    c.forced.length
      ? t("accommodation.scorecard_rule_forced", {
          sites: c.forced.map((id) => sites.get(id)?.name ?? "").join(", "),
        })
      : null,
    c.excluded.length
      ? t("accommodation.scorecard_rule_excluded", {
          sites: c.excluded.map((id) => sites.get(id)?.name ?? "").join(", "),
        })
      : null,
  ].filter((x): x is string => x !== null);
  for (const r of rules) put(r, "P", 2);
  doc.y += 6;

  put(t("accommodation.scorecard_sites"), "H2");
  put(t("accommodation.scores_note"), "P", 6);
  const ranked = [...result.scores].sort((a, b) => a.weightedRank - b.weightedRank);
  for (const score of ranked) {
    const site = sites.get(score.siteId);
    newPageIfLow(120 + 16 * snapshot.criteria.length);
    put(
      t("accommodation.scorecard_site_heading", {
        rank: score.weightedRank,
        site: site?.name ?? "",
        area: site?.areaName ?? "",
      }),
      "H3",
      4,
    );
    put(
      t("accommodation.scorecard_site_summary", {
        places: site?.capacity ?? 0,
        chosen: yes(chosen.has(score.siteId)),
        score: num(score.weightedScore),
        topsis: num(score.topsis),
        topsisRank: score.topsisRank,
        robust: result.robustnessRuns
          ? t("accommodation.robust_value", {
              count: result.robustness[score.siteId] ?? 0,
              runs: result.robustnessRuns,
            })
          : "–",
      }),
      "P",
      4,
    );
    table(
      [
        t("accommodation.criterion_name"),
        t("accommodation.scale_value"),
        t("accommodation.scorecard_normalised"),
        t("accommodation.scorecard_share"),
        t("accommodation.scorecard_contribution"),
      ],
      snapshot.criteria.map((x) => {
        const v = score.normalised[x.id] ?? 0;
        const imputed = score.imputed.includes(x.id) ? ` ${t("accommodation.imputed_mark")}` : "";
        return [
          x.name,
          `${value(score.values?.[x.id], x.unit)}${imputed}`,
          num(v),
          `${num(share(x.id) * 100, 1)} %`,
          num(v * share(x.id)),
        ];
      }),
    );
  }

  if (result.excluded.length) {
    newPageIfLow(100);
    put(t("accommodation.excluded_title"), "H2");
    for (const e of result.excluded)
      put(
        t(`accommodation.reason_${e.reason}`, {
          site: sites.get(e.siteId)?.name ?? "",
          criterion: e.criterionId ? (snapshot.criteria.find((x) => x.id === e.criterionId)?.name ?? "") : "",
        }),
        "P",
        2,
      );
  }
  return finish();
}
