import { index, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  index("routes/index.tsx"),
  route(":lang", "routes/public/layout.tsx", [
    index("routes/public/home.tsx"),
    route("login", "routes/auth/login.tsx"),
    route("login/mfa", "routes/auth/login-mfa.tsx"),
    route("forgot-password", "routes/auth/forgot-password.tsx"),
    route("reset-password", "routes/auth/reset-password.tsx"),
    route("__error/:status", "routes/public/error.tsx"),
  ]),
  route("staff/logout", "routes/staff/logout.tsx"),
  route("staff", "routes/staff/layout.tsx", [
    index("routes/staff/home.tsx"),
    route("account", "routes/staff/account.tsx"),
    route("users", "routes/staff/users.tsx"),
    route("users/:id", "routes/staff/user-edit.tsx"),
    route("settings", "routes/staff/settings.tsx"),
    route("areas", "routes/staff/areas.tsx"),
    route("areas/import", "routes/staff/areas-import.tsx"),
    route("framework", "routes/staff/framework.tsx"),
    route("framework/:id", "routes/staff/framework-term.tsx"),
    route("audit", "routes/staff/audit.tsx"),
    route("outbox", "routes/staff/outbox.tsx"),
    route("outbox/:id", "routes/staff/outbox-mail.tsx"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
