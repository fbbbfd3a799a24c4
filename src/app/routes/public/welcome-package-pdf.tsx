import { data } from "react-router";
import { pageContext } from "../../context.ts";
import type { Route } from "./+types/welcome-package-pdf";

/** The file of a public package request (a resource route): built by the job queue, never here. */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const file = await ctx.services.guide.packageByTokenPdf(ctx.tenant.id, params.token).catch((e: unknown) => {
    if ((e as { code?: string }).code === "not_found") throw data(null, { status: 404 });
    throw e;
  });
  return new Response(new Uint8Array(file.pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "private, no-store",
      "referrer-policy": "same-origin",
    },
  });
}
