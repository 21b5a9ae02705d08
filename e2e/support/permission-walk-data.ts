/**
 * The data the permission walk (e2e/permissions.spec.ts) looks for: one app with its Sync endpoint, token,
 * mapping, log, accounts, sync run and import, one person assigned to it and in one group, and one CSV import, each carrying a
 * distinctive marker string. e2e/support/serve.ts seeds it (with fixed ids, so the spec knows them) and promotes
 * the walk's Admins (WALK_ADMINS). Written straight to the database: nothing here is ever sent anywhere.
 */
import type { RouteAccess } from "../../lib/auth/route-permissions";
import type { Db } from "../../lib/db";
import { WALK_ADMINS } from "./accounts";

export type Access = RouteAccess;

export const WALK_IDS = {
  app: "7a11c0de-0000-4000-8000-00000000a001",
  person: "7a11c0de-0000-4000-8000-00000000a002",
  syncRun: "7a11c0de-0000-4000-8000-00000000a003",
  importRun: "7a11c0de-0000-4000-8000-00000000a004",
  csvImport: "7a11c0de-0000-4000-8000-00000000a005",
  group: "7a11c0de-0000-4000-8000-00000000a006",
} as const;

/** A string that appears only where the data is shown, and who may see it (everything listed is needed). */
export interface Marker {
  name: string;
  text: string;
  guardedBy: readonly Access[];
}

const marker = (name: string, text: string, ...guardedBy: Access[]): Marker => ({ name, text, guardedBy });

export const MARKERS = {
  person: marker("the assigned person's name", "Wendeline Quaxmoor", "admin access"),
  personEmail: marker("the assigned person's e-mail", "wendeline.quaxmoor@halden.example", "admin access"),
  syncEndpoint: marker("the app's Sync endpoint", "scim.quaxmoor-7q3z.example", "view apps"),
  tokenLast4: marker("the token's last four characters", "7Q~Z", "view apps"),
  mapping: marker("a hardcoded mapping value", "QX-MAP-9931", "view apps"),
  logRow: marker("a provisioning log row's text", "QX-4471 seat limit", "view apps"),
  account: marker("the person's account in the app", "wq.remote-5582", "view apps"),
  syncRun: marker("the app's latest sync run", WALK_IDS.syncRun, "view apps"),
  importCandidate: marker("a user the app import fetched", "Zephyrine Importova", "view apps", "import users"),
  importRun: marker("the app import's run", WALK_IDS.importRun, "view apps", "import users"),
  csvFile: marker("an uploaded CSV file's name", "quaxmoor-new-starters.csv", "manage users"),
  csvRow: marker("a row of an uploaded CSV file", "Ottoline Csvmark", "manage users"),
  group: marker("a group's name", "Quaxmoor Wayfinders", "admin access"),
} as const satisfies Record<string, Marker>;

export async function seedPermissionWalk(db: Db, hashPassword: (password: string) => Promise<string>): Promise<void> {
  const { id: organizationId } = await db.organization.findFirstOrThrow({ select: { id: true } });
  for (const admin of WALK_ADMINS) {
    await db.user.update({
      where: { organizationId_email: { organizationId, email: admin.email } },
      data: { role: "ADMIN", permissions: [...admin.permissions], passwordHash: await hashPassword(admin.password) },
    });
  }
  const now = new Date();
  await db.user.create({
    data: { id: WALK_IDS.person, organizationId, email: MARKERS.personEmail.text, firstName: "Wendeline", lastName: "Quaxmoor", department: "Operations" },
  });
  await db.app.create({
    data: {
      id: WALK_IDS.app,
      organizationId,
      catalogKey: "scim",
      name: "Quaxmoor Cloud",
      state: "PAUSED",
      baseUrl: `https://${MARKERS.syncEndpoint.text}/scim/v2`,
      tokenCiphertext: "not-a-real-ciphertext",
      tokenLast4: MARKERS.tokenLast4.text,
      tokenUpdatedAt: now,
      authorizedAt: now,
      mappingSavedAt: now,
      actionsSavedAt: now,
      fieldMappings: {
        create: [
          { target: "userName", sourceField: "email" },
          { target: 'emails[type eq "work"].value', sourceField: "email" },
          { target: "title", hardcodedValue: MARKERS.mapping.text },
        ],
      },
      assignments: { create: { userId: WALK_IDS.person } },
      accounts: {
        create: {
          userId: WALK_IDS.person,
          userLabel: MARKERS.person.text,
          remoteId: "qx-remote-1",
          remoteUserName: `${MARKERS.account.text}@quaxmoor.example`,
          state: "ACTIVE",
          lastError: `Refused by Quaxmoor for ${MARKERS.account.text}.`,
          lastErrorAt: now,
          lastSyncedAt: now,
        },
      },
      operations: {
        create: {
          userId: WALK_IDS.person,
          userLabel: MARKERS.person.text,
          kind: "UPDATE",
          status: "FAILED",
          httpStatus: 403,
          message: `${MARKERS.logRow.text} reached in Quaxmoor.`,
        },
      },
      syncRuns: { create: { id: WALK_IDS.syncRun, status: "COMPLETED", total: 1, done: 1, failed: 1, finishedAt: now } },
      importRuns: {
        create: {
          id: WALK_IDS.importRun,
          status: "READY",
          fetched: 1,
          total: 1,
          counts: { all: 1, NEW: 1, UPDATE: 0, ACTIVATE: 0, DEACTIVATE: 0 },
          finishedAt: now,
          candidates: {
            create: {
              position: 0,
              remoteId: "qx-remote-2",
              userName: "zephyrine@quaxmoor.example",
              email: "zephyrine@quaxmoor.example",
              displayName: MARKERS.importCandidate.text,
              remoteActive: true,
              actions: ["NEW"],
              searchText: `zephyrine@quaxmoor.example ${MARKERS.importCandidate.text.toLowerCase()}`,
            },
          },
        },
      },
    },
  });
  // As configureProvisioning records it; dated ahead, so the first page of the audit log always shows it.
  await db.auditEvent.create({
    data: {
      organizationId,
      actorLabel: "priya.raman@halden.example",
      action: "app.provisioning_configured",
      targetType: "app",
      targetId: WALK_IDS.app,
      targetLabel: "Quaxmoor Cloud",
      changes: { baseUrl: { from: null, to: `https://${MARKERS.syncEndpoint.text}/scim/v2` }, token: { from: null, to: "changed" } },
      createdAt: new Date(now.getTime() + 24 * 3600 * 1000),
    },
  });
  await db.group.create({
    data: { id: WALK_IDS.group, organizationId, name: MARKERS.group.text, members: { create: { userId: WALK_IDS.person } } },
  });
  const [firstName, lastName] = MARKERS.csvRow.text.split(" ") as [string, string];
  await db.directoryImport.create({
    data: {
      id: WALK_IDS.csvImport,
      organizationId,
      fileName: MARKERS.csvFile.text,
      totalRows: 1,
      rows: [{ line: 2, input: { email: "ottoline.csvmark@halden.example", firstName, lastName, status: "ACTIVE" } }],
      rowErrors: [],
    },
  });
}
