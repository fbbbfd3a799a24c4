import type { PotView } from "#app/modules/funding/contracts.ts";
import { formatMoney } from "#app/modules/funding/model.ts";
import { useLang, useT } from "../i18n.tsx";

/**
 * The pot's money columns (decisions 112, 119) as the calls list and the call page show them:
 * planned, committed, paid, returned and available; `full` adds what was reclaimed (demanded
 * back) and the net, which the call page's table of years shows beside the others.
 */
const COLUMNS = [
  ["planned", "plannedCents", false],
  ["committed", "committedCents", false],
  ["paid", "paidCents", false],
  ["reclaimed", "reclaimedCents", true],
  ["returned", "returnedCents", false],
  ["net", "netCents", true],
  ["available", "availableCents", false],
] as const;

const columnsOf = (full: boolean) => COLUMNS.filter(([, , onlyFull]) => full || !onlyFull);

/** The header cells of the pot's columns. */
export function PotHeaders({ full = false }: { full?: boolean }) {
  const t = useT();
  return columnsOf(full).map(([label]) => (
    <th key={label} scope="col" className="num">
      {t(`funding.${label}`)}
    </th>
  ));
}

/** One pot's cells, in the order of `PotHeaders`. */
export function PotCells({ pot, full = false }: { pot: PotView; full?: boolean }) {
  const lang = useLang();
  return columnsOf(full).map(([label, key]) => (
    <td key={label} className="num">
      {formatMoney(pot[key], lang)}
    </td>
  ));
}
