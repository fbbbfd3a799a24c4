/** Contracts of the pool's rules and their acknowledgement (issue 17; decision 110). Browser-safe. */
import { z } from "zod";
import { requiredText } from "../../server/validation.ts";

export const RULES_TITLE_MAX = 200;
export const RULES_BODY_MAX = 20_000;

/**
 * POST /volunteer-rules: publish the next version. `basedOn` is the number of the version the
 * coordinator saw (0 when there was none): anything newer meanwhile is a version conflict,
 * never a silent overwrite.
 */
export const publishRulesInput = z.object({
  title: requiredText(RULES_TITLE_MAX),
  body: requiredText(RULES_BODY_MAX),
  basedOn: z.number().int().min(0).max(2_147_483_647),
});
export type PublishRules = z.output<typeof publishRulesInput>;

/** POST /volunteer-rules/mine/acknowledgement: the version the volunteer read. */
export const acknowledgeRulesInput = z.object({ versionId: z.uuid() });
export type AcknowledgeRules = z.output<typeof acknowledgeRulesInput>;

export const ruleVersionView = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
  /** Volunteers (active now) who acknowledged this version. */
  acknowledged: z.number().int(),
});
export type RuleVersionView = z.output<typeof ruleVersionView>;

/** GET /volunteer-rules: every version, newest first, and who has not acknowledged the current one. */
export const rulesOverviewView = z.object({
  current: ruleVersionView.nullable(),
  versions: z.array(ruleVersionView),
  active: z.number().int(),
  /** Active volunteers without an acknowledgement of the current version. */
  missing: z.array(
    z.object({
      volunteerId: z.uuid(),
      name: z.string(),
      /** Their newest acknowledged version, if any: number and date. */
      lastSeq: z.number().int().nullable(),
      lastAt: z.string().nullable(),
    }),
  ),
});
export type RulesOverview = z.output<typeof rulesOverviewView>;

/** GET /volunteer-rules/mine: the current version and whether the signed-in volunteer acknowledged it. */
export const myRulesView = z.object({
  /** False when no profile of the pool is linked to the account. */
  linked: z.boolean(),
  current: ruleVersionView.omit({ acknowledged: true }).nullable(),
  acknowledgedAt: z.string().nullable(),
});
export type MyRules = z.output<typeof myRulesView>;
