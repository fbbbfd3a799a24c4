import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { contactRepo as repo } from "./case-records.repo.ts";
import type { CaseRecords } from "./case-records.ts";
import type { ContactInput } from "./contracts.ts";
import type { CaseCrypto } from "./crypto.ts";
import { caseworkInstant } from "./dates.ts";
import type { Audited } from "./support.ts";

/** Tolerance for a contact "now" from a device whose clock runs a little ahead. */
const CLOCK_SKEW_MS = 60_000;

/** Kontaktprotokoll: home visit, office hours, phone, accompaniment (the note is encrypted). */
export function createContactService(deps: CoreDeps & { records: CaseRecords; crypto: CaseCrypto }) {
  const { db, records, crypto } = deps;
  return {
    async add(principal: Principal, caseId: string, input: ContactInput, opts: Audited = {}) {
      const occurredAt = caseworkInstant(input.occurredAt);
      if (occurredAt.getTime() > deps.clock.now().getTime() + CLOCK_SKEW_MS) {
        throw AppError.validation([{ field: "occurredAt", code: "date_in_future" }]);
      }
      return records.write(
        principal,
        caseId,
        { type: "case_contact", action: "create" },
        async () => {
          const row = await repo.insert(db, {
            tenantId: principal.tenantId,
            caseId,
            kind: input.kind,
            occurredAt,
            durationMinutes: input.durationMinutes,
            noteEnc: crypto.encryptOptional(input.note),
            authorId: principal.userId,
            createdAt: deps.clock.now(),
          });
          return { id: row.id, result: row, fields: ["kind", "occurredAt", ...(input.note ? ["note"] : [])] };
        },
        opts.requestId,
      );
    },
  };
}
export type ContactService = ReturnType<typeof createContactService>;
