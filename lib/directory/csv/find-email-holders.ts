import "server-only";
import { db, type Tx } from "../../db";

/** Lookups are chunked so that a 20,000-row file does not make one huge IN list. */
const LOOKUP_CHUNK = 2_000;

/** Who already holds each of these e-mails in the organization: e-mail → the person's name. */
export async function findEmailHolders(organizationId: string, emails: readonly string[], client: Tx = db): Promise<Map<string, string>> {
  const holders = new Map<string, string>();
  for (let start = 0; start < emails.length; start += LOOKUP_CHUNK) {
    const people = await client.user.findMany({
      where: { organizationId, email: { in: emails.slice(start, start + LOOKUP_CHUNK) } },
      select: { email: true, firstName: true, lastName: true, displayName: true },
    });
    for (const person of people) holders.set(person.email, person.displayName || `${person.firstName} ${person.lastName}`);
  }
  return holders;
}
