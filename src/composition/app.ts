import { type AppOptions, createApp } from "#app/server/http/app.ts";
import { moduleRoutes } from "./modules.ts";

/** The HTTP app with every module's routes (tests, benchmarks and the server use this). */
export function createLotseApp(opts: Omit<AppOptions, "routes">) {
  return createApp({ ...opts, routes: moduleRoutes });
}
