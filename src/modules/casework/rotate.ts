import { sql } from "drizzle-orm";
import type { Config } from "../../server/config.ts";
import { createSecretBox } from "../../server/crypto.ts";
import type { Database } from "../../server/db/client.ts";
import { CASEWORK_PURPOSE } from "./crypto.ts";

/**
 * Key rotation (README "Key rotation", decision 014): re-encrypts every value that was made
 * with a previous key, so SECRET_KEY_PREVIOUS can be dropped afterwards.
 *
 * - every `*_enc` column of every table (text, or bytea holding the ciphertext's UTF-8 bytes),
 *   purpose "casework";
 * - `users.totp_secret`, purpose "totp" (the auth module's TOTP seeds).
 *
 * Values already under the current key are left alone, so the command can run again after an
 * interruption. Rows are rewritten in batches, each batch in its own transaction.
 */
export type RotationReport = { column: string; reencrypted: number; current: number }[];

type Target = { table: string; column: string; bytea: boolean; purpose: string };

const BATCH = 500;

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

async function targets(db: Database): Promise<Target[]> {
  const cols = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
    await db.execute(sql`
      SELECT c.table_name, c.column_name, c.data_type
      FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.column_name LIKE '%\\_enc' ESCAPE '\\'
        AND EXISTS (SELECT 1 FROM information_schema.columns k
                    WHERE k.table_schema = 'public' AND k.table_name = c.table_name AND k.column_name = 'id')
        AND EXISTS (SELECT 1 FROM information_schema.columns k
                    WHERE k.table_schema = 'public' AND k.table_name = c.table_name AND k.column_name = 'tenant_id')
      ORDER BY c.table_name, c.column_name`),
  );
  const out: Target[] = cols.map((c) => ({
    table: c.table_name,
    column: c.column_name,
    bytea: c.data_type === "bytea",
    purpose: CASEWORK_PURPOSE,
  }));
  out.push({ table: "users", column: "totp_secret", bytea: false, purpose: "totp" });
  return out;
}

export async function rotateKeys(
  db: Database,
  config: Pick<Config, "secretKey" | "secretKeyPrevious">,
): Promise<RotationReport> {
  const box = createSecretBox(config.secretKey, config.secretKeyPrevious);
  const report: RotationReport = [];
  for (const t of await targets(db)) {
    const table = sql.identifier(t.table);
    const column = sql.identifier(t.column);
    let reencrypted = 0;
    let current = 0;
    let after: { tenantId: string; id: string } | null = null;
    for (;;) {
      const cursor: ReturnType<typeof sql> = after
        ? sql`AND (tenant_id, id) > (${after.tenantId}::uuid, ${after.id}::uuid)`
        : sql``;
      const batch = rowsOf<{ tenant_id: string; id: string; v: string }>(
        await db.execute(sql`
          SELECT tenant_id::text AS tenant_id, id::text AS id,
                 ${t.bytea ? sql`convert_from(${column}, 'UTF8')` : column} AS v
          FROM ${table} WHERE ${column} IS NOT NULL ${cursor}
          ORDER BY tenant_id, id LIMIT ${BATCH}`),
      );
      if (!batch.length) break;
      const stale = batch.filter((r) => r.v.split(".")[1] !== box.keyId);
      current += batch.length - stale.length;
      if (stale.length) {
        await db.transaction(async (tx) => {
          for (const r of stale) {
            // Throws (and rolls the batch back) when a value was made with a key that is not configured.
            const fresh = box.encrypt(t.purpose, box.decrypt(t.purpose, r.v));
            const value = t.bytea ? sql`convert_to(${fresh}, 'UTF8')` : sql`${fresh}`;
            await tx.execute(
              sql`UPDATE ${table} SET ${column} = ${value} WHERE tenant_id = ${r.tenant_id}::uuid AND id = ${r.id}::uuid`,
            );
          }
        });
        reencrypted += stale.length;
      }
      const last = batch[batch.length - 1]!;
      after = { tenantId: last.tenant_id, id: last.id };
      if (batch.length < BATCH) break;
    }
    report.push({ column: `${t.table}.${t.column}`, reencrypted, current });
  }
  return report;
}
