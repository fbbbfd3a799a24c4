import { createSecretBox } from "../../server/crypto.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { Actor, AuditService } from "../audit/service.ts";
import type { MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserRow, UserService } from "../users/service.ts";
import { isSecureBase } from "./cookies.ts";
import { createOidcClient } from "./oidc-client.ts";

export type AuthDeps = CoreDeps & {
  audit: AuditService;
  users: UserService;
  tenants: TenantService;
  /** The mail module's contract: enqueues and delivers (SMTP or the local outbox). */
  mail: Pick<MailService, "send">;
};

/** What the parts of the auth service share: keys, cookie settings, session lengths, actors. */
export function createAuthContext(deps: AuthDeps) {
  const { config } = deps;
  // Previous keys still decrypt TOTP seeds until `lotse rotate-keys` re-encrypted them.
  const box = createSecretBox(config.secretKey, config.secretKeyPrevious);
  return {
    deps,
    box,
    secure: isSecureBase(config.baseUrl),
    idleMs: config.session.idleMinutes * 60_000,
    absoluteMs: config.session.absoluteHours * 3600_000,
    oidc: config.oidc ? createOidcClient(config, box) : undefined,
    systemActor: (tenantId: string): Actor => ({ kind: "system", tenantId }),
    userActor: (principal: Principal): Actor => ({ kind: "user", principal }),
    /** The signed-in user's stored record; a disabled or removed account is signed out. */
    async currentUser(principal: Principal): Promise<UserRow> {
      const user = await deps.users.credentials.byId(principal.tenantId, principal.userId);
      if (user?.status !== "active") throw new AppError("unauthenticated");
      return user;
    },
  };
}
export type AuthContext = ReturnType<typeof createAuthContext>;
