import { index, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  index("routes/index.tsx"),
  route(":lang", "routes/public/layout.tsx", [
    index("routes/public/home.tsx"),
    route("login", "routes/auth/login.tsx"),
    route("__error/:status", "routes/public/error.tsx"),
  ]),
  route("staff", "routes/staff/layout.tsx", [index("routes/staff/home.tsx")]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
