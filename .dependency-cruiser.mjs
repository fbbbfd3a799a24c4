// Module boundaries (decision 025). `npm run boundaries`; `npm test` runs it beside lint.
// No exceptions: a rule that does not fit is changed here, with its reason, never silenced per file.

/**
 * What one module may import from another: its service (service.ts), its public types and
 * enums (model.ts, types.ts), its contracts (contracts.ts), or an index.ts it chooses to have.
 */
const PUBLIC_SURFACE = "(service|model|contracts|types|index)\\.ts$";

/**
 * Further public files, named per module: services of their own beside service.ts, and pure
 * libraries meant for every module (the small-cell rule, language and level lists). Adding a
 * file here is a decision about a module's surface, reviewed like any other API change.
 */
const PUBLIC_FILES = {
  statistics: ["small-cells", "linear-audit"],
  translations: ["languages"],
  areas: ["levels"],
  jobs: ["queue"],
  users: ["password"],
  casework: ["life-domains"],
  directory: ["spoken-languages", "interchange"],
  surveys: ["analysis"],
  monitoring: ["data-service"],
  // The demo's data and seeder are fixtures of other modules' integration tests.
  demo: ["seed", "unna-areas", "directory-content", "onboarding-run"],
};

const publicPaths = [
  `^src/modules/[^/]+/${PUBLIC_SURFACE}`,
  ...Object.entries(PUBLIC_FILES).map(([m, files]) => `^src/modules/${m}/(${files.join("|")})\\.ts$`),
];

/** Tests assemble the whole app (composition root, pages, CLI) and may import it. */
const TEST_FILES = "\\.test\\.tsx?$";

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: "module-internals",
      comment:
        "A module uses another only through its public surface: service.ts, model.ts, contracts.ts, " +
        "types.ts (or index.ts). Never its schema.ts, repositories or other internals.",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/" },
      to: {
        path: "^src/modules/([^/]+)/",
        pathNot: ["^src/modules/$1/", ...publicPaths],
      },
    },
    {
      name: "no-schema-in-app",
      comment:
        "Pages and components run in the browser: no Drizzle table definitions (schema.ts) and no " +
        "database layer. Enums and public types come from the module's model.ts.",
      severity: "error",
      from: { path: "^src/app/" },
      to: { path: ["(^|/)(core-)?schema\\.ts$", "^src/server/db/(?!ids\\.ts$)"] },
    },
    {
      name: "platform-below-modules",
      comment:
        "The platform (src/server, src/i18n) sits beneath the modules and never imports them, the " +
        "pages or the composition root. Only the table index (server/db/schema.ts) lists every " +
        "module's schema.ts, because Drizzle needs the tables in one namespace.",
      severity: "error",
      from: { path: "^src/(server|i18n)/", pathNot: ["^src/server/db/schema\\.ts$", TEST_FILES] },
      to: { path: "^src/(modules|app|composition|cli)/" },
    },
    {
      name: "table-index-only-tables",
      comment: "The table index re-exports module schema.ts files and nothing else of a module.",
      severity: "error",
      from: { path: "^src/server/db/schema\\.ts$" },
      to: { path: "^src/modules/", pathNot: "^src/modules/[^/]+/(core-)?schema\\.ts$" },
    },
    {
      name: "no-table-index-in-modules",
      comment:
        "The table index (server/db/schema.ts) holds every module's tables; module code never uses it " +
        "to reach around another module. Tests may, to check what a request left in the database.",
      severity: "error",
      from: { path: "^src/(modules|app)/", pathNot: TEST_FILES },
      to: { path: "^src/server/db/schema\\.ts$" },
    },
    {
      name: "modules-below-composition",
      comment:
        "Modules never import the composition root (src/composition), the pages (src/app) or the CLI: " +
        "they receive what they need as dependencies.",
      severity: "error",
      from: { path: "^src/modules/", pathNot: TEST_FILES },
      to: { path: "^src/(composition|app|cli)/" },
    },
    {
      name: "no-tests-in-production",
      comment: "Production code never imports test files or the test harness.",
      severity: "error",
      from: { path: "^src/", pathNot: "(\\.test\\.tsx?|\\.test-support\\.ts|test-fixture\\.ts)$" },
      to: { path: ["(\\.test\\.tsx?|\\.test-support\\.ts|test-fixture\\.ts)$", "^tests/"] },
    },
    {
      name: "no-circular",
      comment: "Dependencies run one way: no file reaches itself again through its imports.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^build/", "^\\.react-router/", "node_modules"] },
    tsPreCompilationDeps: true,
    parser: "swc",
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs"],
    },
    skipAnalysisNotInRules: true,
  },
};
