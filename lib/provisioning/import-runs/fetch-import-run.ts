import "server-only";
import { MAPPABLE_PERSON_SELECT } from "../../directory/users/mappable-person";
import { db } from "../../db";
import { readEnv } from "../../env";
import { FIELD_MAPPING_SELECT, effectiveMappingRules } from "../apps/field-mappings";
import { getConnector } from "../connectors/catalog";
import { openScimClient } from "../connections/open-scim-client";
import { createClassifier } from "../import/classify-candidates";
import { remoteGroupNames } from "../import/remote-group-names";
import type { ClassifiedCandidate, DirectoryCandidate, RemoteUser } from "../import/candidate-types";
import { mapValues, readScimValues } from "../mapping/build-scim-user";
import { PRIMARY_EMAIL } from "../mapping/target-attributes";
import { decryptSecret } from "../secrets/encrypt-secret";
import { addGroupsFromGroupList } from "./groups-from-group-list";
import { insertCandidates, type CandidateRow } from "./insert-candidates";

// Small enough that the batches Prisma's debug history keeps (its last 100 calls) stay a few MB; 1000 held ~55 MB.
const WRITE_BATCH = 250;

/**
 * The `import-fetch` job: reads every user of the app (all pages), classifies
 * them against the directory, and stores the candidates. Checks for a cancel
 * between pages.
 */
export async function fetchImportRun(runId: string): Promise<void> {
  const run = await db.importRun.findUnique({
    where: { id: runId },
    select: {
      status: true,
      app: {
        select: {
          id: true,
          catalogKey: true,
          baseUrl: true,
          tokenCiphertext: true,
          organizationId: true,
          organization: { select: { name: true, plan: true } },
          fieldMappings: { select: FIELD_MAPPING_SELECT },
        },
      },
    },
  });
  if (!run || run.status !== "FETCHING") return;
  const { app } = run;
  try {
    if (!app.baseUrl || !app.tokenCiphertext) throw new Error("The app has no Sync endpoint or token.");
    const connector = getConnector(app.catalogKey);
    const targets = connector?.targets ?? [];
    const client = openScimClient({
      baseUrl: app.baseUrl,
      token: decryptSecret(app.tokenCiphertext, app.id).reveal(),
      pageSize: connector?.quirks.maxPageSize ?? 100,
      timeouts: { totalMs: readEnv("ROSTER_SCIM_TIMEOUT_MS") },
    });
    const first = await client.users.listPage(1, 1);
    await db.importRun.update({ where: { id: runId }, data: { total: first.totalResults ?? null, fetched: 0 } });
    // A retried job starts its snapshot over.
    await db.importCandidate.deleteMany({ where: { runId } });

    const rules = effectiveMappingRules(app);
    const people = await db.user.findMany({
      where: { organizationId: app.organizationId },
      select: {
        ...MAPPABLE_PERSON_SELECT,
        assignments: { where: { appId: app.id }, select: { appId: true } },
        groups: { where: { group: { assignments: { some: { appId: app.id } } } }, select: { groupId: true }, take: 1 },
      },
    });
    const directory: DirectoryCandidate[] = people.map((person) => ({
      id: person.id,
      email: person.email,
      assigned: person.assignments.length > 0 || person.groups.length > 0,
      values: mapValues(person, rules, { organizationName: app.organization.name }),
    }));
    const emailById = new Map(people.map((person) => [person.id, person.email]));
    const classifier = createClassifier(directory);
    const counts = { all: 0, NEW: 0, UPDATE: 0, ACTIVATE: 0, DEACTIVATE: 0, conflicts: 0 };
    let position = 0;
    let fetched = 0;
    // Whether the app lists each user's groups on the user (Atlassian does); if none does, /Groups is read once instead.
    let usersListGroups = false;

    const toRow = (candidate: ClassifiedCandidate): CandidateRow => {
      counts.all += 1;
      for (const action of candidate.actions) counts[action] += 1;
      if (candidate.conflict) counts.conflicts += 1;
      const remoteUser = candidate.remote;
      const email = remoteUser?.email ?? (candidate.matchedUserId ? (emailById.get(candidate.matchedUserId) ?? null) : null);
      const values = remoteUser?.values;
      const displayName = values?.displayName ?? ([values?.["name.givenName"], values?.["name.familyName"]].filter(Boolean).join(" ") || null);
      return {
        runId,
        position: position++,
        remoteId: remoteUser?.remoteId ?? null,
        userName: remoteUser?.userName ?? null,
        email,
        displayName,
        remoteActive: remoteUser?.active ?? null,
        remoteValues: values ?? undefined,
        matchedUserId: candidate.matchedUserId,
        matchedBy: candidate.matchedBy,
        actions: candidate.actions,
        conflict: candidate.conflict,
        diff: candidate.diff,
        remoteGroups: remoteUser?.groups ?? [],
        searchText: [remoteUser?.userName, email, displayName, ...(remoteUser?.groups ?? [])].filter(Boolean).join(" ").toLowerCase(),
      };
    };

    // Classify and store a batch at a time: the snapshot is never held whole in memory.
    let batch: RemoteUser[] = [];
    const flush = async (): Promise<boolean> => {
      if (batch.length === 0) return true;
      await insertCandidates(classifier.classify(batch).map(toRow));
      fetched += batch.length;
      batch = [];
      const { status } = await db.importRun.update({ where: { id: runId }, data: { fetched }, select: { status: true } });
      return status === "FETCHING";
    };
    for await (const user of client.users.list()) {
      const values = readScimValues(user, targets);
      if (user.groups !== undefined) usersListGroups = true;
      batch.push({
        remoteId: user.id,
        userName: user.userName,
        externalId: user.externalId ?? null,
        email: values[PRIMARY_EMAIL] ?? null,
        active: user.active !== false,
        values,
        groups: remoteGroupNames(user.groups),
      });
      if (batch.length >= WRITE_BATCH && !(await flush())) return;
    }
    if (!(await flush())) return;
    if (!usersListGroups && fetched > 0) await addGroupsFromGroupList(client, runId);
    const remaining = classifier.remaining();
    for (let start = 0; start < remaining.length; start += WRITE_BATCH) {
      await insertCandidates(remaining.slice(start, start + WRITE_BATCH).map(toRow));
    }
    await db.importRun.updateMany({
      where: { id: runId, status: "FETCHING" },
      data: { status: "READY", fetched, counts, finishedAt: new Date() },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.importRun.update({ where: { id: runId }, data: { status: "FAILED", error: message, finishedAt: new Date() } });
  }
}
