import { zodToOpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { validationError } from "../errors.problem.ts";
import { AppError } from "../errors.ts";
import { authorize, PUBLIC, type RoutePermission } from "../policy/policy.ts";
import type { Principal } from "../policy/roles.ts";
import type { AppEnv } from "./env.ts";

export const SESSION_SECURITY_SCHEME = "sessionCookie";

/** A router for one module's JSON API. Validation failures become per-field problem documents. */
export function createApiRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = (result.error as z.ZodError).issues;
        throw validationError(issues);
      }
    },
  });
}
export type ApiRouter = ReturnType<typeof createApiRouter>;

function requirePermission(permission: RoutePermission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (permission !== PUBLIC) authorize(c.get("principal"), permission);
    await next();
  };
}

/**
 * Every API route is declared through this: the permission is enforced before validation,
 * declared as security in the OpenAPI document, and recorded as x-permission so the
 * authorization walk can enumerate every route.
 */
export function defineRoute<const R extends Omit<RouteConfig, "security" | "middleware">>(
  config: R & { permission: RoutePermission },
) {
  const { permission, ...rest } = config;
  return createRoute({
    ...rest,
    ...(permission === PUBLIC ? {} : { security: [{ [SESSION_SECURITY_SCHEME]: [] }] }),
    middleware: [requirePermission(permission)] as const,
    "x-permission": permission,
  } as unknown as R & { middleware: [MiddlewareHandler<AppEnv>] });
}

/**
 * What every operation handler needs, in one call: the services, the signed-in principal, the
 * tenant, the request id and the reader's language. On a route with a permission the principal
 * is always there (the permission middleware ran first); on a PUBLIC route use `publicContext`.
 */
export function operationContext(c: Context<AppEnv>) {
  const principal = c.get("principal");
  if (!principal) throw new AppError("unauthenticated");
  return { ...publicContext(c), principal: principal as Principal };
}

export function publicContext(c: Context<AppEnv>) {
  return {
    services: c.get("services"),
    tenant: c.get("tenant"),
    requestId: c.get("requestId"),
    lang: c.get("lang"),
    t: c.get("t"),
    clientIp: c.get("clientIp"),
  };
}

/**
 * Names a contract schema as an OpenAPI component, in place: wherever the same schema object
 * is used (also nested in other schemas) the document then refers to the component. Contracts
 * are plain zod (browser-safe), so they cannot call `.openapi()` themselves.
 */
export function named<T extends z.ZodType>(schema: T, refId: string): T {
  const meta = zodToOpenAPIRegistry.get(schema) as { _internal?: Record<string, unknown> } | undefined;
  zodToOpenAPIRegistry.add(schema, { ...meta, _internal: { ...meta?._internal, refId } });
  return schema;
}

/** Shared OpenAPI schemas. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .openapi("Problem");

export const problemResponses = {
  400: { description: "Bad request", content: { "application/problem+json": { schema: ProblemSchema } } },
  401: { description: "Not signed in", content: { "application/problem+json": { schema: ProblemSchema } } },
  403: { description: "Not permitted", content: { "application/problem+json": { schema: ProblemSchema } } },
  409: { description: "Conflict", content: { "application/problem+json": { schema: ProblemSchema } } },
  422: { description: "Invalid input", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { "application/json": { schema } }, required: true } as const;
}

export function ok<T extends z.ZodType>(schema: T, description = "OK") {
  return { description, content: { "application/json": { schema } } } as const;
}

/** The 200 of a route that answers with a (tagged) PDF. */
export function pdfOk(description = "PDF (tagged, PDF/UA)") {
  return {
    description,
    content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
  } as const;
}

/** A PDF as a download: saved under `file`, private and never cached (personal or internal data). */
export function pdfDownload(c: Context, pdf: Uint8Array, file: string) {
  return c.body(new Uint8Array(pdf), 200, {
    "content-type": "application/pdf",
    "content-disposition": `attachment; filename="${file}"`,
    "cache-control": "private, no-store",
  });
}

export { AppError, z };
