import { data, redirect } from "react-router";
import { IMPORT_KINDS, type ImportKind } from "#app/modules/imports/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { ImportRunPanel } from "../../components/import-wizard/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { requirePrincipal } from "../../server/guard.server.ts";
import { IMPORT_WIZARD_PAGES } from "../../server/import-wizard.server.ts";
import type { Route } from "./+types/import-run";

/** The kind whose wizard's upload page this run page lies under (`/staff/areas/import/:runId`). */
function kindOf(request: Request): ImportKind {
  const path = new URL(request.url).pathname;
  const kind = IMPORT_KINDS.find((k) => path.startsWith(`${IMPORT_WIZARD_PAGES[k].upload}/`));
  if (!kind) throw data(null, { status: 404 });
  return kind;
}

function runIdOf(params: { runId?: string }): string {
  if (!params.runId || !isUuid(params.runId)) throw data(null, { status: 404 });
  return params.runId;
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const kind = kindOf(request);
  const principal = requirePrincipal(ctx);
  const run = await ctx.services.importRuns.get(principal, ctx.tenant.id, runIdOf(params));
  const page = IMPORT_WIZARD_PAGES[kind];
  return { run, title: ctx.t(page.title), page };
}

/** The confirm step: queues the import of the previewed run and shows its progress. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const kind = kindOf(request);
  const principal = requirePrincipal(ctx);
  const id = runIdOf(params);
  await ctx.services.importRuns.commit(principal, ctx.tenant.id, id);
  return redirect(`${IMPORT_WIZARD_PAGES[kind].upload}/${id}`);
}

export default function ImportRun({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { run, title, page } = loaderData;
  return (
    <ImportRunPanel
      title={title}
      run={run}
      uploadHref={page.upload}
      doneHref={page.done}
      doneLabel={t(page.doneLabel)}
    />
  );
}
