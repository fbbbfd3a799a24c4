/**
 * Case work's public model: types other modules and the pages may use (browser-safe, no tables).
 */

declare const caseAccessBrand: unique symbol;

/**
 * Proof that the need-to-know check for one case has run (and its read was audited) in this
 * request. Only case work creates it (`getCase`, `surveyContext`); other modules that show or
 * write something of the case (questionnaire responses, referrals) take it instead of loading
 * and auditing the case a second time.
 */
export type CaseAccess = {
  readonly caseId: string;
  readonly tenantId: string;
  readonly householdId: string;
  readonly mode: "read" | "write";
  readonly breakGlass: boolean;
  readonly [caseAccessBrand]: true;
};
