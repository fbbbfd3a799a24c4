import { redirect } from "react-router";
import { pageContext } from "../context.ts";
import type { Route } from "./+types/index";

/** "/" sends the reader to the home page in their language. */
export function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return redirect(`/${ctx.lang}`, 302);
}

export default function Index() {
  return null;
}
