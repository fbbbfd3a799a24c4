// Child-process entry for tests/setup/server-process.ts: runs the built server bundle without
// the rebuild check of scripts/start.ts (the tests run exactly the build `npm test` made).
// Usage: node tests/setup/launch-server.ts <build/server/index.js> <build/client>
import { pathToFileURL } from "node:url";

const [bundle, clientDir] = process.argv.slice(2);
if (!bundle || !clientDir) throw new Error("usage: launch-server.ts <server bundle> <client dir>");
const { main } = (await import(pathToFileURL(bundle).href)) as {
  main: (clientDir: string) => Promise<unknown>;
};
await main(clientDir);
