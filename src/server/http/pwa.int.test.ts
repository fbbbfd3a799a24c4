import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { inspectImage } from "../../modules/directory/images.ts";
import { offers } from "../../modules/directory/schema.ts";

let ctx: TestContext;
let tenantId: string;
const ids: Record<string, string> = {};

const get = (path: string, headers: Record<string, string> = {}) =>
  ctx.app.request(`${TEST_BASE_URL}${path}`, { headers });

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  const tenant = await ctx.services.tenants.create({
    slug: "pwastadt",
    name: "PWA-Stadt",
    kind: "municipality",
  });
  tenantId = tenant.id;
  const system = { kind: "system" as const, tenantId };
  ids.org = (await ctx.services.directory.publishDirect(system, "organization", { name: "Träger" })).entityId;
  const offer = async (data: Record<string, unknown>) =>
    (await ctx.services.directory.publishDirect(system, "offer", { organizationId: ids.org, ...data }))
      .entityId;
  ids.course = await offer({ title: "Sprachkurs mit Kinderbetreuung" });
  ids.cafe = await offer({ title: "Café Chili" });
  ids.expired = await offer({ title: "Winterkurs", validTo: "2025-12-31" });
  ids.future = await offer({ title: "Sommerkurs", validFrom: "2026-06-01" });
  // A draft that was never published.
  const [draft] = await ctx.handle.db
    .insert(offers)
    .values({ tenantId, organizationId: ids.org, title: "Entwurf", status: "draft" })
    .returning({ id: offers.id });
  ids.draft = draft!.id;
}, 40_000);
afterAll(() => ctx?.close());

describe("PWA endpoints", () => {
  it("serves a manifest per language with lang, dir, name from the catalogs and start_url", async () => {
    const res = await get("/ar/manifest.webmanifest");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/manifest+json");
    const m = await res.json();
    expect(m).toMatchObject({
      lang: "ar",
      dir: "rtl",
      start_url: "/ar/offers",
      scope: "/ar/",
      display: "standalone",
      short_name: "Lotse",
    });
    expect(m.name).toBe("Lotse – العروض في PWA-Stadt");
    const de = await (await get("/de/manifest.webmanifest")).json();
    expect(de).toMatchObject({ lang: "de", dir: "ltr", name: "Lotse – Angebote in PWA-Stadt" });
    expect(de.icons.map((i: { src: string }) => i.src)).toContain("/icons/icon-maskable-512.png");
    expect((await get("/xx/manifest.webmanifest")).status).toBe(404);
    // Easy German installs as its own app: German to the system, its own start and scope.
    const simple = await (await get("/de-simple/manifest.webmanifest")).json();
    expect(simple).toMatchObject({
      lang: "de-x-simple",
      dir: "ltr",
      start_url: "/de-simple/offers",
      scope: "/de-simple/",
    });
    expect(simple.description).toContain("Auch ohne Internet.");
  });

  it("serves the icons as real PNGs of the declared size", async () => {
    const m = await (await get("/de/manifest.webmanifest")).json();
    for (const icon of m.icons as { src: string; sizes: string; type: string }[]) {
      const res = await get(icon.src);
      expect(res.status, icon.src).toBe(200);
      expect(res.headers.get("content-type")).toContain(icon.type);
      if (icon.type !== "image/png") continue;
      const info = inspectImage(new Uint8Array(await res.arrayBuffer()));
      expect(info).toMatchObject({ ok: true, mimeType: "image/png" });
      if (info.ok) expect(`${info.width}x${info.height}`).toBe(icon.sizes);
    }
    expect((await get("/icons/nope.png")).status).toBe(404);
  });

  it("serves the service worker from the root with its scope header and no caching", async () => {
    const res = await get("/sw.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/javascript");
    expect(res.headers.get("service-worker-allowed")).toBe("/");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const body = await res.text();
    expect(body).toContain("offline-manifest.json");
    expect(body).not.toContain("__LOTSE_SW_VERSION__");
    expect(body).toMatch(/const VERSION = "[0-9a-f]{12}"/);
  });

  it("keeps the registering script tiny", async () => {
    const res = await get("/pwa.js");
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('register("/sw.js"');
    expect(Buffer.byteLength(body)).toBeLessThan(1200);
  });

  it("lists the language's public pages and every published, currently valid offer", async () => {
    const res = await get("/tr/offline-manifest.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body.lang).toBe("tr");
    expect(body.generatedAt).toBe("2026-03-02T09:00:00.000Z");
    expect(body.urls).toEqual([
      "/tr",
      "/tr/offline",
      "/tr/offers",
      "/tr/events",
      "/tr/offices",
      `/tr/offers/${ids.cafe}`,
      `/tr/offers/${ids.course}`,
    ]);
    for (const hidden of [ids.expired, ids.future, ids.draft])
      expect(JSON.stringify(body)).not.toContain(hidden);
    expect((await get("/zz/offline-manifest.json")).status).toBe(404);
    const simple = await (await get("/de-simple/offline-manifest.json")).json();
    expect(simple.urls).toContain(`/de-simple/offers/${ids.course}`);
  });
});
