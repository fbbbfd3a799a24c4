import { Link } from "react-router";
import {
  ADDRESS_IMPORT_MAX_BYTES,
  ADDRESS_IMPORT_MAX_ROWS,
  ADDRESS_IMPORT_STRATEGIES,
} from "#app/modules/addresses/model.ts";
import { RadioGroup } from "../../../components/form/index.ts";
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
  return {
    title: ctx.t("addresses.import_title"),
    maxMb: ADDRESS_IMPORT_MAX_BYTES / 2 ** 20,
    maxRows: ADDRESS_IMPORT_MAX_ROWS,
  };
}

/**
 * Step 1 of the one import wizard (decision 043) for the address list (decision 095): the file
 * and the explicit choice of replace or merge become an import run; its page previews it.
 */
export async function action({ request, context }: Route.ActionArgs) {
  return startImportRun(context.get(pageContext), request, "addresses");
}

const HK_EXAMPLE = `nba;oid;qua;…;str;hnr;adz;zone;ostwert;nordwert;postplz;postonm;…
N;DENW…;A;…;Bahnhofstraße;12;a;32;409512.31;5710290.12;59423;Unna;…`;
const OSM_EXAMPLE = `@lat,@lon,addr:street,addr:housenumber,addr:postcode,addr:city
51.5352,7.6905,Bahnhofstraße,12a,59423,Unna`;

export default function AddressImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData?.errors;
  const labels = { strategy: t("addresses.strategy_label") };
  return (
    <>
      <p className="breadcrumb">
        <Link to="/staff/addresses">{t("addresses.back_to_list")}</Link>
      </p>
      <ImportUploadStep
        title={t("addresses.import_title")}
        intro={
          <>
            <p>{t("addresses.import_intro")}</p>
            <ul>
              <li>{t("addresses.import_rule_hk")}</li>
              <li>{t("addresses.import_rule_osm")}</li>
              <li>{t("addresses.import_rule_all_or_nothing")}</li>
            </ul>
            <pre dir="ltr">
              <code>{HK_EXAMPLE}</code>
            </pre>
            <pre dir="ltr">
              <code>{OSM_EXAMPLE}</code>
            </pre>
          </>
        }
        accept=".csv,.txt,text/csv,text/plain"
        fileLabel={t("addresses.import_file")}
        fileHint={t("addresses.import_file_hint", { maxMb: loaderData.maxMb, max: loaderData.maxRows })}
        errors={errors}
        labels={labels}
      >
        <RadioGroup
          name="strategy"
          legend={labels.strategy}
          errors={errors}
          options={ADDRESS_IMPORT_STRATEGIES.map((s) => ({
            value: s,
            label: t(`addresses.strategy_${s}`),
          }))}
        />
      </ImportUploadStep>
    </>
  );
}
