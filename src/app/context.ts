import { createContext } from "react-router";
import type { AppError } from "#app/server/errors.ts";
import type { AppEnv } from "#app/server/http/env.ts";

/** What the HTTP layer hands to every loader and action: services, tenant, principal, language. */
export type PageContext = AppEnv["Variables"];
export const pageContext = createContext<PageContext>();

/**
 * A client's error (a 4xx AppError or a database refusal of input) that a loader or action threw.
 * React Router answers any thrown non-Response with 500; `handleError` records the refusal here
 * and the page handler answers with its status instead (decision 020).
 */
export type PageRefusal = { error: AppError | null };
export const pageRefusalContext = createContext<PageRefusal>();
