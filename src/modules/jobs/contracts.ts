/**
 * The job queue's contracts (decision 019): the operators' list query and the view the API
 * returns (no payloads: they stay inside the queue). Browser-safe.
 */
import { z } from "zod";
import { JOB_STATUSES } from "./model.ts";

/** GET /jobs */
export const jobListQuery = z.object({
  status: z.enum(JOB_STATUSES).optional(),
  type: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type JobListQuery = z.output<typeof jobListQuery>;

export const jobView = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(JOB_STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.iso.datetime(),
  lastError: z.string().nullable().meta({ description: "Error class/code of the last failure" }),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

export const jobPageView = z.object({ items: z.array(jobView) });
