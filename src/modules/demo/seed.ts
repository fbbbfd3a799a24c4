// Demo data for the first start. Expanded by the framework/demo work in this session.
import type { Services } from "#app/server/services.ts";

export async function seedDemoIfEmpty(services: Services): Promise<{ created: boolean }> {
  if ((await services.tenants.list()).length > 0) return { created: false };
  await services.tenants.create({
    slug: "unna",
    name: "Kreisstadt Unna",
    kind: "municipality",
    frameworkTemplate: "unna",
  });
  return { created: true };
}
