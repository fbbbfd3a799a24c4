import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../server/db/client.ts";
import type { DeletedCounts } from "../../server/modules.ts";
import {
  surveyFiles,
  surveyForms,
  surveyFormVersions,
  surveyLinks,
  surveyResponses,
  surveySampleMembers,
  surveys,
  surveyWaves,
} from "./schema.ts";

/** Rows with a person and a case: the person's own, and those of the cases that name no person. */
const about = (t: { personId: PgColumn; caseId: PgColumn }, personId: string, caseIds: readonly string[]) =>
  caseIds.length
    ? or(eq(t.personId, personId), and(isNull(t.personId), inArray(t.caseId, [...caseIds])))
    : eq(t.personId, personId);

/** Rows of these persons or these cases. */
const ofSubjects = (
  t: { personId: PgColumn; caseId: PgColumn },
  personIds: readonly string[],
  caseIds: readonly string[],
) =>
  or(
    personIds.length ? inArray(t.personId, [...personIds]) : sql`false`,
    caseIds.length ? inArray(t.caseId, [...caseIds]) : sql`false`,
  );

/** Survey data about data subjects of case work (issue 5): Art. 15 export, Art. 17 erasure, retention. */
export const subjectRepo = {
  responses(db: DbOrTx, tenantId: string, personId: string, caseIds: readonly string[]) {
    return db
      .select({
        id: surveyResponses.id,
        formId: surveyResponses.formId,
        formCode: surveyForms.code,
        formTitle: surveyForms.title,
        formVersion: surveyResponses.formVersion,
        definition: surveyFormVersions.definition,
        channel: surveyResponses.channel,
        caseId: surveyResponses.caseId,
        personId: surveyResponses.personId,
        waveId: surveyResponses.waveId,
        lang: surveyResponses.lang,
        answers: surveyResponses.answers,
        textAnswersEnc: surveyResponses.textAnswersEnc,
        submittedAt: surveyResponses.submittedAt,
      })
      .from(surveyResponses)
      .leftJoin(
        surveyForms,
        and(eq(surveyForms.tenantId, surveyResponses.tenantId), eq(surveyForms.id, surveyResponses.formId)),
      )
      .leftJoin(
        surveyFormVersions,
        and(
          eq(surveyFormVersions.tenantId, surveyResponses.tenantId),
          eq(surveyFormVersions.formId, surveyResponses.formId),
          eq(surveyFormVersions.number, surveyResponses.formVersion),
        ),
      )
      .where(and(eq(surveyResponses.tenantId, tenantId), about(surveyResponses, personId, caseIds)))
      .orderBy(asc(surveyResponses.submittedAt), asc(surveyResponses.id));
  },

  links(db: DbOrTx, tenantId: string, personId: string, caseIds: readonly string[]) {
    return db
      .select({
        id: surveyLinks.id,
        formTitle: surveyForms.title,
        formVersion: surveyLinks.formVersion,
        caseId: surveyLinks.caseId,
        waveId: surveyLinks.waveId,
        lang: surveyLinks.lang,
        createdAt: surveyLinks.createdAt,
        expiresAt: surveyLinks.expiresAt,
        usedAt: surveyLinks.usedAt,
        revokedAt: surveyLinks.revokedAt,
      })
      .from(surveyLinks)
      .leftJoin(
        surveyForms,
        and(eq(surveyForms.tenantId, surveyLinks.tenantId), eq(surveyForms.id, surveyLinks.formId)),
      )
      .where(and(eq(surveyLinks.tenantId, tenantId), about(surveyLinks, personId, caseIds)))
      .orderBy(asc(surveyLinks.createdAt), asc(surveyLinks.id));
  },

  samples(db: DbOrTx, tenantId: string, personId: string) {
    return db
      .select({
        waveId: surveySampleMembers.waveId,
        surveyTitle: surveys.title,
        waveLabel: surveyWaves.label,
        drawnOn: surveyWaves.drawnOn,
        stratum: surveySampleMembers.stratum,
        rank: surveySampleMembers.rank,
        reserve: surveySampleMembers.reserve,
        activated: surveySampleMembers.activated,
        contactStatus: surveySampleMembers.contactStatus,
        attempts: surveySampleMembers.attempts,
        lastContactOn: surveySampleMembers.lastContactOn,
      })
      .from(surveySampleMembers)
      .leftJoin(
        surveyWaves,
        and(
          eq(surveyWaves.tenantId, surveySampleMembers.tenantId),
          eq(surveyWaves.id, surveySampleMembers.waveId),
        ),
      )
      .leftJoin(
        surveys,
        and(eq(surveys.tenantId, surveyWaves.tenantId), eq(surveys.id, surveyWaves.surveyId)),
      )
      .where(and(eq(surveySampleMembers.tenantId, tenantId), eq(surveySampleMembers.personId, personId)))
      .orderBy(asc(surveyWaves.drawnOn), asc(surveySampleMembers.waveId));
  },

  /**
   * Deletes the responses and one-time links of these persons and cases, and the persons'
   * sample memberships. Returns the ids deleted; sample memberships have no id of their own
   * (their audit entries name the person's id).
   */
  async erase(
    tx: DbOrTx,
    tenantId: string,
    personIds: readonly string[],
    caseIds: readonly string[],
    counts: DeletedCounts,
  ): Promise<string[]> {
    const add = (key: string, n: number) => {
      if (n) counts[key] = (counts[key] ?? 0) + n;
    };
    // Image, audio and file answers go with their responses (the foreign key cascades too).
    const files = await tx
      .delete(surveyFiles)
      .where(
        and(
          eq(surveyFiles.tenantId, tenantId),
          inArray(
            surveyFiles.responseId,
            tx
              .select({ id: surveyResponses.id })
              .from(surveyResponses)
              .where(
                and(eq(surveyResponses.tenantId, tenantId), ofSubjects(surveyResponses, personIds, caseIds)),
              ),
          ),
        ),
      )
      .returning({ id: surveyFiles.id });
    add("surveyFiles", files.length);
    const responses = await tx
      .delete(surveyResponses)
      .where(and(eq(surveyResponses.tenantId, tenantId), ofSubjects(surveyResponses, personIds, caseIds)))
      .returning({ id: surveyResponses.id });
    add("surveyResponses", responses.length);
    const links = await tx
      .delete(surveyLinks)
      .where(and(eq(surveyLinks.tenantId, tenantId), ofSubjects(surveyLinks, personIds, caseIds)))
      .returning({ id: surveyLinks.id });
    add("surveyLinks", links.length);
    if (personIds.length) {
      const members = await tx
        .delete(surveySampleMembers)
        .where(
          and(
            eq(surveySampleMembers.tenantId, tenantId),
            inArray(surveySampleMembers.personId, [...personIds]),
          ),
        )
        .returning({ waveId: surveySampleMembers.waveId });
      add("surveySamples", members.length);
    }
    return [...files, ...responses, ...links].map((r) => r.id);
  },
};
