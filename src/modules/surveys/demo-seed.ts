import type { Database } from "../../server/db/client.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { checkAnswers } from "./engine.ts";
import { responseRepo } from "./responses.repo.ts";
import { splitTextAnswers } from "./responses.ts";
import { sampleRepo } from "./samples.repo.ts";
import { ageBandOn } from "./sampling.ts";
import type { Answers, FormDefinition } from "./types.ts";

/** The facts of an invented respondent (the demo's persons, no names). */
export type DemoRespondent = {
  personId: string;
  sex: string;
  birthDate: string | null;
  areaId: string | null;
  accommodationKind: string | null;
  phaseKey: string | null;
};

export type DemoResponse = {
  tenantId: string;
  formId: string;
  def: FormDefinition;
  answers: Answers;
  respondent: DemoRespondent;
  today: string;
  channel: "staff" | "link";
  waveId: string | null;
  by: Principal;
};

/**
 * The demo tenant's invented responses (the demo module seeds them): checked by the form engine
 * first (an answer the form would refuse is a bug in the demo, not data), with the person's
 * dimensions as of today; a sample member who answers is marked as responded.
 */
export function createDemoResponses(deps: { db: Database; clock: { now(): Date } }) {
  return async function seedDemoResponse(input: DemoResponse): Promise<boolean> {
    const { tenantId, formId, respondent, today, channel, waveId, by } = input;
    const def = input.def;
    const checked = checkAnswers(input.def, input.answers, { today });
    if (checked.errors.length > 0)
      throw new Error(`demo answers invalid: ${checked.errors.map((e) => e.path).join(", ")}`);
    const { structured } = splitTextAnswers(def, checked.answers);
    const now = deps.clock.now();
    const { created } = await responseRepo.insertResponse(deps.db, {
      tenantId,
      formId,
      formVersion: 1,
      submissionId: crypto.randomUUID(),
      channel,
      personId: respondent.personId,
      waveId,
      lang: "de",
      answers: structured,
      sex: respondent.sex,
      ageBand: ageBandOn(respondent.birthDate, today),
      areaId: respondent.areaId,
      accommodationKind: respondent.accommodationKind,
      phaseKey: respondent.phaseKey,
      submittedAt: now,
      submittedBy: channel === "staff" ? by.userId : null,
      createdAt: now,
      updatedAt: now,
    });
    if (created && waveId) {
      await sampleRepo.updateMemberIfVersion(
        deps.db,
        { tenantId, waveId, personId: respondent.personId },
        null,
        { contactStatus: "responded", lastContactOn: today },
        now,
      );
    }
    return created;
  };
}
