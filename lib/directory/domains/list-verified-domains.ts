import "server-only";
import { db } from "../../db";

/** The organization's verified e-mail domains, lower-cased. */
export async function listVerifiedDomainNames(organizationId: string): Promise<Set<string>> {
  const rows = await db.domain.findMany({ where: { organizationId, verifiedAt: { not: null } }, select: { name: true } });
  return new Set(rows.map((row) => row.name));
}

/** The part of an e-mail after the @, which is what a domain verification covers. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}
