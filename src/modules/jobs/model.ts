/** The job queue's public model (decision 008). Browser-safe: no table definitions, no database. */
export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
