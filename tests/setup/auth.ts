import { randomBytes } from "node:crypto";
import type { Services } from "#app/composition/services.ts";
import type { Role, RoleGrant } from "#app/server/policy/roles.ts";

let counter = 0;

/**
 * A real user (through the users service) holding one role, by default for the whole tenant.
 * Returns the user and the password it can sign in with.
 */
export async function createUserWithRole(
  services: Services,
  tenantId: string,
  role: Role,
  opts: {
    email?: string;
    displayName?: string;
    password?: string;
    preferredLanguage?: string;
    scope?: Omit<RoleGrant, "role">;
  } = {},
) {
  counter += 1;
  const password = opts.password ?? `pw-${randomBytes(9).toString("base64url")}`;
  const user = await services.users.create(
    { kind: "system", tenantId },
    {
      email: opts.email ?? `${role}-${counter}-${randomBytes(3).toString("hex")}@example.org`,
      displayName: opts.displayName ?? `Test ${role} ${counter}`,
      password,
      preferredLanguage: opts.preferredLanguage ?? null,
      grants: [{ role, ...(opts.scope ?? { scopeType: "tenant", scopeId: null }) }],
    },
  );
  return { user, password };
}

/**
 * A Cookie header value with a real session for the user (signed in through the auth service).
 * mfaSatisfied defaults to true: the session counts as fully signed in, as after a second factor.
 */
export async function sessionCookieFor(
  services: Services,
  tenantId: string,
  userId: string,
  opts: { mfaSatisfied?: boolean } = {},
): Promise<string> {
  const { cookie } = await services.auth.openSession(tenantId, userId, {
    mfaSatisfied: opts.mfaSatisfied ?? true,
  });
  return cookie;
}
