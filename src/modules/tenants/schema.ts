import { sql } from "drizzle-orm";
import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt, versionColumn } from "../../server/db/columns.ts";
import { uuidv7 } from "../../server/db/ids.ts";
import type { Role } from "../../server/policy/roles.ts";
import type { SmallCellSettings } from "../statistics/small-cells.ts";

export type TenantSettings = {
  /** Roles that must use a second factor (TOTP) before they may work. */
  mfaRequiredRoles: Role[];
  /** Default UI language of the public site. */
  defaultLanguage: string;
  /** Public contact shown in the footer. */
  contactEmail?: string | undefined;
  /** The tenant's small-cell rule for every published count (statistics/small-cells.ts); absent: the default. */
  smallCells?: SmallCellSettings | undefined;
};

/** Mandant: one municipality or county. The tenant row is the root of every other row. */
export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id")
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["municipality", "county"] }).notNull(),
    /** Host names that resolve to this tenant; the default tenant answers all others. */
    hostnames: text("hostnames").array().notNull().default(sql`'{}'::text[]`),
    frameworkTemplate: text("framework_template"),
    /**
     * Since when the public site is visible (decision 097); null while the tenant is being set
     * up through the onboarding wizard. Existing rows and tenants created without onboarding are live.
     */
    liveSince: timestamp("live_since", { withTimezone: true }).defaultNow(),
    settings: jsonb("settings").$type<TenantSettings>().notNull(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("tenants_slug_key").on(t.slug)],
);
