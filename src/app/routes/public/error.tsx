import { data } from "react-router";
import type { Route } from "./+types/error";

/** Target of the HTTP layer's error rendering: throws the status so the root ErrorBoundary shows it. */
export function loader({ params }: Route.LoaderArgs) {
  const status = Number(params.status);
  // Any 4xx the HTTP layer refused with keeps its status (decision 020); anything else is a 500.
  throw data(null, { status: Number.isInteger(status) && status >= 400 && status < 500 ? status : 500 });
}

export default function ErrorRoute() {
  return null;
}
