import "server-only";
import type { Tx } from "../db";

export type SignInOutcomeName = "SUCCEEDED" | "FAILED";

/** Why a sign-in failed, in the log's words (the key is stored; the words are shown). */
export const SIGN_IN_REASONS = {
  wrong_password: "Wrong password",
  wrong_code: "Wrong or reused two-step code",
  rate_limited: "Too many attempts",
  inactive: "Person is inactive",
  not_assigned: "App not assigned to the person",
} as const satisfies Record<string, string>;
export type SignInReason = keyof typeof SIGN_IN_REASONS;

export interface SignInEventInput {
  organizationId: string;
  person: { id: string | null; label: string };
  /** The app signed in to through single sign-on; none for Roster itself. */
  app?: { id: string; label: string } | null;
  outcome: SignInOutcomeName;
  reason?: SignInReason | null;
  /** How the person proved who they are, e.g. "password", "password and code", "password and recovery code". */
  method?: string | null;
  ip?: string | null;
}

/**
 * One line of the sign-in log: who, to Roster or to which app, when, from where, and how it ended. Every
 * sign-in path calls this (Roster's own, and single sign-on to an app); pass the transaction of the change
 * when there is one.
 */
export async function recordSignIn(client: Tx, event: SignInEventInput): Promise<void> {
  await client.signInEvent.create({
    data: {
      organizationId: event.organizationId,
      userId: event.person.id,
      userLabel: event.person.label,
      appId: event.app?.id ?? null,
      appLabel: event.app?.label ?? null,
      outcome: event.outcome,
      reason: event.reason ?? null,
      method: event.method ?? null,
      ip: event.ip ?? null,
    },
    select: { id: true },
  });
}
