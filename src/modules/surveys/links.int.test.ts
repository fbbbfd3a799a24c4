import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import {
  createSurveyFixture,
  errorOf,
  linkInput,
  outcomeAnswers,
  rowsOf,
  type SurveyFixture,
  submission,
} from "./test-fixture.ts";

let fx: SurveyFixture;
let ctx: SurveyFixture["ctx"];
let p: SurveyFixture["p"];

beforeAll(async () => {
  fx = await createSurveyFixture();
  ({ ctx, p } = fx);
});

afterAll(async () => {
  await fx?.ctx.close();
});

describe("one-time links", () => {
  it("takes exactly one response; a repeat of the same submission is harmless, another is refused", async () => {
    const link = await ctx.services.surveys.createLink(
      p("cw"),
      linkInput({ formId: fx.outcomeForm, caseId: fx.caseId, personId: fx.personIds[1]!, lang: "ar" }),
    );
    const open = await ctx.services.surveys.linkForm(fx.tenantId, link.token);
    expect(open.state).toBe("open");
    const submissionId = randomUUID();
    const body = submission({ formVersion: 1, submissionId, lang: "ar", entries: outcomeAnswers("yes") });
    const first = await ctx.services.surveys.submitByLink(fx.tenantId, link.token, body);
    const repeat = await ctx.services.surveys.submitByLink(fx.tenantId, link.token, body);
    expect(repeat).toEqual({ responseId: first.responseId, duplicate: true });
    const other = await errorOf(
      ctx.services.surveys.submitByLink(fx.tenantId, link.token, { ...body, submissionId: randomUUID() }),
    );
    expect(other.code).toBe("survey_link_used");
    expect((await ctx.services.surveys.linkForm(fx.tenantId, link.token)).state).toBe("used");
    const [r] = await rowsOf(
      ctx,
      sql`select sex, channel, case_id from survey_responses where id = ${first.responseId}`,
    );
    expect(r).toMatchObject({ sex: "male", channel: "link", case_id: fx.caseId });
    // The public API does the same over HTTP.
    const link2 = await ctx.services.surveys.createLink(
      p("cw"),
      linkInput({ formId: fx.outcomeForm, caseId: fx.caseId, lang: "de" }),
    );
    const post = (id: string) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/surveys/links/${link2.token}/responses`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_BASE_URL, "accept-language": "de" },
        body: JSON.stringify({
          formVersion: 1,
          submissionId: id,
          lang: "de",
          answers: Object.fromEntries(outcomeAnswers("no")),
        }),
      });
    const id = randomUUID();
    expect((await post(id)).status).toBe(201);
    expect((await post(id)).status).toBe(200);
    expect((await post(randomUUID())).status).toBe(410);
  });

  it("an expired or unknown link takes nothing", async () => {
    const link = await ctx.services.surveys.createLink(
      p("cw"),
      linkInput({ formId: fx.outcomeForm, caseId: fx.caseId, lang: "de", days: 1 }),
    );
    ctx.clock.advance(2 * 86_400_000);
    try {
      expect((await ctx.services.surveys.linkForm(fx.tenantId, link.token)).state).toBe("expired");
      const e = await errorOf(
        ctx.services.surveys.submitByLink(
          fx.tenantId,
          link.token,
          submission({
            formVersion: 1,
            submissionId: randomUUID(),
            lang: "de",
            entries: outcomeAnswers("no"),
          }),
        ),
      );
      expect(e.code).toBe("survey_link_expired");
      expect((await ctx.services.surveys.linkForm(fx.tenantId, "x".repeat(43))).state).toBe("unknown");
    } finally {
      ctx.clock.advance(-2 * 86_400_000);
    }
  });
});
