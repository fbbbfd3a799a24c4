// PLACEHOLDER until the auth module lands in this session: no one is signed in.
import type { CoreDeps } from "#app/server/deps.ts";
import type { Principal } from "#app/server/policy/roles.ts";

export function createAuthService(_deps: CoreDeps) {
  return {
    async principalFromRequest(_req: Request, _tenantId: string): Promise<Principal | null> {
      return null;
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
