// Layering, enforced mechanically (see ../shared/STYLE.md): what each folder may import.
//
// Flat config replaces a rule's options per matching block: a file that matched two blocks would keep
// only the later block's list. So every file of ours is in exactly one layer below: `layers` runs from
// the most specific folder to the broadest, and each layer ignores the files of the layers before it.
// Add a folder by adding a layer above the broader one it sits in, with its whole list.
//
// Who may import whom (an arrow is "may import"):
//   app -> components, lib services; components -> lib zod schemas, pure modules and types
//   lib/provisioning -> lib/directory, lib/queue, lib/scim, lib/audit, lib/auth, shared modules
//   lib/directory -> lib/queue (marking pairs for reconcile), lib/audit, auth roles and types, shared modules
//   lib/auth -> lib/audit, lib/http; lib/audit -> lib/db only; lib/queue -> lib/db only
//   lib/sso -> lib/directory (read), lib/provisioning (mapping, secrets), lib/audit, shared modules
//   lib/scim, lib/http, lib/csv -> nothing of ours; lib/sandbox -> lib/scim types
//   the other folders of lib -> lib/db, lib/env, lib/app-error; nothing in lib -> app, components, lib/testing
import tseslint from "typescript-eslint";

const framework = ["next", "next/*", "react", "react-dom", "@prisma/*", "server-only"];

/** Import patterns for a folder of ours under lib, however it is reached (relative or `@/lib/...`), index and files. */
const ours = (...names) => names.flatMap((name) => [`**/${name}`, `**/${name}/**`]);

const notTestsOrScripts = {
  group: ["**/e2e/**", "**/scripts/**", ...ours("testing")],
  message: "Application code does not depend on tests, test helpers or scripts.",
};
const libIsBelowTheApp = {
  regex: "^(@/|(\\.\\./)+)(app|components)(/|$)",
  message: "lib is below app/ and components/: it never imports them.",
};

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

const pure = ["lib/provisioning/mapping", "lib/provisioning/plan", "lib/provisioning/import"];

// What lib/provisioning may not import, wherever in it a file sits.
const provisioningRules = [
  {
    group: ours("sandbox"),
    message: "The engine works with any SCIM server: it does not know the sandbox exists.",
  },
  {
    group: ours("actions"),
    message: "Server actions call the engine's services; the engine does not depend on the actions' contract.",
  },
];

const layers = [
  {
    files: ["lib/scim/**/*.ts"],
    rules: [
      {
        group: [
          ...framework,
          "@/*",
          ...ours("db", "generated", "env", "app-error", "directory", "provisioning", "auth", "audit", "queue", "sandbox", "http", "csv", "actions"),
        ],
        message: "lib/scim is a protocol library: it imports nothing of ours and no framework or database code.",
      },
    ],
  },
  {
    files: ["lib/sandbox/**/*.ts"],
    rules: [
      {
        group: [
          ...framework,
          "@/*",
          ...ours("db", "generated", "env", "app-error", "directory", "provisioning", "auth", "audit", "queue", "http", "csv", "actions"),
        ],
        message: "The SCIM sandbox is a test peer: it may use lib/scim types only.",
      },
    ],
  },
  {
    files: ["lib/testing/**/*.ts"],
    // Test helpers set up data through the services, as a person would.
    rules: [libIsBelowTheApp, ...scimClientsThroughTheGuard],
  },
  {
    files: ["lib/queue/**/*.ts"],
    rules: [
      {
        group: [
          "next",
          "next/*",
          "react",
          "react-dom",
          ...ours("app-error", "directory", "provisioning", "auth", "audit", "scim", "sandbox", "http", "csv", "actions"),
        ],
        message:
          "lib/queue holds the job contracts that the directory and the engine both use: it imports lib/db, lib/env (its lanes setting) and its own contracts only.",
      },
      libIsBelowTheApp,
      notTestsOrScripts,
    ],
  },
  {
    files: ["lib/http/**/*.ts", "lib/csv/**/*.ts"],
    rules: [
      {
        group: [
          ...framework,
          ...ours("db", "generated", "env", "app-error", "directory", "provisioning", "auth", "audit", "queue", "scim", "sandbox", "actions"),
        ],
        message:
          "lib/http and lib/csv are shared pure helpers (the proxy and the browser run some of them): they import nothing of ours and no framework or database code.",
      },
      libIsBelowTheApp,
      notTestsOrScripts,
    ],
  },
  {
    files: ["lib/audit/**/*.ts"],
    rules: [
      {
        group: ours("directory", "provisioning", "auth", "queue", "scim", "sandbox", "actions"),
        message:
          "lib/audit records and lists events for every folder: it imports lib/db (and lib/csv's pure helpers for its export) only, so any of them can use it.",
      },
      libIsBelowTheApp,
      notTestsOrScripts,
    ],
  },
  {
    files: ["lib/auth/**/*.ts"],
    rules: [
      {
        group: ours("directory", "provisioning", "queue", "scim", "sandbox", "actions", "csv"),
        message:
          "lib/auth (sessions, passwords, roles, permission checks) is below the directory and the engine: it imports lib/db, lib/audit and lib/http, not them.",
      },
      libIsBelowTheApp,
      notTestsOrScripts,
    ],
  },
  {
    files: ["lib/actions/**/*.ts"],
    rules: [
      {
        group: ours("db", "generated", "directory", "provisioning", "queue", "scim", "sandbox", "audit", "csv"),
        message: "lib/actions is the server actions' contract (parse, authorize, answer): the actions call the services, the factory does not.",
      },
      libIsBelowTheApp,
      notTestsOrScripts,
    ],
  },
  {
    files: pure.map((dir) => `${dir}/**/*.ts`),
    rules: [
      {
        group: [
          ...framework,
          ...ours("db", "generated", "env", "directory", "auth", "audit", "queue", "scim/create-*", "sandbox", "http", "csv", "actions"),
          "node:*",
        ],
        message: "mapping, plan and import are pure functions: no database, network, framework or clock.",
      },
      ...provisioningRules,
      libIsBelowTheApp,
      notTestsOrScripts,
      ...scimClientsThroughTheGuard,
    ],
  },
  {
    files: [scimClientFactory],
    rules: [...provisioningRules, libIsBelowTheApp, notTestsOrScripts],
  },
  {
    files: ["lib/provisioning/**/*.ts"],
    rules: [...provisioningRules, libIsBelowTheApp, notTestsOrScripts, ...scimClientsThroughTheGuard],
  },
  {
    files: ["lib/directory/**/*.ts"],
    rules: [
      {
        group: ours("provisioning"),
        message:
          "The directory is the truth and the engine reads it, never the reverse: mark pairs for reconcile with lib/queue, and put code both need in a shared module (lib/csv, lib/http).",
      },
      {
        group: ours("scim", "sandbox", "actions"),
        message: "The directory stores people and marks them for reconcile; it knows nothing of SCIM or of server actions.",
      },
      {
        regex: "(^|/)auth(/(?!permissions$).*)?$",
        allowTypeImports: true,
        message:
          "The directory takes who is writing as an argument (writeContextFor): sessions and permission checks stay in lib/auth and the actions. Roles (auth/permissions) and types are fine.",
      },
      libIsBelowTheApp,
      notTestsOrScripts,
      ...scimClientsThroughTheGuard,
    ],
  },
  {
    files: ["lib/sso/**/*.ts"],
    rules: [
      {
        group: ours("sandbox", "scim", "queue", "actions"),
        message:
          "lib/sso (the SAML identity provider) reads the directory and the field mapping and signs assertions: it talks no SCIM, queues no jobs and does not depend on the actions' contract.",
      },
      libIsBelowTheApp,
      notTestsOrScripts,
    ],
  },
  {
    files: ["lib/*.ts"],
    rules: [
      {
        group: ours("directory", "provisioning", "auth", "audit", "queue", "scim", "sandbox", "csv", "actions"),
        message:
          "lib/db.ts, lib/env.ts and lib/app-error.ts are the ground floor: every folder imports them, so they import none of them (lib/http's pure parsers excepted).",
      },
      libIsBelowTheApp,
      notTestsOrScripts,
    ],
  },
  {
    files: ["lib/**/*.ts"],
    // A folder without its own layer yet: no upward imports and no SCIM client around the guard.
    rules: [libIsBelowTheApp, notTestsOrScripts, ...scimClientsThroughTheGuard],
  },
  {
    files: ["app/api/health/route.ts"],
    // The health check asks the database itself whether it answers.
    rules: [notTestsOrScripts],
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: [
      {
        group: ours("db", "queue", "sandbox"),
        message:
          "Routes and actions call lib services (lib/directory, lib/provisioning, lib/auth), which read the database and queue jobs in the change's own transaction.",
      },
      {
        group: ours("generated", "scim"),
        allowTypeImports: true,
        message: "Routes get data from lib services; from Prisma's client and lib/scim they may import types only.",
      },
      notTestsOrScripts,
      ...scimClientsThroughTheGuard,
    ],
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: [
      {
        // Components get data from pages and actions: from lib they may import types, and
        // values only from browser-safe modules (zod schemas, pure mapping vocabularies).
        regex:
          "^(@/|(\\.\\./)+)lib/(?!(directory|provisioning|auth|sso)/schemas(/|$)|audit/(schemas|describe-audit-event)$|directory/(csv|domains)/schemas$|provisioning/mapping/|auth/permissions$|actions/define-action$|http/search-text$).*",
        message: "Components may import from lib only zod schemas, pure modules and types; data comes from pages and actions.",
        allowTypeImports: true,
      },
      {
        group: ["server-only", ...ours("db", "generated")],
        message: "Components run in the browser too: no server-only code and no database client, not even its types (pages pass plain data).",
      },
      { regex: "^@/app(/|$)", message: "Components are below app/: pages import components, never the reverse." },
      notTestsOrScripts,
      ...scimClientsThroughTheGuard,
    ],
  },
];

/** One block per layer; each ignores the tests and every file an earlier (more specific) layer holds. */
function layerBlocks() {
  const claimed = [];
  return layers.map(({ files, rules }) => {
    const block = {
      files,
      ignores: ["**/*.test.ts", ...claimed],
      rules: { "no-restricted-imports": ["error", { patterns: rules }] },
    };
    claimed.push(...files);
    return block;
  });
}

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
  ...layerBlocks(),
);
