import "server-only";
import { AppError } from "../../app-error";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import type { AppWriteContext } from "../apps/app-audit";
import { reconcileUser } from "./sync-pairs";

/** How long Provision now waits for another sync of the same person to end before saying so. */
const PROVISION_NOW_LOCK_WAIT_MS = 10_000;

/**
 * "Provision now": reconciles one person in one app right away, in this
 * request, instead of waiting for the worker, and answers with each step it
 * took. The request is audited on the person.
 */
export async function provisionUserNow(appId: string, userId: string, context: AppWriteContext) {
  const [app, person, account] = await Promise.all([
    db.app.findFirst({ where: { id: appId, organizationId: context.organizationId }, select: { id: true, name: true } }),
    db.user.findFirst({ where: { id: userId, organizationId: context.organizationId }, select: { email: true, firstName: true, lastName: true } }),
    db.account.findFirst({ where: { appId, userId, app: { organizationId: context.organizationId } }, select: { userLabel: true } }),
  ]);
  if (!app) throw new AppError("not_found", "This app no longer exists.");
  if (!person && !account) throw new AppError("not_found", "This person is not in the directory any more and has no account in the app.");
  const started = Date.now();
  // A batch of one through the engine. If another sync holds the person, wait for it a little; a failure
  // to retry is queued as the person's job, since no job is running this one.
  const result = await reconcileUser(appId, userId, { queueRetries: true, waitForLockMs: PROVISION_NOW_LOCK_WAIT_MS });
  const durationMs = Date.now() - started;
  await recordAuditEvent(db, {
    organizationId: context.organizationId,
    actor: context.actor,
    action: "user.provisioned_now",
    target: { type: "user", id: userId, label: person ? `${person.firstName} ${person.lastName}` : account!.userLabel },
    changes: { app: { from: null, to: app.name } },
    ip: context.ip,
  });
  return { steps: result.steps, changed: result.changed, retrying: result.retry !== null, durationMs };
}

export type ProvisionNowResult = Awaited<ReturnType<typeof provisionUserNow>>;
