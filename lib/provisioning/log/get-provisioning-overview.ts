import "server-only";
import { db, type Tx } from "../../db";
import { OPERATION_KIND_LABELS } from "./labels";
import { fillDailySeries, seriesWindow, utcDay, type DayStatusCount, type SeriesDay } from "./operation-series";
import { filterSearchParams, type OperationStatusName } from "./schemas";
import type { SetupAppFacts } from "./setup-checklist";

const DAY_MS = 24 * 60 * 60 * 1000;
export const APP_STATES = ["ACTIVE", "PAUSED", "QUARANTINED", "DRAFT"] as const;
export type AppStateName = (typeof APP_STATES)[number];

/** One app as the overview shows its health, with the facts the getting-started checklist needs. */
export interface AppHealth extends SetupAppFacts {
  catalogKey: string;
  state: AppStateName;
  quarantineReason: string | null;
  /** The last operation sent to the app or the last sync run's end (or start), whichever is later. */
  lastSyncAt: Date | null;
  /** Operations to the app that failed in the 24 hours before `now`. */
  failures24h: number;
}

/**
 * Every app of the organization, oldest first, in one query: state, quarantine reason, last sync, failures in the
 * last 24 hours and how far its setup has got. The correlated subqueries each read the operations' (app, time)
 * index or the sync runs' (app, start) index, so the cost grows with the apps, not with the log.
 */
export async function listAppHealth(organizationId: string, now: Date): Promise<AppHealth[]> {
  const since = new Date(now.getTime() - DAY_MS);
  const rows = await db.$queryRaw<(Omit<AppHealth, "lastSyncAt"> & { lastOperationAt: Date | null; lastRunAt: Date | null })[]>`
    SELECT a.id::text AS id, a.name, a.catalog_key AS "catalogKey", a.state::text AS state, a.quarantine_reason AS "quarantineReason",
      a.base_url AS "baseUrl", a.token_last4 AS "tokenLast4", a.authorized_at AS "authorizedAt",
      a.mapping_saved_at AS "mappingSavedAt", a.actions_saved_at AS "actionsSavedAt",
      (SELECT o.created_at FROM operations o WHERE o.app_id = a.id ORDER BY o.created_at DESC LIMIT 1) AS "lastOperationAt",
      (SELECT coalesce(r.finished_at, r.started_at) FROM sync_runs r WHERE r.app_id = a.id AND NOT r.dry_run
        ORDER BY r.started_at DESC LIMIT 1) AS "lastRunAt",
      (SELECT count(*)::int FROM operations o WHERE o.app_id = a.id AND o.status = 'FAILED' AND o.created_at >= ${since}
        AND o.created_at <= ${now}) AS "failures24h",
      (EXISTS (SELECT 1 FROM assignments s WHERE s.app_id = a.id)
        OR EXISTS (SELECT 1 FROM group_assignments g WHERE g.app_id = a.id)) AS "hasAssignees",
      EXISTS (SELECT 1 FROM operations o WHERE o.app_id = a.id AND o.status = 'SUCCEEDED') AS "hasSucceeded"
    FROM apps a
    WHERE a.organization_id = ${organizationId}::uuid
    ORDER BY a.created_at, a.id`;
  return rows.map(({ lastOperationAt, lastRunAt, ...app }) => ({
    ...app,
    lastSyncAt: [lastOperationAt, lastRunAt].reduce<Date | null>((latest, time) => (time && (!latest || time > latest) ? time : latest), null),
  }));
}

/** Apps by state, from the health rows. */
export function countAppsByState(apps: readonly Pick<AppHealth, "state">[]): Record<AppStateName, number> & { total: number } {
  const counts = { total: apps.length, ACTIVE: 0, PAUSED: 0, QUARANTINED: 0, DRAFT: 0 };
  for (const app of apps) counts[app.state] += 1;
  return counts;
}

/**
 * The organization's operations per UTC day and outcome over the `days` days up to `now`'s, gaps filled with
 * zeros. Days are UTC days whatever the database session's time zone.
 */
export async function getOperationSeries(organizationId: string, now: Date, days?: number, client: Tx = db): Promise<SeriesDay[]> {
  const { from, to } = seriesWindow(now, days);
  const counts = await client.$queryRaw<DayStatusCount[]>`
    SELECT to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, o.status::text AS status, count(*)::int AS count
    FROM operations o JOIN apps a ON a.id = o.app_id
    WHERE a.organization_id = ${organizationId}::uuid AND o.created_at >= ${from} AND o.created_at < ${to}
    GROUP BY 1, 2`;
  return fillDailySeries(counts, now, days);
}

export interface RecentFailure {
  id: string;
  createdAt: Date;
  appId: string;
  appName: string;
  label: string;
  isGroup: boolean;
  kindLabel: string;
  reason: string;
  /** The app's log, filtered to failures of this person (or group) on that UTC day. */
  logHref: string;
}

/** The part of a log label the log's search finds it by: the e-mail of "Dana Lee <dana@example.com>", else the label. */
function searchKey(label: string): string {
  return (/<([^>]+)>$/.exec(label)?.[1] ?? label).slice(0, 200);
}

/** The organization's latest failed operations, newest first. */
export async function listRecentFailures(organizationId: string, limit = 5): Promise<RecentFailure[]> {
  const rows = await db.operation.findMany({
    where: { status: "FAILED", app: { organizationId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      createdAt: true,
      appId: true,
      userLabel: true,
      groupId: true,
      kind: true,
      message: true,
      httpStatus: true,
      app: { select: { name: true } },
    },
  });
  return rows.map((row) => {
    const day = utcDay(row.createdAt);
    const status: OperationStatusName = "FAILED";
    const query = filterSearchParams({ status, q: searchKey(row.userLabel), from: day, to: day });
    return {
      id: row.id,
      createdAt: row.createdAt,
      appId: row.appId,
      appName: row.app.name,
      label: row.userLabel,
      isGroup: row.groupId !== null,
      kindLabel: OPERATION_KIND_LABELS[row.kind],
      reason: row.message ?? (row.httpStatus ? `The app answered HTTP ${row.httpStatus} without saying why.` : "No reason was recorded."),
      logHref: `/applications/${row.appId}/log?${query.toString()}`,
    };
  });
}
