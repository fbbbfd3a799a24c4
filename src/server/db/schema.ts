// Every module's tables, in one namespace for Drizzle. A module adds one line here.
export * from "../../modules/audit/schema.ts";
export * from "../../modules/tenants/schema.ts";
