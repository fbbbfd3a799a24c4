import { date, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import { DEFAULT_NOTIFY_MODE, type HomeSnapshot, NOTIFY_MODES } from "./model.ts";

/**
 * A staff user's notification setting and what the last mail told them (decision 092). No row:
 * the default mode, nothing sent yet.
 */
export const homeNotifications = pgTable(
  "home_notifications",
  {
    tenantId: tenantIdColumn(),
    userId: uuid("user_id").notNull(),
    mode: text("mode", { enum: NOTIFY_MODES }).notNull().default(DEFAULT_NOTIFY_MODE),
    /** The calendar day (Europe/Berlin) of the last daily digest check: once per day per user. */
    lastDigestOn: date("last_digest_on"),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true, mode: "date" }),
    /** Counts and entry keys (no titles) of the items the last mail counted. */
    snapshot: jsonb("snapshot").$type<HomeSnapshot>().notNull().default({}),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);
