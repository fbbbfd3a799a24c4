import { Link } from "react-router";
import { MD_MAX_BYTES, MD_MAX_FILES } from "#app/modules/guide/model.ts";
import { ImportUploadStep } from "../../../components/import-wizard/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { startImportRun } from "../../../server/import-wizard.server.ts";
import type { Route } from "./+types/import";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return { title: ctx.t("guide.md_import_title"), maxMb: MD_MAX_BYTES / 2 ** 20, maxFiles: MD_MAX_FILES };
}

/**
 * The guide's Markdown interchange (decision 090): the export as a zip, and step 1 of the one
 * import wizard (decision 043) for such a zip; the run's page (guide/import/:runId) previews it.
 */
export async function action({ request, context }: Route.ActionArgs) {
  return startImportRun(context.get(pageContext), request, "guide");
}

const EXAMPLE = `---
slug: wohnsitz-anmelden
lang: de
title: Wohnsitz anmelden
sort: 1
owner:
  kind: office
  name: Bürgeramt
lastChecked: 2026-01-15
---

Innerhalb von **zwei Wochen** nach dem Einzug …`;

export default function GuideImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/staff/guide">{t("guide.md_back_to_tree")}</Link>
      </p>
      <ImportUploadStep
        title={t("guide.md_import_title")}
        intro={
          <>
            <p>{t("guide.md_intro")}</p>
            <ul>
              <li>{t("guide.md_rule_files")}</li>
              <li>{t("guide.md_rule_front_matter")}</li>
              <li>{t("guide.md_rule_publish")}</li>
              <li>{t("guide.md_rule_all_or_nothing")}</li>
            </ul>
            <pre dir="ltr">
              <code>{EXAMPLE}</code>
            </pre>
            <p>
              <a href="/api/v1/guide/export.zip" download>
                {t("guide.md_export")}
              </a>
            </p>
          </>
        }
        accept=".zip,application/zip"
        fileLabel={t("guide.md_file")}
        fileHint={t("guide.md_file_hint", { maxMb: loaderData.maxMb, max: loaderData.maxFiles })}
        errors={actionData?.errors}
      />
    </>
  );
}
