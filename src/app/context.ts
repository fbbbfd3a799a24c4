import { createContext } from "react-router";
import type { AppEnv } from "#app/server/http/env.ts";

/** What the HTTP layer hands to every loader and action: services, tenant, principal, language. */
export type PageContext = AppEnv["Variables"];
export const pageContext = createContext<PageContext>();
