import { sha256Hex } from "../../server/crypto.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import type { PublicContribution, PublicEvent } from "./participation.model.ts";
import { type ContributionRow, type EventRow, participationRepo as repo } from "./participation.repo.ts";
import type { Page } from "./repo.ts";
import type { NetworkContext } from "./shared.ts";

/**
 * What the public sees of participation (decision 077): published events in the calendar and the
 * feed, an event's page with its moderated contributions, and a contribution by its tracking link.
 * Public data only: no policy check, no audit; never who sent a contribution.
 */
export function createParticipationPublic(ctx: NetworkContext) {
  const { db } = ctx.deps;

  async function withPlaces(tenantId: string, rows: EventRow[]): Promise<PublicEvent[]> {
    const places = rows.some((r) => r.placeId) ? await ctx.deps.directory.places(tenantId) : [];
    const byId = new Map(places.map((p) => [p.id, p]));
    return rows.map((r) => {
      const p = r.placeId ? byId.get(r.placeId) : undefined;
      return {
        id: r.id,
        title: r.title,
        format: r.format,
        description: r.description,
        languages: r.languages,
        interpreters: r.interpreters,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt?.toISOString() ?? null,
        place: p ? { name: p.name, street: p.street, postcode: p.postcode, city: p.city } : null,
        onlineUrl: r.onlineUrl,
        acceptsContributions: r.acceptsContributions,
      };
    });
  }

  /** Contributions with what they became, where that is public (a public item of a public body). */
  async function withLinks(tenantId: string, rows: ContributionRow[]): Promise<PublicContribution[]> {
    const viaAction = await repo.actionAgendaItems(
      db,
      tenantId,
      rows.flatMap((r) => (r.actionItemId ? [r.actionItemId] : [])),
    );
    const agendaOf = (r: ContributionRow) =>
      r.agendaItemId ?? (r.actionItemId ? viaAction.get(r.actionItemId) : undefined) ?? null;
    const links = await repo.agendaLinks(
      db,
      tenantId,
      rows.flatMap((r) => agendaOf(r) ?? []),
    );
    const byId = new Map(links.filter((l) => l.public && l.publicBody).map((l) => [l.agendaItemId, l]));
    return rows.map((r) => {
      const id = agendaOf(r);
      const l = id ? byId.get(id) : undefined;
      return {
        id: r.id,
        text: r.text,
        state: r.state,
        reason: r.state === "adopted" || r.state === "declined" ? r.reason : null,
        createdAt: r.createdAt.toISOString(),
        link: l
          ? {
              meetingId: l.meetingId,
              meetingTitle: l.meetingTitle,
              agendaNumber: l.number,
              agendaTitle: l.title,
            }
          : null,
      };
    });
  }

  return {
    eventsBetween: async (tenantId: string, from: Date, to: Date) =>
      withPlaces(tenantId, await repo.publicEventsBetween(db, tenantId, from, to)),

    /**
     * A published event with one page of its published contributions (decision 122); an
     * unpublished one is a 404.
     */
    async event(tenantId: string, id: string, page: Page = { limit: 20, offset: 0 }) {
      if (!isUuid(id)) throw AppError.notFound();
      const row = await repo.eventById(db, tenantId, id);
      if (!row?.published) throw AppError.notFound();
      const [event] = await withPlaces(tenantId, [row]);
      const { rows, total } = await repo.contributionsPage(db, tenantId, id, page, true);
      const contributions = await withLinks(tenantId, rows);
      return { event: event!, contributions, total, page };
    },

    /** A contribution followed by its tracking link (published or not: the sender sees it). */
    async track(tenantId: string, token: string) {
      if (token.length < 16 || token.length > 100) return null;
      const row = await repo.byTrackingHash(db, tenantId, sha256Hex(token));
      if (!row) return null;
      const ev = await repo.eventById(db, tenantId, row.eventId);
      const [c] = await withLinks(tenantId, [row]);
      return { contribution: c!, event: ev ? { id: ev.id, title: ev.title, published: ev.published } : null };
    },
  };
}
