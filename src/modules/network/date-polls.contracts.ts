/**
 * Terminfindung (decision 126): the date poll's inputs and views, shared by the API routes, the
 * staff pages, the member's answer page and the service. Browser-safe.
 */
import { z } from "zod";
import { optionalUuid, requiredText, version } from "#app/server/validation.ts";
import { instant, onlineUrl } from "./contracts.ts";
import { MAX_NAME, MAX_POLL_OPTIONS, POLL_ANSWERS, POLL_STATES } from "./model.ts";

export const pollOptionInput = z.object({
  startsAt: instant,
  endsAt: z.preprocess((v) => (v === "" ? null : v), instant.nullish()).transform((v) => v ?? null),
});
export const createDatePollInput = z.object({
  title: requiredText(MAX_NAME),
  /** A scheduled meeting of the body whose date the poll decides; without it fixing creates one. */
  meetingId: optionalUuid(),
  placeId: optionalUuid(),
  onlineUrl,
  options: z.array(pollOptionInput).min(1, { error: "code:network_poll_no_dates" }).max(MAX_POLL_OPTIONS),
});
export type CreateDatePoll = z.output<typeof createDatePollInput>;

/** option id → yes | maybe | no; options left out stay unanswered. */
export const pollAnswers = z.record(z.uuid(), z.enum(POLL_ANSWERS));
/** A member answers through the link in their mail. */
export const pollAnswerInput = z.object({ answers: pollAnswers });
export type PollAnswerInput = z.output<typeof pollAnswerInput>;
/** The secretary records a member's answers (given by phone, or a member without a mail address). */
export const staffPollAnswerInput = z.object({ memberId: z.uuid(), answers: pollAnswers });
export type StaffPollAnswer = z.output<typeof staffPollAnswerInput>;
export const fixDatePollInput = z.object({ optionId: z.uuid(), version: version() });
export type FixDatePoll = z.output<typeof fixDatePollInput>;

const optionView = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  yes: z.number().int(),
  maybe: z.number().int(),
  no: z.number().int(),
});
export const datePollSummary = z.object({
  id: z.string(),
  bodyId: z.string(),
  title: z.string(),
  meetingId: z.string().nullable(),
  placeId: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  state: z.enum(POLL_STATES),
  fixedOptionId: z.string().nullable(),
  version: z.number().int(),
});
export const datePollView = datePollSummary.extend({
  bodyName: z.string(),
  options: z.array(optionView),
  /** One row per member asked, with their answer per option id. */
  responses: z.array(
    z.object({
      memberId: z.string(),
      name: z.string(),
      answeredAt: z.string().nullable(),
      answers: z.record(z.string(), z.enum(POLL_ANSWERS)),
    }),
  ),
});
export type DatePollView = z.output<typeof datePollView>;
export const datePollListView = z.object({ items: z.array(datePollSummary) });
