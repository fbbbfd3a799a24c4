// Shared by the server and the staff pages (browser): no imports.

/** The kinds of directory entries (same values as REVISION_ENTITY_TYPES in schema.ts). */
export const ENTITY_TYPES = ["organization", "place", "offer", "event"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** The staff list's status filter: the entry's public state, or where its latest change stands. */
export const LIST_STATUSES = ["draft", "published", "archived", "in_review", "changes", "rejected"] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];
