import { data, redirect } from "react-router";
import { IMPORT_KIND_PERMISSION, IMPORT_KINDS, type ImportKind } from "#app/modules/imports/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { isAppError } from "#app/server/errors.ts";
import { ImportRunPanel } from "../../components/import-wizard/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { requirePage } from "../../server/guard.server.ts";
import type { Route } from "./+types/import-run";

/** Each kind's wizard: where its upload page is and where to go after the import. */
const PAGES: Record<ImportKind, { upload: string; done: string; doneLabel: string; title: string }> = {
  areas: {
    upload: "/staff/areas/import",
    done: "/staff/areas",
    doneLabel: "areas.back_to_list",
    title: "areas.import_title",
  },
  directory: {
    upload: "/staff/directory/import",
    done: "/staff/directory",
    doneLabel: "directory.back_to_list",
    title: "interchange.import_title",
  },
  monitoring: {
    upload: "/staff/monitoring/data/import",
    done: "/staff/monitoring/data",
    doneLabel: "monitoring_import.back_to_data",
    title: "monitoring_import.title",
  },
};

function kindOf(request: Request): ImportKind {
  const segment = new URL(request.url).pathname.split("/")[2];
  const kind = IMPORT_KINDS.find((k) => k === segment);
  if (!kind) throw data(null, { status: 404 });
  return kind;
}

function runIdOf(params: { runId?: string }): string {
  if (!params.runId || !isUuid(params.runId)) throw data(null, { status: 404 });
  return params.runId;
}

/** Lets the page's 401/403/404/409 through as what they are (never a 500). */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isAppError(e) && e.status < 500) throw data(null, { status: e.status });
    throw e;
  }
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const kind = kindOf(request);
  const principal = requirePage(ctx, IMPORT_KIND_PERMISSION[kind]);
  const run = await guarded(() => ctx.services.importRuns.get(principal, ctx.tenant.id, runIdOf(params)));
  const page = PAGES[kind];
  return { run, title: ctx.t(page.title), page };
}

/** The confirm step: queues the import of the previewed run and shows its progress. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const kind = kindOf(request);
  const principal = requirePage(ctx, IMPORT_KIND_PERMISSION[kind]);
  const id = runIdOf(params);
  await guarded(() => ctx.services.importRuns.commit(principal, ctx.tenant.id, id));
  return redirect(`${PAGES[kind].upload}/${id}`);
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
