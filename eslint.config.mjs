// Layering, enforced mechanically (see ../shared/STYLE.md): what each folder may import.
// Flat config replaces a rule's options per matching block, so every folder's
// block carries its whole list, and the folders do not overlap.
import tseslint from "typescript-eslint";

const framework = ["next", "next/*", "react", "react-dom", "@prisma/*", "server-only"];
const notTestsOrScripts = {
  group: ["**/e2e/**", "**/scripts/**"],
  message: "Application code does not depend on tests or scripts.",
};

function layer(files, ignores, rules) {
  return {
    files,
    ignores,
    rules: { "no-restricted-imports": ["error", { patterns: [...rules, notTestsOrScripts] }] },
  };
}

// Every SCIM connection goes through the address guard: only open-scim-client.ts creates SCIM clients.
const scimClientFactory = "lib/provisioning/connections/open-scim-client.ts";
const scimClientsThroughTheGuard = [
  {
    regex: "(^|/)scim(/index(\\.ts)?)?$",
    importNames: ["createScimClient"],
    message: "Open SCIM clients with openScimClient (lib/provisioning/connections/open-scim-client.ts): it checks every address a connection goes to.",
  },
  {
    regex: "(^|/)scim/create-scim-client(\\.ts)?$",
    message: "Open SCIM clients with openScimClient (lib/provisioning/connections/open-scim-client.ts): it checks every address a connection goes to.",
  },
];

const pure = ["lib/provisioning/mapping/**", "lib/provisioning/plan/**", "lib/provisioning/import/**"];

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", "lib/generated/**", "test-results/**", ".data/**", ".test-data/**", "next-env.d.ts"] },
  {
    files: ["**/*.{ts,tsx,mjs}"],
    languageOptions: { parser: tseslint.parser },
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    // Jobs are queued only through lib/queue's contracts (task name, payload schema, key in one table).
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/queue/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "TemplateElement[value.raw=/graphile_worker\\.add_jobs?\\b/], Literal[value=/graphile_worker\\.add_jobs?\\b/]",
          message: "Queue jobs with enqueue/enqueueMany from lib/queue, which check the payload against the job's contract.",
        },
        {
          selector: "CallExpression[callee.property.name=/^(addJob|addJobs|quickAddJob)$/], CallExpression[callee.name=/^(quickAddJob)$/]",
          message: "Queue jobs with enqueueFromJob or enqueue from lib/queue, which apply the job's contract.",
        },
      ],
    },
  },
  layer(
    ["lib/scim/**/*.ts"],
    ["**/*.test.ts"],
    [
      {
        group: [...framework, "@/*", "**/db", "**/generated/**", "**/directory/**", "**/provisioning/**", "**/auth/**", "**/sandbox/**"],
        message: "lib/scim is a protocol library: it imports nothing of ours and no framework or database code.",
      },
    ],
  ),
  layer(
    ["lib/sandbox/**/*.ts"],
    ["**/*.test.ts"],
    [
      {
        group: [...framework, "@/*", "**/db", "**/generated/**", "**/directory/**", "**/provisioning/**", "**/auth/**"],
        message: "The SCIM sandbox is a test peer: it may use lib/scim types only.",
      },
    ],
  ),
  layer(
    pure.map((dir) => `${dir}/*.ts`),
    ["**/*.test.ts"],
    [
      {
        group: [...framework, "**/db", "**/generated/prisma/client", "**/scim/create-*", "node:*"],
        message: "mapping, plan and import are pure functions: no database, network, framework or clock.",
      },
      ...scimClientsThroughTheGuard,
    ],
  ),
  layer(
    ["lib/queue/**/*.ts"],
    ["**/*.test.ts"],
    [
      {
        group: ["**/directory/**", "**/provisioning/**", "**/auth/**", "**/scim/**"],
        message: "lib/queue holds the job contracts that the directory and the engine both use: it imports neither.",
      },
    ],
  ),
  layer(["lib/**/*.ts"], ["lib/scim/**", "lib/sandbox/**", "lib/queue/**", ...pure, scimClientFactory, "**/*.test.ts"], scimClientsThroughTheGuard),
  layer([scimClientFactory], [], []),
  layer(["app/**/*.{ts,tsx}"], [], scimClientsThroughTheGuard),
  layer(
    ["components/**/*.{ts,tsx}"],
    [],
    [
      {
        // Components get data from pages and actions: from lib they may import types, and
        // values only from browser-safe modules (zod schemas, pure mapping vocabularies).
        regex:
          "^@/lib/(?!(directory|provisioning|auth)/schemas(/|$)|directory/(csv|domains)/schemas$|provisioning/mapping/|auth/permissions$|actions/define-action$).*",
        message: "Components may import from lib only zod schemas, pure modules and types; data comes from pages and actions.",
        allowTypeImports: true,
      },
      { group: ["server-only"], message: "Components run in the browser too." },
      ...scimClientsThroughTheGuard,
    ],
  ),
);
