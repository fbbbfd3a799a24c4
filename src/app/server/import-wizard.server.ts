import { redirect } from "react-router";
import { IMPORT_KIND_OPTIONS } from "#app/modules/imports/contracts.ts";
import type { ImportKind } from "#app/modules/imports/model.ts";
import type { PageContext } from "../context.ts";
import { formAction, requirePrincipal } from "./guard.server.ts";

/** Each kind's wizard (decision 043): its upload page, where to go after the import, its title. */
export const IMPORT_WIZARD_PAGES: Record<
  ImportKind,
  { upload: string; done: string; doneLabel: string; title: string; fallbackName: string }
> = {
  areas: {
    upload: "/staff/areas/import",
    done: "/staff/areas",
    doneLabel: "areas.back_to_list",
    title: "areas.import_title",
    fallbackName: "upload.geojson",
  },
  directory: {
    upload: "/staff/directory/import",
    done: "/staff/directory",
    doneLabel: "directory.back_to_list",
    title: "interchange.import_title",
    fallbackName: "import.csv",
  },
  monitoring: {
    upload: "/staff/monitoring/data/import",
    done: "/staff/monitoring/data",
    doneLabel: "monitoring_import.back_to_data",
    title: "monitoring_import.title",
    fallbackName: "import.csv",
  },
  guide: {
    upload: "/staff/guide/import",
    done: "/staff/guide",
    doneLabel: "guide.md_back_to_tree",
    title: "guide.md_import_title",
    fallbackName: "guide.zip",
  },
  addresses: {
    upload: "/staff/addresses/import",
    done: "/staff/addresses",
    doneLabel: "addresses.back_to_list",
    title: "addresses.import_title",
    fallbackName: "addresses.csv",
  },
  accommodation_sites: {
    upload: "/staff/accommodation/sites/import",
    done: "/staff/accommodation",
    doneLabel: "accommodation.import_back",
    title: "accommodation.import_title",
    fallbackName: "sites.geojson",
  },
};

/**
 * Step 1 of every import wizard: the uploaded file (or, where the page offers it, the pasted
 * text of field `text`) and the kind's options become an import run whose preview runs as a job
 * (decision 042); the browser goes on to the run's page. Bad input comes back per field, as
 * `formAction` does.
 */
export async function startImportRun(ctx: PageContext, request: Request, kind: ImportKind) {
  const principal = requirePrincipal(ctx);
  const page = IMPORT_WIZARD_PAGES[kind];
  const form = await request.formData();
  const file = form.get("file");
  const text = form.get("text");
  let upload = Buffer.alloc(0);
  let filename = page.fallbackName;
  if (file && typeof file !== "string" && file.size > 0) {
    upload = Buffer.from(await file.arrayBuffer());
    filename = file.name || filename;
  } else if (typeof text === "string" && text.trim()) upload = Buffer.from(text, "utf8");
  // The kind's options travel as fields of the same names; an empty field means "as the file says".
  const options: Record<string, string> = {};
  for (const key of Object.keys(IMPORT_KIND_OPTIONS[kind]?.shape ?? {})) {
    const value = form.get(key);
    if (typeof value === "string" && value.trim()) options[key] = value.trim();
  }
  const started = await formAction(ctx.t, () =>
    ctx.services.importRuns.start(principal, ctx.tenant.id, {
      kind,
      mode: "preview",
      filename,
      upload,
      options,
    }),
  );
  if ("data" in started) return started;
  return redirect(`${page.upload}/${started.value.id}`);
}
