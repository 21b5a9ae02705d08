import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { USER_FIELD_LABELS, USER_PROFILE_FIELDS } from "../schemas/user";
import { buildUserWhere, type UserFilter } from "../users/list-users";
import { formatCsvRow } from "../../csv/neutralise-csv-cell";

const PAGE_SIZE = 1_000;

/** Every profile field, in the order the import reads them back; the headers are the form's labels. */
const EXPORT_FIELDS = USER_PROFILE_FIELDS;

const STATUS_LABELS = { ACTIVE: "Active", INACTIVE: "Deactivated" } as const;

/**
 * The people the users list's filter matches, as CSV text in pages of 1,000,
 * ordered by name: a UTF-8 byte-order mark (so Excel reads the accents) and
 * the header first. Every cell is neutralised against formula injection.
 */
export async function* exportPeopleCsv(organizationId: string, filter: UserFilter): AsyncGenerator<string> {
  yield `\uFEFF${formatCsvRow(EXPORT_FIELDS.map((field) => USER_FIELD_LABELS[field]))}`;
  const where = buildUserWhere(organizationId, filter);
  let after: { lastName: string; firstName: string; id: string } | null = null;
  for (;;) {
    const keyset: Prisma.UserWhereInput = after
      ? {
          OR: [
            { lastName: { gt: after.lastName } },
            { lastName: after.lastName, firstName: { gt: after.firstName } },
            { lastName: after.lastName, firstName: after.firstName, id: { gt: after.id } },
          ],
        }
      : {};
    const people = await db.user.findMany({
      where: { AND: [where, keyset] },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
      take: PAGE_SIZE,
      select: { id: true, ...Object.fromEntries(EXPORT_FIELDS.map((field) => [field, true])) } as { id: true } & Record<(typeof EXPORT_FIELDS)[number], true>,
    });
    if (people.length === 0) return;
    yield people.map((person) => formatCsvRow(EXPORT_FIELDS.map((field) => (field === "status" ? STATUS_LABELS[person.status] : person[field])))).join("");
    if (people.length < PAGE_SIZE) return;
    const last = people.at(-1)!;
    after = { lastName: last.lastName, firstName: last.firstName, id: last.id };
  }
}
