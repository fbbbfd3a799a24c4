import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../setup/test-db.ts";

// The OpenAPI document is a checked-in artifact (docs/openapi.json) so reviewers see API changes
// in diffs. Regenerate with: LOTSE_WRITE_OPENAPI=1 npx vitest run --project pglite tests/integration/openapi.test.ts
const committedPath = path.resolve(import.meta.dirname, "../../docs/openapi.json");

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" });
});
afterAll(() => ctx.close());

describe("OpenAPI document", () => {
  it("is served as OpenAPI 3.1 and matches the committed docs/openapi.json", async () => {
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    if (process.env.LOTSE_WRITE_OPENAPI === "1") fs.writeFileSync(committedPath, text);
    expect(fs.existsSync(committedPath), "docs/openapi.json is missing").toBe(true);
    expect(
      text,
      "docs/openapi.json is out of date; regenerate it (see the comment at the top of this test)",
    ).toBe(fs.readFileSync(committedPath, "utf8"));
  });
});
