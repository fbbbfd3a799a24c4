/** The onboarding wizard's inputs (decision 019): shared by the page and the service. */
import { z } from "zod";
import { SEED_TEMPLATES } from "./model.ts";

/** Applying a seed template to the signed-in admin's tenant. */
export const applySeedTemplateInput = z.object({ template: z.enum(SEED_TEMPLATES) });
export type ApplySeedTemplate = z.output<typeof applySeedTemplateInput>;
