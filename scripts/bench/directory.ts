/**
 * The users list at 100,000 people: server time of `listUsers` (the page query
 * and the count, as the Users page runs them) for the first page, a deep page,
 * a search and a filter. One JSON line per case.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { percentile, withBenchDatabase } from "./support/bench-database";

const USERS = 100_000;
const RUNS = 60;
const WARMUP = 5;

async function seed(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO organizations (id, name, plan, updated_at) VALUES (gen_random_uuid(), 'Bench Org', 'PROFESSIONAL', now()) RETURNING id`,
    );
    const organizationId = rows[0]!.id;
    // Realistic spread: 400 first names × 250 last names, 12 departments, 8% deactivated.
    await client.query(
      `INSERT INTO users (id, organization_id, email, first_name, last_name, title, department, status, created_at, updated_at)
       SELECT gen_random_uuid(), $1,
              'person' || i || '@bench.example',
              'First' || (i % 400), 'Last' || (i % 250),
              'Title ' || (i % 30),
              (ARRAY['Engineering','Sales','Marketing','Support','Finance','People','Design','Product','Legal','Operations','Research','IT'])[1 + i % 12],
              CASE WHEN i % 13 = 0 THEN 'INACTIVE'::"UserStatus" ELSE 'ACTIVE'::"UserStatus" END,
              now() - (i || ' minutes')::interval, now()
         FROM generate_series(1, $2) AS i`,
      [organizationId, USERS],
    );
    await client.query("ANALYZE users");
    return organizationId;
  } finally {
    await client.end();
  }
}

export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const organizationId = await seed(url);
    const { listUsers, encodeUserCursor } = await import("../../lib/directory/users/list-users");
    const { db } = await import("../../lib/db");

    const deepRow = await db.user.findMany({
      where: { organizationId },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
      skip: 90_000,
      take: 1,
      select: { lastName: true, firstName: true, id: true },
    });
    const deepCursor = encodeUserCursor({ lastName: deepRow[0]!.lastName, firstName: deepRow[0]!.firstName, id: deepRow[0]!.id });

    const cases = {
      "first-page": { sort: "name", dir: "asc" },
      "deep-page": { sort: "name", dir: "asc", after: deepCursor },
      search: { sort: "name", dir: "asc", q: "person4242" },
      filter: { sort: "name", dir: "asc", department: "Engineering", status: "INACTIVE" },
    } as const;

    for (const [name, query] of Object.entries(cases)) {
      const times: number[] = [];
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const started = performance.now();
        const page = await listUsers(organizationId, query);
        const elapsed = performance.now() - started;
        if (page.users.length === 0) throw new Error(`The ${name} case found nobody; the benchmark is broken.`);
        if (i >= WARMUP) times.push(elapsed);
      }
      times.sort((a, b) => a - b);
      console.log(JSON.stringify({ bench: "directory.list", case: name, users: USERS, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) }));
    }
    await db.$disconnect();
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
