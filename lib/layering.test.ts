/**
 * The layering lint (eslint.config.mjs) bites: each case lints one import as if it were written in a
 * file of that folder, through ESLint's API and the real config, and says whether it is refused.
 */
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

// [file the import is written in, the import, a phrase of the refusal or null when allowed]
const cases: [string, string, string | null][] = [
  // The directory is the truth: the engine reads it, never the reverse.
  ["lib/directory/users/example.ts", `import { toMappingRules } from "../../provisioning/apps/field-mappings";`, "The directory is the truth"],
  ["lib/directory/users/example.ts", `import { planOperations } from "@/lib/provisioning/plan/plan-operations";`, "The directory is the truth"],
  ["lib/directory/users/example.ts", `import { markForReconcile } from "../../queue/mark-for-reconcile";`, null],
  ["lib/directory/users/example.ts", `import { requirePermission } from "../../auth/require";`, "sessions and permission checks stay in lib/auth"],
  ["lib/directory/users/example.ts", `import type { CurrentSession } from "../../auth/session";`, null],
  ["lib/directory/users/example.ts", `import { ROLES } from "../../auth/permissions";`, null],
  ["lib/directory/users/example.ts", `import { createScimClient } from "../../scim";`, "knows nothing of SCIM"],
  ["lib/directory/users/example.ts", `import { formatCsvRow } from "../../csv/neutralise-csv-cell";`, null],
  ["lib/directory/users/example.ts", `import { signOutAction } from "../../../app/(admin)/actions";`, "lib is below app/"],
  // The engine may read the directory, but not the sandbox, and opens SCIM clients through the guard only.
  ["lib/provisioning/apps/example.ts", `import { MAPPABLE_PERSON_SELECT } from "../../directory/users/mappable-person";`, null],
  ["lib/provisioning/apps/example.ts", `import { requirePermission } from "../../auth/require";`, null],
  ["lib/provisioning/apps/example.ts", `import { startSandbox } from "../../sandbox";`, "does not know the sandbox exists"],
  ["lib/provisioning/apps/example.ts", `import { createScimClient } from "../../scim";`, "Open SCIM clients with openScimClient"],
  ["lib/provisioning/apps/example.ts", `import { makeOrganization } from "../../testing/make-organization";`, "test helpers"],
  ["lib/provisioning/sync/example.ts", `import { startSandbox } from "../../sandbox";`, "does not know the sandbox exists"],
  ["lib/provisioning/sync/example.ts", `import { defineAction } from "../../actions/define-action";`, "the engine does not depend on the actions"],
  ["lib/provisioning/connections/open-scim-client.ts", `import { createScimClient } from "../../scim";`, null],
  // The pure folders keep the engine's rules as well as their own.
  ["lib/provisioning/mapping/example.ts", `import { db } from "../../db";`, "pure functions"],
  ["lib/provisioning/plan/example.ts", `import { randomUUID } from "node:crypto";`, "pure functions"],
  ["lib/provisioning/import/example.ts", `import { startSandbox } from "../../sandbox";`, "does not know the sandbox exists"],
  ["lib/provisioning/mapping/example.ts", `import { createScimClient } from "../../scim";`, "Open SCIM clients with openScimClient"],
  // lib/auth is below the directory and the engine.
  ["lib/auth/example.ts", `import { getUser } from "../directory/users/get-user";`, "lib/auth (sessions, passwords"],
  ["lib/auth/example.ts", `import { provisionUserNow } from "../provisioning/sync/provision-now";`, "lib/auth (sessions, passwords"],
  ["lib/auth/example.ts", `import { recordAuditEvent } from "../audit/record-audit-event";`, null],
  // lib/audit and lib/queue: lib/db only.
  ["lib/audit/example.ts", `import { getCurrentSession } from "../auth/session";`, "imports lib/db (and lib/csv"],
  ["lib/audit/example.ts", `import { db } from "../db";`, null],
  ["lib/queue/example.ts", `import { getUser } from "../directory/users/get-user";`, "lib/queue holds the job contracts"],
  ["lib/queue/example.ts", `import { recordAuditEvent } from "../audit/record-audit-event";`, "lib/queue holds the job contracts"],
  ["lib/queue/example.ts", `import type { Tx } from "../db";`, null],
  // Shared pure helpers, the action factory and the ground floor.
  ["lib/http/example.ts", `import { db } from "../db";`, "shared pure helpers"],
  ["lib/http/example.ts", `import { NextResponse } from "next/server";`, "shared pure helpers"],
  ["lib/csv/example.ts", `import { listUsers } from "../directory/users/list-users";`, "shared pure helpers"],
  ["lib/actions/example.ts", `import { saveUser } from "../directory/users/save-user";`, "server actions' contract"],
  ["lib/env.ts", `import { hashPassword } from "./auth/password";`, "ground floor"],
  ["lib/env.ts", `import { parseTrustedProxies } from "./http/client-address";`, null],
  ["lib/scim/example.ts", `import { db } from "@/lib/db";`, "protocol library"],
  // Routes call services; components never see the database client.
  ["app/(admin)/example/page.tsx", `import { db } from "@/lib/db";`, "Routes and actions call lib services"],
  ["app/(admin)/example/actions.ts", `import { enqueue } from "@/lib/queue/enqueue";`, "Routes and actions call lib services"],
  ["app/(admin)/example/page.tsx", `import type { ScimUser } from "@/lib/scim/user-resource";`, null],
  ["app/api/health/route.ts", `import { db } from "@/lib/db";`, null],
  ["components/users/example.tsx", `import type { Tx } from "@/lib/db";`, "no database client"],
  ["components/sso/example.tsx", `import { samlSettingsInput } from "@/lib/sso/schemas";`, null],
  ["components/sso/example.tsx", `import { getSamlSettings } from "@/lib/sso/saml-settings";`, "Components may import from lib only"],
  ["components/users/example.tsx", `import type { User } from "@/lib/generated/prisma/client";`, "no database client"],
  ["components/users/example.tsx", `import { listUsers } from "@/lib/directory/users/list-users";`, "Components may import from lib only"],
  ["components/users/example.tsx", `import { SEARCH_MAX_LENGTH } from "@/lib/http/search-text";`, null],
  ["components/users/example.tsx", `import { listUsers } from "../../lib/directory/users/list-users";`, "Components may import from lib only"],
  ["components/users/example.tsx", `import { signOutAction } from "@/app/(admin)/actions";`, "Components are below app/"],
  // The SAML identity provider reads the directory and the mapping; it talks no SCIM and queues nothing.
  ["lib/sso/example.ts", `import { inScopeOf } from "../directory/assignments/scope-sources";`, null],
  ["lib/sso/example.ts", `import { mapValues } from "../provisioning/mapping/build-scim-user";`, null],
  ["lib/sso/example.ts", `import { startSandbox } from "../sandbox";`, "lib/sso (the SAML identity provider)"],
  ["lib/sso/example.ts", `import { enqueue } from "../queue/enqueue";`, "lib/sso (the SAML identity provider)"],
  ["lib/sso/example.ts", `import { makeOrganization } from "../testing/make-organization";`, "test helpers"],
  // Tests may reach anywhere.
  ["lib/directory/users/example.test.ts", `import { toMappingRules } from "../../provisioning/apps/field-mappings";`, null],
];

describe("the layering lint", () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: root });
  });

  it.each(cases)("in %s, %s → %s", async (file, line, refusal) => {
    const [result] = await eslint.lintText(`${line}\n`, { filePath: `${root}${file}` });
    const messages = result!.messages.filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
    expect(result!.messages.filter((message) => message.ruleId !== "no-restricted-imports")).toEqual([]);
    if (refusal === null) expect(messages).toEqual([]);
    else expect(messages.join("\n")).toContain(refusal);
  });
});
