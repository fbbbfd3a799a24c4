import { operationContext } from "#app/server/http/api.ts";

/** The operation's context with the signed-in principal as the module's `user` actor. */
export function userContext(c: Parameters<typeof operationContext>[0]) {
  const ctx = operationContext(c);
  return { ...ctx, actor: { kind: "user" as const, principal: ctx.principal } };
}
