import type { Hono } from "hono";
import type { DbOrTx } from "./db/database.ts";
import type { HomeItemSource } from "./home.ts";
import type { ApiRouter } from "./http/api.ts";
import type { AppEnv } from "./http/env.ts";
import type { Action } from "./policy/policy.ts";

/**
 * What a module plugs into the platform (decision 026). Each module declares one in its
 * `module.ts`; the composition root (src/composition/modules.ts) lists them all. The platform
 * only knows these types, never a module.
 */
export type ModuleDefinition<S = unknown> = {
  /** The folder under src/modules/. */
  name: string;
  /** Its catalog namespaces: locales/<lang>/<namespace>.json. */
  namespaces: readonly string[];
  /** The policy actions it owns (the roles stay in the one table, server/policy/policy.ts). */
  actions: readonly Action[];
  /**
   * The staff pages it owns: path prefixes of the routes in server/policy/staff-routes.ts (where
   * each route declares its permission once; the longest prefix names the owner).
   */
  pages: readonly string[];
  /** Its HTTP routes. */
  http?: Partial<ModuleRoutes>;
  /** Its part of a data subject's rights (Art. 15 export, Art. 17 erasure, retention). */
  dataSubject?: (services: S) => DataSubjectHooks;
  /** Recurring jobs it keeps queued (retention, reminders); run at server start, idempotent. */
  schedule?: (services: S) => () => Promise<void>;
  /**
   * What needs the signed-in user on the staff home (and in the digest mail): counts and a few
   * entries per kind, decided through the policy (decision 092, `server/home.ts`).
   */
  home?: (services: S) => HomeItemSource;
};

export type ModuleRoutes = {
  /** Browser routes before the API (e.g. OIDC sign-in redirects). */
  browser: ((app: Hono<AppEnv>) => void)[];
  /** Operations of the JSON API (/api/v1), in the OpenAPI document. */
  api: ((api: ApiRouter) => void)[];
  /** Public routes outside /api/v1 (public JSON, interchange APIs, report PDF). */
  public: ((app: Hono<AppEnv>) => void)[];
};

/** Counts of what a deletion removed, per kind (for the audit entry: numbers, never content). */
export type DeletedCounts = Record<string, number>;

/** Whose data goes: persons (Art. 17) and cases (a household's erasure, retention). */
export type ErasureScope = {
  tenantId: string;
  personIds: readonly string[];
  caseIds: readonly string[];
};

/** Whose data is exported (Art. 15), with the references of the person's household's cases. */
export type SubjectScope = {
  tenantId: string;
  personId: string;
  cases: readonly { id: string; reference: string }[];
};

export type DataSubjectHooks = {
  /**
   * Deletes what the module holds about these persons and cases, in the caller's transaction
   * and before case work deletes the persons and cases themselves. Returns the ids deleted
   * (their audit entries are redacted) and adds to `counts`.
   */
  eraseSubject(tx: DbOrTx, scope: ErasureScope, counts: DeletedCounts): Promise<string[]>;
  /** The module's section of the Art. 15 export and the ids whose reads the access log lists. */
  subjectData?(scope: SubjectScope): Promise<{ key: string; section: unknown; entityIds: string[] }>;
};

/**
 * Declares a module, keeping its exact shape, so the composition root sees which hooks it has
 * and which services they need (a hook's parameter names the part of the container it uses).
 */
export function defineModule<const D extends ModuleDefinition<never>>(definition: D): D {
  return definition;
}
