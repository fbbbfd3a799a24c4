/** Contracts of an application's links to the goal tree and the directory (decision 086). */
import { z } from "zod";
import { version } from "#app/server/validation.ts";

/** The strategy measure the project implements (or none) and the directory offers it runs. */
export const linkApplicationInput = z.object({
  version: version(),
  measureId: z.uuid().nullable(),
  offerIds: z
    .array(z.uuid())
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, { message: "duplicate" }),
});
export type LinkApplication = z.output<typeof linkApplicationInput>;
export const applicationLinksView = z.object({
  applicationId: z.uuid(),
  version: z.number().int(),
  measure: z.object({ id: z.uuid(), title: z.string(), path: z.array(z.string()) }).nullable(),
  offers: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type ApplicationLinksView = z.output<typeof applicationLinksView>;

/** A funded project as the goal tree and the directory show it (decision 102); no contact data. */
export const fundedProjectView = z.object({
  id: z.uuid(),
  title: z.string(),
  organizationName: z.string(),
  year: z.number().int(),
  grantedCents: z.number().int(),
});
export type FundedProjectView = z.output<typeof fundedProjectView>;
