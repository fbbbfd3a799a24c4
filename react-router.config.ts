import type { Config } from "@react-router/dev/config";

export default {
  appDirectory: "src/app",
  // LOTSE_BUILD_DIR lets parallel work build into separate directories (tests read the same variable).
  buildDirectory: process.env.LOTSE_BUILD_DIR ?? "build",
  ssr: true,
} satisfies Config;
