import type { DataSubjectHooks } from "../../server/modules.ts";
import type { SurveyDeps } from "./deps.ts";
import { mediaRepo } from "./media.repo.ts";
import { withFileNames } from "./media.ts";
import { subjectRepo } from "./subject.repo.ts";
import { mergeSurveyAnswers, readableSurveyAnswers } from "./subject-answers.ts";
import type { Answers } from "./types.ts";

/**
 * The survey module's part of a data subject's rights (decision 026): its section of the
 * Art. 15 export (responses readable under the form version they were given in, one-time links,
 * sample memberships) and the erasure of the same data (Art. 17, retention).
 */
export function createSubjectHooks(deps: SurveyDeps): DataSubjectHooks {
  const { db } = deps;
  /** Encrypted free-text answers (a JSON object); unreadable or missing → none. */
  const textAnswers = (v: string | null): Answers => {
    if (!v) return {};
    try {
      const o = JSON.parse(deps.casework.crypto.decrypt(v)) as unknown;
      return o && typeof o === "object" && !Array.isArray(o) ? (o as Answers) : {};
    } catch {
      return {};
    }
  };
  return {
    eraseSubject: (tx, scope, counts) =>
      subjectRepo.erase(tx, scope.tenantId, scope.personIds, scope.caseIds, counts),

    async subjectData({ tenantId, personId, cases }) {
      const caseIds = cases.map((c) => c.id);
      const [responses, links, samples] = await Promise.all([
        subjectRepo.responses(db, tenantId, personId, caseIds),
        subjectRepo.links(db, tenantId, personId, caseIds),
        subjectRepo.samples(db, tenantId, personId),
      ]);
      // image, audio and file answers appear by their file's name (decision 116)
      const files = await mediaRepo.metaOf(
        db,
        tenantId,
        responses.map((r) => r.id),
      );
      const fileNames = new Map(files.map((f) => [f.id, deps.casework.crypto.decrypt(f.fileNameEnc)]));
      const section = {
        responses: responses.map((r) => ({
          id: r.id,
          form: r.formTitle ?? r.formCode ?? r.formId,
          formVersion: r.formVersion,
          submittedAt: r.submittedAt.toISOString(),
          channel: r.channel,
          caseReference: r.caseId ? (cases.find((c) => c.id === r.caseId)?.reference ?? r.caseId) : null,
          language: r.lang,
          answers: readableSurveyAnswers(
            r.definition,
            withFileNames(mergeSurveyAnswers(r.answers, textAnswers(r.textAnswersEnc)), fileNames),
          ),
        })),
        samples: samples.map((m) => ({
          survey: m.surveyTitle,
          wave: m.waveLabel,
          drawnOn: m.drawnOn,
          stratum: m.stratum,
          reserve: m.reserve,
          activated: m.activated,
          contactStatus: m.contactStatus,
          attempts: m.attempts,
          lastContactOn: m.lastContactOn,
        })),
        links: links.map((l) => ({
          id: l.id,
          form: l.formTitle,
          formVersion: l.formVersion,
          language: l.lang,
          createdAt: l.createdAt.toISOString(),
          expiresAt: l.expiresAt.toISOString(),
          usedAt: l.usedAt?.toISOString() ?? null,
          revokedAt: l.revokedAt?.toISOString() ?? null,
        })),
      };
      // The access log lists who read the responses and their files.
      return {
        key: "surveys",
        section,
        entityIds: [...responses.map((r) => r.id), ...files.map((f) => f.id)],
      };
    },
  };
}
