import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { offers, organizations } from "./schema.ts";

/**
 * Offers and organizations as referral targets (case work's referrals), read-only: the name,
 * the receiving organization and a contact e-mail for the one-time link.
 */
export const referralTargetRepo = {
  async offer(db: DbOrTx, tenantId: string, id: string) {
    const [r] = await db
      .select({
        id: offers.id,
        name: offers.title,
        organizationId: offers.organizationId,
        email: organizations.email,
      })
      .from(offers)
      .leftJoin(
        organizations,
        and(eq(organizations.tenantId, offers.tenantId), eq(organizations.id, offers.organizationId)),
      )
      .where(and(eq(offers.tenantId, tenantId), eq(offers.id, id)));
    return r;
  },
  async organization(db: DbOrTx, tenantId: string, id: string) {
    const [r] = await db
      .select({ id: organizations.id, name: organizations.name, email: organizations.email })
      .from(organizations)
      .where(and(eq(organizations.tenantId, tenantId), eq(organizations.id, id)));
    return r;
  },
  /** Published offers and organizations for the referral form's pickers. */
  async published(db: DbOrTx, tenantId: string) {
    const [o, g] = await Promise.all([
      db
        .select({ id: offers.id, name: offers.title })
        .from(offers)
        .where(and(eq(offers.tenantId, tenantId), eq(offers.status, "published")))
        .orderBy(asc(offers.title))
        .limit(1000),
      db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(and(eq(organizations.tenantId, tenantId), eq(organizations.status, "published")))
        .orderBy(asc(organizations.name))
        .limit(1000),
    ]);
    return { offers: o, organizations: g };
  },
  async names(db: DbOrTx, tenantId: string, offerIds: string[], organizationIds: string[]) {
    const [o, g] = await Promise.all([
      offerIds.length
        ? db
            .select({ id: offers.id, name: offers.title })
            .from(offers)
            .where(and(eq(offers.tenantId, tenantId), inArray(offers.id, offerIds)))
        : [],
      organizationIds.length
        ? db
            .select({ id: organizations.id, name: organizations.name })
            .from(organizations)
            .where(and(eq(organizations.tenantId, tenantId), inArray(organizations.id, organizationIds)))
        : [],
    ]);
    return [...o, ...g];
  },
};
