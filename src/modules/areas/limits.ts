/** Limits of one area import (file size and feature count); shared by the service, the API and the page. */
export const IMPORT_LIMITS = { maxBytes: 20 * 1024 * 1024, maxFeatures: 10_000 } as const;
