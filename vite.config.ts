import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import { islands } from "./scripts/build/islands.ts";
import { precompress } from "./scripts/build/precompress.ts";

// The SSR build bundles the whole server (Hono + API + pages) from one entry, so
// server modules exist once in the process (see docs/decisions/002-one-process-server-build.md).
export default defineConfig({
  environments: {
    ssr: {
      build: {
        rollupOptions: { input: "./src/composition/entry.ts" },
      },
    },
  },
  plugins: [reactRouter(), islands(), precompress()],
});
