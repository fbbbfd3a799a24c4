// Every module's tables, in one namespace for Drizzle. A module adds one line here.
export * from "../../modules/areas/schema.ts";
export * from "../../modules/audit/schema.ts";
export * from "../../modules/auth/schema.ts";
export * from "../../modules/casework/core-schema.ts";
export * from "../../modules/casework/schema.ts";
export * from "../../modules/directory/schema.ts";
export * from "../../modules/framework/schema.ts";
export * from "../../modules/imports/schema.ts";
export * from "../../modules/jobs/schema.ts";
export * from "../../modules/mail/schema.ts";
export * from "../../modules/monitoring/schema.ts";
export * from "../../modules/network/schema.ts";
export * from "../../modules/offices/schema.ts";
export * from "../../modules/surveys/schema.ts";
export * from "../../modules/tenants/schema.ts";
export * from "../../modules/translations/schema.ts";
export * from "../../modules/users/schema.ts";
