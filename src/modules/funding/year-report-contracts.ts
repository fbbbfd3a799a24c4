/** Contracts of the council's year report (decision 112): shared by the API, the page and the service. */
import { z } from "zod";

/** The calendar year a report covers. */
const year = z.coerce.number().int().min(2000).max(2100);
/** Asks for (or renews) the year's report; the job renders it. */
export const yearReportInput = z.object({ year });
export type YearReportInput = z.output<typeof yearReportInput>;
export const yearParams = z.object({ year });
/** A year's report: ready to download, or still being rendered by the job. */
export const yearReportStatus = z.object({
  year: z.number().int(),
  ready: z.boolean(),
  requestedAt: z.iso.datetime(),
  renderedAt: z.iso.datetime().nullable(),
});
export type YearReportStatus = z.output<typeof yearReportStatus>;
