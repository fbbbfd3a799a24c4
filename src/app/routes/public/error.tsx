import { data } from "react-router";
import type { Route } from "./+types/error";

/** Target of the HTTP layer's error rendering: throws the status so the root ErrorBoundary shows it. */
export function loader({ params }: Route.LoaderArgs) {
  const status = Number(params.status);
  throw data(null, { status: [401, 403, 404, 413, 429].includes(status) ? status : 500 });
}

export default function ErrorRoute() {
  return null;
}
