import "server-only";
import { db } from "../../db";
import { verificationRecord } from "./verification-record";

/** The organization's domains by name, each with its TXT record and how many people have e-mails on it. */
export async function listDomains(organizationId: string) {
  const domains = await db.domain.findMany({
    where: { organizationId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, verificationToken: true, verifiedAt: true, lastCheckedAt: true, lastCheckError: true, createdAt: true },
  });
  if (domains.length === 0) return [];
  const counts = await db.$queryRaw<{ domain: string; people: number }[]>`
    SELECT split_part(email, '@', 2) AS domain, count(*)::int AS people
    FROM users
    WHERE organization_id = ${organizationId}::uuid AND split_part(email, '@', 2) = ANY(${domains.map((domain) => domain.name)})
    GROUP BY 1`;
  const people = new Map(counts.map((row) => [row.domain, row.people]));
  return domains.map(({ verificationToken, ...domain }) => ({
    ...domain,
    people: people.get(domain.name) ?? 0,
    record: verificationRecord({ name: domain.name, verificationToken }),
  }));
}

export type DomainListItem = Awaited<ReturnType<typeof listDomains>>[number];
