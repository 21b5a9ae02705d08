/**
 * The person e2e/people-sign-in.spec.ts signs in as, and the app on their My apps: a directory person without a
 * role or password, assigned directly to an app still in draft (so nothing is sent anywhere when they are
 * deactivated). Seeded by e2e/support/serve.ts straight to the database.
 */
import type { Db } from "../../lib/db";

export const PORTAL_PERSON = { email: "pia.portal@halden.example", firstName: "Pia", lastName: "Portal", name: "Pia Portal" } as const;
export const PORTAL_APP = { id: "5e1f5e1f-0000-4000-8000-00000000b001", name: "Handbook Wiki" } as const;

export async function seedPeopleSignIn(db: Db): Promise<void> {
  const { id: organizationId } = await db.organization.findFirstOrThrow({ select: { id: true } });
  const person = await db.user.create({
    data: { organizationId, email: PORTAL_PERSON.email, firstName: PORTAL_PERSON.firstName, lastName: PORTAL_PERSON.lastName, department: "Support" },
    select: { id: true },
  });
  await db.app.create({
    data: { id: PORTAL_APP.id, organizationId, catalogKey: "scim", name: PORTAL_APP.name, assignments: { create: { userId: person.id } } },
    select: { id: true },
  });
}
