import { redirect } from "react-router";
import { pageContext } from "../../context.ts";
import type { Route } from "./+types/logout";

/** POST /staff/logout: ends this session and goes to the login page. GET just goes back. */
export async function action({ context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  if (ctx.principal) await ctx.services.auth.logout(ctx.principal, ctx.requestId);
  throw redirect(`/${ctx.lang}/login`, {
    headers: { "set-cookie": ctx.services.auth.clearSessionCookie() },
  });
}

export function loader() {
  throw redirect("/staff");
}
