// Entry of the server bundle (vite SSR build): the HTTP app plus React Router's page handler.
import fs from "node:fs";
import path from "node:path";
import { createRequestHandler, RouterContextProvider, type ServerBuild } from "react-router";
import { pageContext } from "#app/app/context.ts";
import { seedDemoIfEmpty } from "#app/modules/demo/seed.ts";
import type { PageHandler } from "#app/server/http/app.ts";
import { createStaticHandler } from "#app/server/http/static.ts";
import { startServer } from "./runtime.ts";

export async function main(clientDir: string) {
  const handler = createRequestHandler(
    () => import("virtual:react-router/server-build") as Promise<ServerBuild>,
    process.env.NODE_ENV === "development" ? "development" : "production",
  );
  const pageHandler: PageHandler = (req, vars) => {
    const ctx = new RouterContextProvider();
    ctx.set(pageContext, vars);
    return handler(req, ctx);
  };
  if (!fs.existsSync(clientDir)) throw new Error(`Client build missing at ${path.resolve(clientDir)}`);
  return startServer({
    pageHandler,
    staticHandler: createStaticHandler(clientDir),
    onReady: async (rt) => {
      if (rt.config.demo !== "off") await seedDemoIfEmpty(rt.services);
    },
  });
}
