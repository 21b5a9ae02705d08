import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createScimClient, type ScimUserInput } from "../../lib/scim/index.ts";

/**
 * How much of the sandbox's capacity for POST /Users the SCIM client can use. The sandbox runs in
 * a child process so that the load generator (autocannon, then the client) and the server each
 * have a core, and neither measurement includes the other's CPU.
 *
 * Prints one JSON line. `ratio` compares the client at its default concurrency (4) with
 * autocannon at as many connections; both numbers come from the same sandbox process, reset
 * between phases, each after a warm-up.
 */

const AUTOCANNON_CONNECTIONS = 4;
const AUTOCANNON_SECONDS = 5;
const WARMUP_SECONDS = 2;
const CLIENT_CREATES = 3_000;
/** Rounds of CLIENT_CREATES, each after a reset; the median is reported, as one short round is noisy. */
const CLIENT_ROUNDS = 5;
const CLIENT_WARMUP_ROUNDS = 4;
const TOKEN = "bench-token";
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface AutocannonResult {
  "2xx": number;
  non2xx: number;
  errors: number;
  duration: number;
}

interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest & { body: string };
}

// autocannon ships no types; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

export async function run(): Promise<void> {
  const sandbox = await startSandboxProcess();
  try {
    // A first, unmeasured round lets V8 optimise the sandbox before either phase is timed.
    await measureSandbox(sandbox.baseUrl, WARMUP_SECONDS);
    await reset(sandbox.origin);
    const sandboxOpsPerSec = await measureSandbox(sandbox.baseUrl, AUTOCANNON_SECONDS);
    await reset(sandbox.origin);
    const clientOpsPerSec = await measureClient(sandbox.baseUrl, sandbox.origin);
    console.log(
      JSON.stringify({
        bench: "scim.create",
        sandboxOpsPerSec: Math.round(sandboxOpsPerSec),
        clientOpsPerSec: Math.round(clientOpsPerSec),
        ratio: Math.round((clientOpsPerSec / sandboxOpsPerSec) * 100) / 100,
        connections: AUTOCANNON_CONNECTIONS,
        clientConcurrency: 4,
        clientCreates: CLIENT_CREATES,
        clientRounds: CLIENT_ROUNDS,
      }),
    );
  } finally {
    sandbox.process.kill("SIGTERM");
    await once(sandbox.process, "exit");
  }
}

export async function measureSandbox(baseUrl: string, seconds: number, connections = AUTOCANNON_CONNECTIONS): Promise<number> {
  let sequence = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: new URL(`${baseUrl}/Users`).pathname,
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/scim+json" },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(benchUser(`cannon-${seconds}-${(sequence += 1)}`)) }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`autocannon saw ${result.non2xx} failed answers and ${result.errors} errors.`);
  return result["2xx"] / result.duration;
}

async function measureClient(baseUrl: string, origin: string): Promise<number> {
  const scim = createScimClient({ baseUrl, token: TOKEN });
  let batch = 0;
  const createBatch = async () => {
    batch += 1;
    const startedAt = performance.now();
    await Promise.all(Array.from({ length: CLIENT_CREATES }, (_, index) => scim.users.create(benchUser(`client-${batch}-${index}`))));
    const opsPerSec = CLIENT_CREATES / ((performance.now() - startedAt) / 1000);
    await reset(origin);
    return opsPerSec;
  };

  // V8 optimises by call count, not by time: the client needs about 10,000 creates to settle,
  // as many as autocannon sends the sandbox in its first warm-up second.
  for (let round = 0; round < CLIENT_WARMUP_ROUNDS; round += 1) await createBatch();
  const rounds: number[] = [];
  for (let round = 0; round < CLIENT_ROUNDS; round += 1) rounds.push(await createBatch());
  return median(rounds);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The same body for both phases, so the sandbox does the same work per request. */
function benchUser(name: string): ScimUserInput & { schemas: string[] } {
  const email = `${name}@bench.example`;
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: email,
    name: { givenName: "Bench", familyName: name },
    emails: [{ value: email, type: "work", primary: true }],
    active: true,
  };
}

export async function reset(origin: string): Promise<void> {
  const response = await fetch(`${origin}/__sandbox/reset`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } });
  if (!response.ok) throw new Error(`Resetting the sandbox failed with HTTP ${response.status}.`);
}

export async function startSandboxProcess(): Promise<{ process: ChildProcess; baseUrl: string; origin: string; token: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/sandbox/cli.ts", "--port", "0", "--token", TOKEN, "--quiet"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    const baseUrl = /Sync endpoint: (\S+)/.exec(output)?.[1];
    if (baseUrl) return { process: child, baseUrl, origin: new URL(baseUrl).origin, token: TOKEN };
  }
  throw new Error(`The sandbox did not start:\n${output}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
