import { index, type RouteConfig, route } from "@react-router/dev/routes";
import { STAFF_LAYOUT, STAFF_ROUTES } from "../server/policy/staff-routes.ts";

export default [
  index("routes/index.tsx"),
  route(":lang", "routes/public/layout.tsx", [
    index("routes/public/home.tsx"),
    route("login", "routes/auth/login.tsx"),
    route("login/mfa", "routes/auth/login-mfa.tsx"),
    route("forgot-password", "routes/auth/forgot-password.tsx"),
    route("reset-password", "routes/auth/reset-password.tsx"),
    route("__error/:status", "routes/public/error.tsx"),
    route("offline", "routes/public/offline.tsx"),
    route("referral/:token", "routes/public/referral-token.tsx"),
    route("survey/:token", "routes/public/survey-token.tsx"),
    route("report/:token", "routes/public/conflict-report.tsx"),
    route("conflict-status/:token", "routes/public/conflict-status.tsx"),
    route("crisis-alert/:token", "routes/public/crisis-alert.tsx"),
    route("mediation/:token", "routes/public/mediation-booking.tsx"),
    route("mediation/:token/status", "routes/public/mediation-status.tsx"),
    route("offers", "routes/public/offers.tsx"),
    route("offers/map", "routes/public/offers-map.tsx"),
    route("offers/:id", "routes/public/offer.tsx"),
    route("events", "routes/public/events.tsx"),
    route("offices", "routes/public/offices.tsx"),
    route("monitoring", "routes/public/monitoring.tsx"),
    route("monitoring/report", "routes/public/monitoring-report.tsx"),
    route("funding", "routes/public/funding.tsx"),
    route("funding/apply/:token", "routes/public/funding-apply.tsx"),
    route("funding/apply/:token/proof", "routes/public/funding-proof.tsx"),
    route("funding/funded", "routes/public/funding-funded.tsx"),
    route("guide", "routes/public/guide.tsx"),
    route("guide/*", "routes/public/guide-page.tsx"),
    route("meetings", "routes/public/meetings.tsx"),
    route("meetings/:id", "routes/public/meeting.tsx"),
    route("declarations", "routes/public/declarations.tsx"),
    route("search", "routes/public/search.tsx"),
  ]),
  // Staff routes come from the one declaration with their permissions (decision 041).
  ...STAFF_ROUTES.filter((r) => "outsideLayout" in r).map((r) => route(`staff/${r.path}`, r.file)),
  route(
    "staff",
    STAFF_LAYOUT.file,
    STAFF_ROUTES.filter((r) => !("outsideLayout" in r)).map((r) =>
      r.path === "" ? index(r.file) : "id" in r ? route(r.path, r.file, { id: r.id }) : route(r.path, r.file),
    ),
  ),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
