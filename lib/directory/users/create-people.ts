import "server-only";
import type { Tx } from "../../db";
import type { UserInput } from "../schemas/user";
import { creationChanges } from "./save-user";
import { recordUserChanges, type UserWriteContext } from "./user-audit";

export interface PersonName {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
}

/**
 * The bulk form of `createUser`, for imports: creates people (inputs parsed with
 * `userInput`) in one statement whose only parameter is the people as JSON, with
 * the same rows and the same `user.created` events, in the caller's transaction.
 *
 * Race-safe on e-mail: a person whose e-mail is taken (by someone already in the
 * directory, by an earlier input of the same call, or by another transaction
 * that commits first) is not created; `held` says who holds that e-mail instead.
 * A new person has no apps yet, so there is nothing to mark for reconcile.
 */
export async function createPeople(
  tx: Tx,
  context: UserWriteContext,
  inputs: readonly UserInput[],
): Promise<{ created: Map<string, PersonName>; held: Map<string, PersonName> }> {
  const byEmail = new Map<string, UserInput>();
  for (const input of inputs) if (!byEmail.has(input.email)) byEmail.set(input.email, input);
  const created = new Map<string, PersonName>();
  const held = new Map<string, PersonName>();
  if (byEmail.size === 0) return { created, held };

  const rows = await tx.$queryRaw<PersonName[]>`
    INSERT INTO users (id, organization_id, email, first_name, last_name, display_name, employee_id, title, department, mobile, locale, timezone, status, updated_at)
    SELECT gen_random_uuid(), ${context.organizationId}::uuid, p.email, p."firstName", p."lastName", p."displayName", p."employeeId", p.title, p.department, p.mobile, p.locale, p.timezone, p.status::"UserStatus", now()
    FROM jsonb_to_recordset(${JSON.stringify([...byEmail.values()])}::jsonb) AS p(
      email text, "firstName" text, "lastName" text, "displayName" text, "employeeId" text, title text, department text, mobile text, locale text, timezone text, status text
    )
    ON CONFLICT (organization_id, email) DO NOTHING
    RETURNING id::text, first_name AS "firstName", last_name AS "lastName", email`;
  for (const person of rows) created.set(person.email, person);

  const taken = [...byEmail.keys()].filter((email) => !created.has(email));
  if (taken.length > 0) {
    const holders = await tx.user.findMany({
      where: { organizationId: context.organizationId, email: { in: taken } },
      select: { id: true, firstName: true, lastName: true, email: true },
    });
    for (const holder of holders) held.set(holder.email, holder);
  }

  await recordUserChanges(
    tx,
    context,
    rows.map((person) => ({ user: person, action: "user.created", changes: creationChanges(byEmail.get(person.email)!) })),
  );
  return { created, held };
}
