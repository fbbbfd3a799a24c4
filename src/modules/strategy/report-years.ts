/** Years an implementation report can be asked for (browser-safe, shared by contract and service). */
export const REPORT_YEARS = { min: 2000, max: 2100 } as const;
