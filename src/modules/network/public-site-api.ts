/**
 * The public meetings as an iCal feed, GET /{lang}/meetings.ics (served here rather than as a
 * React Router resource route, whose paths cannot end a segment in ".ics", like the directory's
 * /{lang}/events.ics): every meeting of a public body from a month back to a year ahead, cancelled
 * ones marked so, each linking to its public page. Public data only, no session.
 */
import type { Hono } from "hono";
import { isPublicLanguage } from "#app/i18n/languages.ts";
import { AppError } from "#app/server/errors.ts";
import type { AppEnv } from "#app/server/http/env.ts";
import { feedIcs } from "#app/server/ical.ts";
import type { PublicPlace } from "./model.ts";

const HOUR = 3_600_000;

export function registerPublicSiteApi(app: Hono<AppEnv>) {
  // The published minutes of a public body's meeting as a tagged PDF (decision 111): public
  // items only; a meeting without published minutes is a 404 like an unknown one.
  app.get("/:lang/meetings/:id/minutes.pdf", async (c) => {
    const lang = c.req.param("lang");
    if (!isPublicLanguage(lang)) throw AppError.notFound();
    const id = c.req.param("id");
    const pdf = await c.get("services").network.publicMinutesPdf(c.get("tenant").id, id, lang);
    return c.body(new Uint8Array(pdf), 200, {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="protokoll-${id.slice(0, 8)}.pdf"`,
      "cache-control": "public, max-age=300",
    });
  });
  app.get("/:lang/meetings.ics", async (c) => {
    const lang = c.req.param("lang");
    if (!isPublicLanguage(lang)) throw AppError.notFound();
    const tenant = c.get("tenant");
    const t = c.get("t");
    const base = c.get("services").core.config.baseUrl;
    const { meetings, events } = await c.get("services").network.publicSite.feed(tenant.id);
    const where = (m: { place: PublicPlace | null; onlineUrl: string | null }) =>
      m.place
        ? [m.place.name, m.place.street, [m.place.postcode, m.place.city].filter(Boolean).join(" ")]
            .filter(Boolean)
            .join(", ")
        : m.onlineUrl;
    const ics = feedIcs(
      [
        ...meetings.map((m) => {
          const start = new Date(m.startsAt);
          return {
            uid: `${m.id}@lotse`,
            title: `${m.bodyName}: ${m.title}`,
            start,
            end: m.endsAt ? new Date(m.endsAt) : new Date(start.getTime() + 2 * HOUR),
            location: where(m),
            url: new URL(`/${lang}/meetings/${m.id}`, base).href,
            description: `${t(`network.kind_${m.bodyKind}`)} · ${m.bodyName}`,
            cancelled: m.state === "cancelled",
          };
        }),
        // Participation events: their own UID namespace, their page with the contribution form.
        ...events.map((e) => {
          const start = new Date(e.startsAt);
          return {
            uid: `${e.id}@lotse-participation`,
            title: `${t(`network.format_${e.format}`)}: ${e.title}`,
            start,
            end: e.endsAt ? new Date(e.endsAt) : new Date(start.getTime() + 2 * HOUR),
            location: where(e),
            url: new URL(`/${lang}/participation/${e.id}`, base).href,
            description: e.description || t(`network.format_${e.format}`),
            cancelled: false,
          };
        }),
      ],
      { product: "network", name: `${t("network.public_title")} · ${tenant.name}` },
    );
    return c.body(ics, 200, {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'inline; filename="meetings.ics"',
      "cache-control": "public, max-age=300",
    });
  });
}
