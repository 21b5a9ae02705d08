import { parseArgs } from "node:util";
import { demoUsers } from "./demo-users.ts";
import { startSandbox } from "./start-sandbox.ts";

const USAGE = `Usage: npm run sandbox -- [options]

Starts an Atlassian-like SCIM server on this machine.

  --port <n>            port to listen on (env SANDBOX_PORT, default 8790; 0 picks a free one)
  --token <key>         the SCIM API key (env SANDBOX_TOKEN, default: a random one)
  --directory-id <id>   the directory in the URL (env SANDBOX_DIRECTORY_ID, default: from the snapshot, else random)
  --snapshot <file>     keep users in this JSON file across restarts (env SANDBOX_SNAPSHOT)
  --seed <n>            create n demo users when the directory is empty (env SANDBOX_SEED)
  --quiet               do not log each request
  --help                show this text`;

// A developer tool run on its own, so it reads its few settings directly instead of through lib/env.ts.
const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SANDBOX_PORT ?? "8790" },
    token: { type: "string", default: process.env.SANDBOX_TOKEN },
    "directory-id": { type: "string", default: process.env.SANDBOX_DIRECTORY_ID },
    snapshot: { type: "string", default: process.env.SANDBOX_SNAPSHOT },
    seed: { type: "string", default: process.env.SANDBOX_SEED ?? "0" },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = wholeNumber("--port", values.port, 65_535);
const seed = wholeNumber("--seed", values.seed, 100_000);

try {
  const sandbox = await startSandbox({
    port,
    token: values.token,
    directoryId: values["directory-id"],
    snapshotFile: values.snapshot,
    seedUsers: demoUsers(seed),
    quiet: values.quiet,
  });
  console.log(`Atlassian-like SCIM sandbox ready (${sandbox.store.users.size} users).
  Sync endpoint: ${sandbox.baseUrl}
  SCIM token:    ${sandbox.token}
  Controls:      ${sandbox.origin}/__sandbox/{faults,quirks,limits,stats,reset,users,groups} (same token)
Press Ctrl+C to stop.`);

  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  const reason = (error as NodeJS.ErrnoException).code === "EADDRINUSE" ? `port ${port} is already in use; pass --port` : (error as Error).message;
  console.error(`The sandbox could not start: ${reason}`);
  process.exit(1);
}

function wholeNumber(flag: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    console.error(`${flag} must be a whole number from 0 to ${max}, not "${text}".\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
}
