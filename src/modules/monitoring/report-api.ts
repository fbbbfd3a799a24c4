import type { Context, Hono } from "hono";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { isPublicLanguage, SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { AppError } from "#app/server/errors.ts";
import { type ApiRouter, defineRoute, problemResponses, z } from "#app/server/http/api.ts";
import type { AppEnv } from "#app/server/http/env.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { buildReport, latestPeriod, parseReportQuery, REPORT_AUDIENCES, type ReportQuery } from "./report.ts";
import { type PdfLanguage, pdfLanguageFor, renderReportPdf } from "./report-pdf.ts";

/**
 * The council report as PDF:
 * - GET /api/v1/monitoring/report.pdf?period&version&audience — staff (monitoring.view), the
 *   internal or the public edition;
 * - GET /{lang}/monitoring/report.pdf?period&version — the public edition for everyone (served
 *   here rather than as a React Router resource route, like the directory's iCal feeds).
 * The staff PDF is German (the council's language); the public one is in the reader's language
 * where pdfkit can set it (left to right: de, en, tr, ru, uk), else German.
 */

const PdfQuery = z.object({
  period: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .openapi({ description: "Year (YYYY); default: the latest published period" }),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000_000)
    .optional()
    .openapi({ description: "Data version (release number); default: the latest" }),
  audience: z
    .enum(REPORT_AUDIENCES)
    .optional()
    .openapi({ description: "internal (all indicators, default) or public (public indicators only)" }),
});

const translatorFor = (lang: PdfLanguage) => {
  const all = catalogs();
  return createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
};

async function pdfResponse(
  c: Context<AppEnv>,
  principal: Principal | null,
  query: ReportQuery,
  cacheControl: string,
  lang: PdfLanguage,
) {
  const monitoring = c.get("services").monitoring;
  const tenant = c.get("tenant");
  const audience = principal ? (query.audience ?? "internal") : "public";
  const period = query.period ?? (await latestPeriod(monitoring, principal, tenant.id));
  if (!period) throw new AppError("monitoring_period_unpublished", { params: { period: "–" } });
  const model = await buildReport(monitoring, principal, tenant, {
    period,
    version: query.version,
    audience,
  });
  const pdf = await renderReportPdf(model, translatorFor(lang), { lang });
  const file = `integrierter-bericht-${model.period}-datenstand-${model.dataVersion}${audience === "public" ? "-oeffentlich" : ""}.pdf`;
  return c.body(new Uint8Array(pdf), 200, {
    "content-type": "application/pdf",
    "content-disposition": `attachment; filename="${file}"`,
    "cache-control": cacheControl,
  });
}

export function registerReportApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/report.pdf",
      permission: "monitoring.view",
      tags: ["monitoring"],
      summary: "The integrated council report of a period at a data version, as PDF (German)",
      request: { query: PdfQuery },
      responses: {
        200: {
          description: "PDF",
          content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
        },
        404: {
          description: "No release of that period, or no such data version",
          content: problemResponses[400].content,
        },
        ...problemResponses,
      },
    }),
    async (c) => pdfResponse(c, c.get("principal")!, c.req.valid("query"), "private, no-store", "de"),
  );
}

/** The public edition; mounted in server/http/app.ts before the pages. */
export function registerPublicReportRoutes(app: Hono<AppEnv>) {
  app.get("/:lang/monitoring/report.pdf", async (c) => {
    const lang = c.req.param("lang");
    if (!isPublicLanguage(lang)) throw AppError.notFound();
    const query = parseReportQuery(new URL(c.req.url).searchParams);
    return pdfResponse(
      c,
      null,
      { period: query.period, version: query.version },
      "public, max-age=300",
      pdfLanguageFor(lang),
    );
  });
}
