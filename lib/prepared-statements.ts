/**
 * Names for PostgreSQL prepared statements, so that a query PostgreSQL has seen on a connection is not parsed
 * and planned again on every call: for the small, hot reads behind every request this is most of the database's
 * work (a sign-in's two reads cost PostgreSQL about a third as much CPU named as unnamed).
 *
 * A named statement stays on its connection until the connection closes, on both sides, so the names are
 * bounded: only texts with at most `maxParameters` parameters get one (Prisma writes a list of N ids as N
 * parameters and a bulk insert as one per value, so those texts change with their length), and only the first
 * `maxNames` such texts of the process. Anything else runs unnamed, exactly as before.
 */
export interface StatementNamer {
  (query: { sql: string; args: readonly unknown[] }): string;
  /** How many texts have a name so far. */
  readonly size: number;
}

export function statementNamer({ maxNames = 256, maxParameters = 24 } = {}): StatementNamer {
  const names = new Map<string, string>();
  const name = (query: { sql: string; args: readonly unknown[] }): string => {
    const known = names.get(query.sql);
    if (known !== undefined) return known;
    // "" is node-postgres's unnamed statement: parsed and planned for this call only.
    if (query.args.length > maxParameters || names.size >= maxNames) return "";
    const given = `roster_${names.size + 1}`;
    names.set(query.sql, given);
    return given;
  };
  return Object.defineProperty(name, "size", { get: () => names.size }) as StatementNamer;
}
