/** Contracts of agreements and declarations (decision 019): shared by API, pages and service. */
import { z } from "zod";
import {
  isoDate,
  optionalDate,
  optionalText,
  optionalUuid,
  requiredText,
  version,
} from "#app/server/validation.ts";
import { AGREEMENT_KINDS, AGREEMENT_STATES, COMMITMENT_STATUSES } from "./agreements.model.ts";
import { MAX_NAME, MAX_TEXT } from "./model.ts";

export const createAgreementInput = z.object({
  kind: z.enum(AGREEMENT_KINDS),
  title: requiredText(MAX_NAME),
  subject: requiredText(2000),
  text: optionalText(MAX_TEXT).transform((v) => v ?? ""),
  parties: z.array(z.uuid()).max(50).default([]),
  startDate: optionalDate(),
  reviewDate: optionalDate(),
  meetingId: optionalUuid(),
  measureId: optionalUuid(),
});
export type CreateAgreement = z.output<typeof createAgreementInput>;

/** The agreed terms, editable while a draft or under review (the signed text stays as signed). */
export const updateAgreementInput = createAgreementInput.omit({ kind: true }).extend({ version: version() });
export type UpdateAgreement = z.output<typeof updateAgreementInput>;

/** A state step; a renewal brings the next review date. */
export const agreementStateInput = z.object({
  version: version(),
  state: z.enum(AGREEMENT_STATES),
  reviewDate: optionalDate(),
});
export type AgreementStateChange = z.output<typeof agreementStateInput>;

export const publishAgreementInput = z.object({ version: version(), published: z.boolean() });
export type PublishAgreement = z.output<typeof publishAgreementInput>;

export const signatoryInput = z.object({
  organizationId: optionalUuid(),
  name: optionalText(MAX_NAME),
  function: optionalText(MAX_NAME),
  signedOn: isoDate(),
});
export type AddSignatory = z.output<typeof signatoryInput>;

export const commitmentView = z.object({
  id: z.uuid(),
  partyId: z.uuid(),
  text: z.string(),
  owner: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(COMMITMENT_STATUSES),
  overdue: z.boolean(),
  version: z.number().int(),
});

const summary = z.object({
  id: z.uuid(),
  kind: z.enum(AGREEMENT_KINDS),
  title: z.string(),
  subject: z.string(),
  state: z.enum(AGREEMENT_STATES),
  parties: z.array(z.uuid()),
  startDate: z.string().nullable(),
  reviewDate: z.string().nullable(),
  measureId: z.uuid().nullable(),
  meetingId: z.uuid().nullable(),
  published: z.boolean(),
  reviewSoon: z.boolean(),
  version: z.number().int(),
});
export const agreementListView = z.array(summary);
export const agreementView = summary.extend({
  text: z.string(),
  signatories: z.array(
    z.object({
      id: z.uuid(),
      organizationId: z.uuid().nullable(),
      name: z.string().nullable(),
      function: z.string().nullable(),
      signedOn: z.string(),
    }),
  ),
  commitments: z.array(commitmentView),
  pdf: z.object({ version: z.number().int(), createdAt: z.string() }).nullable(),
});

/** A commitment of one of the agreement's parties (decision 085); an owner is required. */
export const commitmentInput = z.object({
  partyId: z.uuid(),
  text: requiredText(2000),
  owner: requiredText(MAX_NAME),
  dueDate: optionalDate(),
});
export type AddCommitment = z.output<typeof commitmentInput>;

export const commitmentStatusInput = z.object({
  version: version(),
  status: z.enum(COMMITMENT_STATUSES),
});
export type CommitmentStatusChange = z.output<typeof commitmentStatusInput>;
