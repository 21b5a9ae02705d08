import "server-only";
import pg from "pg";
import { readEnv } from "../../env";

/**
 * One sync of an (app, person) pair at a time, across every worker and web process, without a
 * database transaction: the pair's lock is a PostgreSQL session advisory lock, held on one
 * connection of this process that is never inside a transaction. Taking and releasing are single
 * short statements; while the SCIM requests run, the connection is idle, so no transaction of
 * Roster's is open during a request (checked by a test with pg_stat_activity).
 *
 * Locks are only ever tried, never waited for (a blocked `pg_advisory_lock` would be a statement,
 * and so a transaction, open for as long as the other holder's requests take): whoever finds a pair
 * busy comes back to it later (see syncPairs).
 *
 * If this process dies, its connection closes and PostgreSQL drops its locks, so a crashed worker
 * never leaves a pair locked. The same happens if the connection itself breaks while this process
 * lives: the locks are gone (the holders finish what they sent and record it; only a second sync of
 * the same pair could overlap them meanwhile).
 */

let connection: Promise<pg.Client> | null = null;
let generation = 0;
/** The connection's statements, one after the other (a pg client does not take a query while another runs). */
let queue: Promise<unknown> = Promise.resolve();

function serially<T>(statement: () => Promise<T>): Promise<T> {
  const next = queue.then(statement, statement);
  queue = next.catch(() => {});
  return next;
}

function lockKey(appId: string): string {
  return `reconcile:${appId}:`;
}

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: readEnv("DATABASE_URL"), keepAlive: true, application_name: "roster-pair-locks" });
  client.on("error", () => {
    // The session, and every lock it held, is gone; the next lock opens a new one.
    if (connection) generation += 1;
    connection = null;
  });
  await client.connect();
  // The lock connection alone must not keep a process alive (a test, a script that is done).
  (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
  return client;
}

function lockConnection(): Promise<pg.Client> {
  connection ??= connect().catch((error: unknown) => {
    connection = null;
    throw error;
  });
  return connection;
}

export interface PairLocks {
  /** The people whose pair this holder now owns. */
  locked: string[];
  /** The people another sync holds right now. */
  busy: string[];
  /** Releases the given people's locks (all that are still held when left out). */
  release(userIds?: readonly string[]): Promise<void>;
}

/** Tries to lock every (appId, userId) pair; never waits. The same keys as the earlier transaction locks. */
export async function lockPairs(appId: string, userIds: readonly string[]): Promise<PairLocks> {
  return lockIds(lockKey(appId), userIds);
}

/** The same for a pushed group of the app: one reconcile of a group at a time. */
export async function lockGroup(appId: string, groupId: string): Promise<PairLocks> {
  return lockIds(`reconcile-group:${appId}:`, [groupId]);
}

async function lockIds(prefix: string, userIds: readonly string[]): Promise<PairLocks> {
  const client = await lockConnection();
  const takenIn = generation;
  const ids = [...new Set(userIds)];
  const { rows } = await serially(() =>
    client.query<{ user_id: string }>(
      `SELECT user_id::text FROM unnest($1::uuid[]) AS user_id WHERE pg_try_advisory_lock(hashtextextended($2 || user_id::text, 0))`,
      [ids, prefix],
    ),
  );
  const locked = rows.map((row) => row.user_id);
  const mine = new Set(locked);
  const held = new Set(locked);
  return {
    locked,
    busy: ids.filter((id) => !mine.has(id)),
    async release(userIds?: readonly string[]) {
      const releasing = (userIds ?? [...held]).filter((id) => held.has(id));
      for (const id of releasing) held.delete(id);
      if (releasing.length === 0) return;
      if (generation !== takenIn) return; // The session that held them is gone, and the locks with it.
      await serially(() =>
        client.query(`SELECT pg_advisory_unlock(hashtextextended($2 || user_id::text, 0)) FROM unnest($1::uuid[]) AS user_id`, [releasing, prefix]),
      );
    },
  };
}

/** Closes the lock connection (a worker shutting down); its locks go with it. */
export async function closePairLocks(): Promise<void> {
  const open = connection;
  connection = null;
  generation += 1;
  if (open) await (await open).end().catch(() => {});
}
