import { registerTenantApi } from "#app/modules/tenants/api.ts";
import type { ApiRouter } from "./api.ts";

/** Each module's API registers its routes here, in one list. */
export const apiModules: ((api: ApiRouter) => void)[] = [registerTenantApi];
