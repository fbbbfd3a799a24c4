// The authorization walk: every API operation of the OpenAPI document × anonymous and every
// role gives the answer the policy table says (401, 403, or through to the handler).
// Staff pages get the same walk over HTTP in tests/e2e/page-authorization.test.ts.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_SECURITY_SCHEME } from "#app/server/http/api.ts";
import { STAFF_PAGES } from "#app/server/policy/pages.ts";
import { ACTIONS, type Action, can, PERMISSIONS, PUBLIC } from "#app/server/policy/policy.ts";
import { type Principal, ROLES, type Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../setup/test-db.ts";

/**
 * Actions that no route or page names because services check them on their own. Each entry
 * needs a reason; an action that is neither here nor used anywhere is a dead permission.
 */
const SERVICE_ONLY_ACTIONS: Partial<Record<Action, string>> = {};

type Operation = {
  method: string;
  path: string;
  permission: string;
  security: unknown[] | undefined;
  requestContentType: string | undefined;
};

type OpenApiDoc = {
  paths: Record<
    string,
    Record<
      string,
      {
        "x-permission"?: string;
        security?: Record<string, string[]>[];
        requestBody?: { content?: Record<string, unknown> };
      }
    >
  >;
};

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

let ctx: TestContext;
let tenantId: string;
let operations: Operation[];
const users = new Map<Role, string>();

beforeAll(async () => {
  ctx = await createTestContext();
  // The tenant the app resolves for the test host (the default tenant).
  const tenant = await ctx.services.tenants.create({
    slug: ctx.services.core.config.defaultTenant,
    name: "Walk",
    kind: "municipality",
  });
  tenantId = tenant.id;
  for (const role of ROLES) {
    const { user } = await createUserWithRole(ctx.services, tenantId, role);
    users.set(role, user.id);
  }
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  const doc = (await res.json()) as OpenApiDoc;
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        permission: op["x-permission"] ?? "",
        security: op.security,
        requestContentType: Object.keys(op.requestBody?.content ?? {})[0],
      })),
  );
});
afterAll(() => ctx?.close());

const principalOf = (role: Role): Principal => ({
  userId: "walk",
  tenantId: "walk",
  sessionId: "walk",
  grants: [{ role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

function fillPath(path: string): string {
  return path.replace(/\{[^}]+\}/g, () => randomUUID());
}

function bodyFor(op: Operation): { body?: BodyInit; headers: Record<string, string> } {
  if (op.method === "GET" || op.method === "HEAD" || op.method === "DELETE" || !op.requestContentType)
    return { headers: {} };
  if (op.requestContentType === "multipart/form-data") return { body: new FormData(), headers: {} };
  if (op.requestContentType.includes("json"))
    return { body: "{}", headers: { "content-type": op.requestContentType } };
  return { body: "", headers: { "content-type": op.requestContentType } };
}

async function call(op: Operation, cookie?: string): Promise<number> {
  const { body, headers } = bodyFor(op);
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1${fillPath(op.path)}`, {
    method: op.method,
    headers: { origin: TEST_BASE_URL, accept: "application/json", ...headers, ...(cookie ? { cookie } : {}) },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

describe("the OpenAPI document", () => {
  it("lists the operations of every module", () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.some((o) => o.path === "/auth/login")).toBe(true);
  });

  it("gives every operation a known x-permission, and every protected one its security", () => {
    const problems: string[] = [];
    for (const op of operations) {
      const id = `${op.method} ${op.path}`;
      if (op.permission !== PUBLIC && !(ACTIONS as string[]).includes(op.permission))
        problems.push(`${id}: x-permission "${op.permission}" is not in the policy table`);
      const secured = op.security?.some((s) => Object.hasOwn(s as object, SESSION_SECURITY_SCHEME)) ?? false;
      if (op.permission === PUBLIC && secured) problems.push(`${id}: public but declares security`);
      if (op.permission !== PUBLIC && !secured) problems.push(`${id}: protected but declares no security`);
    }
    expect(problems).toEqual([]);
  });

  it("has no dead permissions: every action is used by a route or a staff page", () => {
    const used = new Set<string>([
      ...operations.map((o) => o.permission),
      ...STAFF_PAGES.map((p) => p.permission),
    ]);
    const dead = ACTIONS.filter((a) => !used.has(a) && !SERVICE_ONLY_ACTIONS[a]);
    expect(dead).toEqual([]);
    // And the exception list holds only actions that exist and really are unused elsewhere.
    for (const a of Object.keys(SERVICE_ONLY_ACTIONS)) {
      expect(ACTIONS).toContain(a);
      expect(used.has(a), `${a} is used by a route or page; remove it from SERVICE_ONLY_ACTIONS`).toBe(false);
    }
  });
});

describe("every operation × every role", () => {
  it("anonymous: 401 on every protected operation, never 401/403 on public ones, never a 500", async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const status = await call(op);
      const isPublic = op.permission === PUBLIC;
      if (!isPublic && status !== 401) wrong.push(`${op.method} ${op.path}: expected 401, got ${status}`);
      if (isPublic && (status === 401 || status === 403))
        wrong.push(`${op.method} ${op.path}: public but got ${status}`);
      if (status >= 500) wrong.push(`${op.method} ${op.path}: ${status} on minimal input`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(ROLES)(
    "%s: 403 where the policy denies, through to the handler where it allows, never a 500",
    async (role) => {
      const wrong: string[] = [];
      for (const op of operations) {
        // A fresh session per call: some operations (sign out) end the session they run in.
        const cookie = await sessionCookieFor(ctx.services, tenantId, users.get(role)!);
        const status = await call(op, cookie);
        const allowed = op.permission === PUBLIC || can(principalOf(role), op.permission as Action);
        // The table itself must agree with can() for a tenant-wide grant.
        if (
          op.permission !== PUBLIC &&
          allowed !== PERMISSIONS[op.permission as Action].includes(role as never)
        )
          wrong.push(`${op.method} ${op.path}: can() and PERMISSIONS disagree for ${role}`);
        if (allowed && (status === 401 || status === 403))
          wrong.push(`${op.method} ${op.path} (${op.permission}): allowed, got ${status}`);
        if (!allowed && status !== 403)
          wrong.push(`${op.method} ${op.path} (${op.permission}): denied, expected 403, got ${status}`);
        if (status >= 500) wrong.push(`${op.method} ${op.path}: ${status} on minimal input`);
      }
      expect(wrong).toEqual([]);
    },
  );
});
