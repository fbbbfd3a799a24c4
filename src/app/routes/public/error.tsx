import { data } from "react-router";
import { pageContext } from "../../context.ts";
import type { Route } from "./+types/error";

/** What the error boundary needs to say "coming soon" instead of "not found" (decision 097). */
export type ComingSoon = { comingSoon: { tenant: string } };

/** Target of the HTTP layer's error rendering: throws the status so the root ErrorBoundary shows it. */
export function loader({ params, context }: Route.LoaderArgs) {
  const status = Number(params.status);
  // Any 4xx the HTTP layer refused with keeps its status (decision 020); anything else is a 500.
  const code = Number.isInteger(status) && status >= 400 && status < 500 ? status : 500;
  // A tenant still in onboarding hides its public site: its 404 says the site is coming.
  const tenant = context.get(pageContext).tenant;
  if (code === 404 && tenant.liveSince === null) {
    throw data({ comingSoon: { tenant: tenant.name } } satisfies ComingSoon, { status: code });
  }
  throw data(null, { status: code });
}

export default function ErrorRoute() {
  return null;
}
