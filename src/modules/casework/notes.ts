import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { noteRepo as repo } from "./case-records.repo.ts";
import type { CaseRecords } from "./case-records.ts";
import type { NoteInput, UpdateNote } from "./contracts.ts";
import type { CaseCrypto } from "./crypto.ts";
import type { Audited } from "./support.ts";

/** Free-text notes, encrypted; stored and shown as text (never as HTML). `health` marks Art. 9 content. */
export function createNoteService(deps: CoreDeps & { records: CaseRecords; crypto: CaseCrypto }) {
  const { db, records, crypto } = deps;
  return {
    async add(principal: Principal, caseId: string, input: NoteInput, opts: Audited = {}) {
      return records.write(
        principal,
        caseId,
        { type: "case_note", action: "create" },
        async (c) => {
          await records.checkPerson(principal.tenantId, input.personId, c);
          const now = deps.clock.now();
          const row = await repo.insert(db, {
            tenantId: principal.tenantId,
            caseId,
            personId: input.personId,
            textEnc: crypto.encrypt(input.text),
            health: input.health,
            authorId: principal.userId,
            createdAt: now,
            updatedAt: now,
          });
          return { id: row.id, result: { id: row.id, version: row.version }, fields: ["text", "health"] };
        },
        opts.requestId,
      );
    },

    async update(
      principal: Principal,
      caseId: string,
      noteId: string,
      input: UpdateNote,
      opts: Audited = {},
    ) {
      return records.write(
        principal,
        caseId,
        { type: "case_note", action: "update" },
        async () => {
          const before = await records.ofCase(repo, principal.tenantId, caseId, noteId);
          const after = await records.saveIfVersion(repo, principal.tenantId, before, input.version, {
            textEnc: crypto.encrypt(input.text),
            health: input.health,
          });
          return { id: noteId, result: { id: noteId, version: after.version }, fields: ["text", "health"] };
        },
        opts.requestId,
      );
    },
  };
}
export type NoteService = ReturnType<typeof createNoteService>;
