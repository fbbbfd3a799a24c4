import { Form, NavLink, Outlet } from "react-router";
import { pagePermission } from "#app/server/policy/pages.ts";
import { can } from "#app/server/policy/policy.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { STAFF_NAV as NAV } from "../../nav.ts";
import { requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/layout";

export const handle = { hydrate: true };

/** Module navigation; an entry shows only when the policy lets this user open it. */

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const nav = NAV.filter((n) => {
    const p = pagePermission(n.path);
    return p === "public" || (p !== undefined && can(principal, p));
  });
  return { nav: nav.map((n) => ({ path: n.path, label: n.label })), tenant: ctx.tenant.name, lang: ctx.lang };
}

export default function StaffLayout({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <div className="staff">
      <a className="skip-link" href="#main">
        {t("common.skip_to_content")}
      </a>
      <header className="staff-header">
        <a className="brand" href="/staff">
          <span className="brand-name">Lotse</span>
          <span className="brand-tenant">{loaderData.tenant}</span>
        </a>
        <Form method="post" action="/staff/logout">
          <button type="submit" className="button-secondary">
            {t("auth.sign_out")}
          </button>
        </Form>
      </header>
      <div className="staff-body">
        <nav aria-label={t("staff.nav_label")} className="staff-nav">
          <ul>
            {loaderData.nav.map((n) => (
              <li key={n.path}>
                <NavLink to={n.path} end={n.path === "/staff"}>
                  {t(n.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="staff-main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
