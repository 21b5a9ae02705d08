import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { USER_CATALOGUE } from "./attribute-catalogue.ts";
import { checkUser } from "./check-resource.ts";
import { coerceAttributes } from "./coerce-attributes.ts";
import { Directory } from "./directory.ts";
import { FaultInjector, type FaultSettings } from "./fault-injector.ts";
import { createRequestHandler, type SandboxContext } from "./handle-request.ts";
import { RequestStats } from "./request-stats.ts";
import { ServerQuirks, type QuirkSettings } from "./server-quirks.ts";
import { createSnapshotWriter, readSnapshot, toSnapshot } from "./snapshot-file.ts";

export interface SandboxOptions {
  /** 0, the default, picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the sandbox has no business listening beyond this machine. */
  host?: string;
  /** Default: the one in the snapshot, else a random UUID. */
  directoryId?: string;
  /** The SCIM API key. Default: a random one, returned in the result. */
  token?: string;
  /** Bearer token for /__sandbox/ controls. Default: the SCIM token. */
  adminToken?: string;
  /** A JSON file the store is loaded from at start and saved to after changes. */
  snapshotFile?: string;
  /** SCIM user bodies created at start when the store is empty (so restarts do not duplicate them). */
  seedUsers?: readonly Record<string, unknown>[];
  faults?: FaultSettings;
  /** Real servers' quirks to play from the start (server-quirks.ts); all off by default. */
  quirks?: QuirkSettings;
  /** Members a group may have; default 35,000, Atlassian's limit. Also settable at run time (POST /__sandbox/limits). */
  groupMemberCap?: number;
  /** Suppresses the one-line log per request. */
  quiet?: boolean;
}

export interface RunningSandbox {
  /** The SCIM base URL, `${origin}/scim/directory/${directoryId}`: what an admin pastes as the Sync endpoint. */
  baseUrl: string;
  origin: string;
  directoryId: string;
  token: string;
  adminToken: string;
  port: number;
  store: Directory;
  faults: FaultInjector;
  /** The quirks played, switchable at run time. */
  quirks: ServerQuirks;
  stats: RequestStats;
  /** Stops accepting requests, drops open connections (hung ones included) and saves the snapshot. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const snapshot = options.snapshotFile === undefined ? undefined : await readSnapshot(options.snapshotFile);
  const directoryId = options.directoryId ?? snapshot?.directoryId ?? randomUUID();
  const token = options.token ?? randomBytes(24).toString("base64url");
  const store = new Directory();
  if (options.groupMemberCap !== undefined) store.groups.memberCap = options.groupMemberCap;
  if (snapshot) {
    store.users.restore(snapshot.users);
    store.groups.restore(snapshot.groups);
  }
  if (store.users.size === 0) seed(store, options.seedUsers ?? []);

  const writer =
    options.snapshotFile === undefined
      ? undefined
      : createSnapshotWriter(
          options.snapshotFile,
          () => toSnapshot(directoryId, store),
          (error) => console.error(`The sandbox could not save its snapshot to ${options.snapshotFile}:`, error),
        );
  const context: SandboxContext = {
    directoryId,
    token,
    adminToken: options.adminToken ?? token,
    directory: store,
    faults: new FaultInjector(options.faults),
    quirks: new ServerQuirks(options.quirks),
    stats: new RequestStats(),
    origin: "",
    quiet: options.quiet ?? false,
    onChange: () => writer?.schedule(),
  };

  const server = createServer(createRequestHandler(context));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  context.origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  writer?.schedule();

  return {
    baseUrl: `${context.origin}/scim/directory/${directoryId}`,
    origin: context.origin,
    directoryId,
    token,
    adminToken: context.adminToken,
    port,
    store,
    faults: context.faults,
    quirks: context.quirks,
    stats: context.stats,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await writer?.flush();
    },
  };
}

function seed(store: Directory, users: readonly Record<string, unknown>[]): void {
  const now = new Date();
  for (const user of users) {
    const attributes = coerceAttributes(user, USER_CATALOGUE);
    checkUser(attributes);
    store.users.create(attributes, now);
  }
}
