import type { DbOrTx } from "../../server/db/client.ts";
import { automaticMailFooter } from "../mail/service.ts";
import type { FundingDeps } from "./deps.ts";
import { translatorFor } from "./letter.ts";

/** The reference (Zeichen) an applicant quotes: the application id's last eight characters. */
export const referenceOf = (applicationId: string) => applicationId.slice(-8).toUpperCase();

/**
 * Mails the applicant in the application's language through `mail/`, inside the step's
 * transaction (a refused or rolled-back step sends nothing); nothing once the contact data is
 * erased. `key` names the catalog pair `funding.<key>_subject` / `funding.<key>_text`, which
 * get the project's title and reference besides `values`.
 */
export async function mailApplicant(
  deps: FundingDeps,
  tx: DbOrTx,
  a: { tenantId: string; id: string; title: string; lang: string; contactEmail: string },
  key: string,
  values: Record<string, string>,
) {
  if (!a.contactEmail) return;
  const t = translatorFor(a.lang);
  const tenant = await deps.tenants.byId(a.tenantId);
  const v = { title: a.title, reference: referenceOf(a.id), ...values };
  await deps.mail.send(
    {
      tenantId: a.tenantId,
      to: a.contactEmail,
      subject: t(`funding.${key}_subject`, v),
      text: t(`funding.${key}_text`, v) + automaticMailFooter(t, tenant?.name ?? ""),
    },
    { db: tx },
  );
}
