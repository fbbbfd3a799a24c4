import type { Principal } from "../../server/policy/roles.ts";
import type { DemoServices } from "./deps.ts";

/**
 * Further need signals for the demo gap page (issue 16, 2; decision 079): Lünen's needs
 * questionnaire (who wants a language or literacy course, by district) for the language terms,
 * and the SGB II rate of the monitoring releases for the work terms. Once per tenant.
 */
export async function seedNeedSignals(
  services: Pick<DemoServices, "strategy" | "surveyAnalysis" | "users">,
  tenantId: string,
): Promise<{ skipped: boolean; signals: number }> {
  const row = await services.users.credentials.byEmail(tenantId, "coordinator@demo.lotse.example");
  if (!row) return { skipped: true, signals: 0 };
  const grants = await services.users.credentials.grants(tenantId, row.id);
  const coordinator: Principal = { userId: row.id, tenantId, sessionId: "demo", grants, mfaSatisfied: true };
  const s = services.strategy;
  if ((await s.needSignals(coordinator, tenantId, "de")).length > 0) return { skipped: true, signals: 0 };
  const settings = await s.gapSettings(coordinator, tenantId, "de");
  const termsOf = (domain: string) => settings.domainTerms.find((d) => d.domain === domain)?.termIds ?? [];
  const needsForm = (await services.surveyAnalysis.forms(coordinator)).find((f) => /Bedarf/i.test(f.title));
  let signals = 0;
  // A source the tenant does not have (no such release yet) is left out, not an error.
  const add = (input: Parameters<typeof s.addNeedSignal>[2]) =>
    s.addNeedSignal(coordinator, tenantId, input).then(
      () => signals++,
      (e: { code?: string }) => {
        if (e.code !== "validation_failed") throw e;
      },
    );
  for (const termId of termsOf("language")) {
    if (needsForm) {
      for (const [question, label] of [
        ["language_course_wanted", "Wunsch nach Sprachkurs (Bedarfsfragebogen)"],
        ["literacy_course_wanted", "Wunsch nach Alphabetisierungskurs (Bedarfsfragebogen)"],
      ] as const) {
        await add({ kind: "survey", termId, label, formId: needsForm.id, question, answer: "yes" });
      }
    }
  }
  for (const termId of termsOf("training_work")) {
    await add({
      kind: "monitoring",
      termId,
      label: "SGB-II-Quote (Monitoring)",
      monitoringCode: "sgb2_rate",
    });
  }
  return { skipped: false, signals };
}
